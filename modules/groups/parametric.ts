/** The exports of the 'parametric' group (re-exported by the package's index.ts). */
export {};
