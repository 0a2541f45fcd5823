/** (being written) */
import { declareOps, implementOps } from './opTable.js';

export const indexingDecls = declareOps({});
export const indexingImpls = implementOps(indexingDecls, {});
