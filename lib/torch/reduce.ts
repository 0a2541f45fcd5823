/** (being written) */
import { declareOps, implementOps } from './opTable.js';

export const reduceDecls = declareOps({});
export const reduceImpls = implementOps(reduceDecls, {});
