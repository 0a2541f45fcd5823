/** The exports of the 'shape' group (re-exported by the package's index.ts). */
export {};
