/** The gradient-check and Torch-test-kind cases of the 'dpnn' group (merged by test/gradcheck-cases.ts). */
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';

export const moduleCases: ModuleCase[] = [];
export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {};
