/** The exports of the 'dpnn' group (re-exported by the package's index.ts), and dpnn's Module additions. */
export { weightDecay, outside, type ModuleVisitor } from '../../lib/dpnnModule.js';
export { Serial } from '../Serial.js';
export { Dictionary } from '../Dictionary.js';
export { FireModule } from '../FireModule.js';
export { Inception, type InceptionConfig } from '../Inception.js';
export { SpatialBinaryConvolution } from '../SpatialBinaryConvolution.js';
export { SpatialFeatNormalization } from '../SpatialFeatNormalization.js';
export { SpatialRegionDropout } from '../SpatialRegionDropout.js';
export { SpatialUniformCrop, type CropScale } from '../SpatialUniformCrop.js';
