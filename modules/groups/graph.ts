/** The exports of the 'graph' group (re-exported by the package's index.ts). */
export {};
