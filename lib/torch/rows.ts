/**
 * Every family of the op table: its declarations (pure data, from which lib/torch/opTypes.ts
 * derives the public types) and its implementations, in the order their methods are installed.
 */
import type { Family } from './opTable.js';
import { pointwiseDecls, pointwiseImpls } from './pointwise.js';
import { convertDecls, convertImpls } from './convert.js';
import { reduceDecls, reduceImpls } from './reduce.js';
import { linalgDecls, linalgImpls } from './linalg.js';
import { indexingDecls, indexingImpls } from './indexing.js';
import { randomDecls, randomImpls } from './randomFills.js';

/** The declarations only: what the types are derived from. */
export const ALL_DECLS = [pointwiseDecls, convertDecls, reduceDecls, linalgDecls, indexingDecls, randomDecls] as const;

export const FAMILIES: readonly Family[] = [
  { title: 'Pointwise', decls: pointwiseDecls, impls: pointwiseImpls },
  { title: 'Types, casts and element access', decls: convertDecls, impls: convertImpls },
  { title: 'Reductions, scans and sorting', decls: reduceDecls, impls: reduceImpls },
  { title: 'Linear algebra', decls: linalgDecls, impls: linalgImpls },
  { title: 'Indexing', decls: indexingDecls, impls: indexingImpls },
  { title: 'Random fills', decls: randomDecls, impls: randomImpls },
];
