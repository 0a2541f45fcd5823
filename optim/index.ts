/** The `optim` namespace: the optimizer classes and learning-rate schedules. */
export { SGD, type SGDOptions } from './SGD.js';
export { Adam, type AdamOptions } from './Adam.js';
export { linearDecay, ReduceLROnPlateau } from './schedules.js';
