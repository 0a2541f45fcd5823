/** (being written) */
import { declareOps, implementOps } from './opTable.js';

export const linalgDecls = declareOps({});
export const linalgImpls = implementOps(linalgDecls, {});
