/** The exports of the 'pooling' group (re-exported by the package's index.ts). */
export {};
