/** The .t7 entries of the 'dpnn' group's classes (merged into T7_CLASSES by nnClasses.ts). */
import type { T7Entry } from '../../lib/serialization/t7fields.js';

export const CLASSES: readonly T7Entry[] = [];
