/** The exports of the 'criterions' group (re-exported by the package's index.ts). */
export {};
