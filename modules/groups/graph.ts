/** The exports of the 'graph' group (re-exported by the package's index.ts): nngraph's gModule and the nngraph namespace. */
export { gModule } from '../gModule.js';
export * as nngraph from '../../nngraph/index.js';
