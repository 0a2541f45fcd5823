/** The exports of the 'pointwise' group (re-exported by the package's index.ts). */
export {};
