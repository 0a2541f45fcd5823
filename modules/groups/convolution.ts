/** The exports of the 'convolution' group (re-exported by the package's index.ts). */
export { SpatialConvolution, SpatialConvolution as SpatialConvolutionMM } from '../SpatialConvolution.js';
export { SpatialDilatedConvolution } from '../SpatialDilatedConvolution.js';
export { SpatialFullConvolution } from '../SpatialFullConvolution.js';
export { VolumetricConvolution } from '../VolumetricConvolution.js';
export { VolumetricDilatedConvolution } from '../VolumetricDilatedConvolution.js';
export { VolumetricFullConvolution } from '../VolumetricFullConvolution.js';
export { SpatialDepthWiseConvolution } from '../SpatialDepthWiseConvolution.js';
export { SpatialConvolutionLocal } from '../SpatialConvolutionLocal.js';
export { SpatialConvolutionMap } from '../SpatialConvolutionMap.js';
export { SpatialFullConvolutionMap } from '../SpatialFullConvolutionMap.js';
export { tables } from '../convolutionTables.js';
export { SpatialSubSampling } from '../SpatialSubSampling.js';
export { TemporalConvolution } from '../TemporalConvolution.js';
export { TemporalRowConvolution } from '../TemporalRowConvolution.js';
