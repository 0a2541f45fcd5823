/** `dpnn-ts/testing`: the gradient checker. */
export { checkModuleGradients, checkCriterionGradients, type GradCheckOptions, type GradCheckResult } from './jacobian.js';
