/** The exports of the 'dpnn' group (re-exported by the package's index.ts). */
export {};
