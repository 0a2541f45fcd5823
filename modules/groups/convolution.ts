/** The exports of the 'convolution' group (re-exported by the package's index.ts). */
export {};
