/** The exports of the 'sequence' group (re-exported by the package's index.ts). */
export {};
