/**
 * The geometries of the pooling, batch-norm and upsampling kernels. Pooling: `planes` images of
 * iH × iW, a kH × kW window at stride dH, dW with padding padH, padW (−∞ for max pooling, zeros for
 * average pooling) and taps dilH, dilW apart, giving oH × oW outputs per plane (the module chooses
 * them: floor or ceil mode). Batch norm: B examples of C features of L positions each, (B, C, L)
 * row-major. Upsampling: planes of T × H × W, each cell repeated sT × s × s times.
 */
export interface PoolShape {
  planes: number; iH: number; iW: number; oH: number; oW: number;
  kH: number; kW: number; dH: number; dW: number;
  padH: number; padW: number; dilH: number; dilW: number;
}

/** The geometry as the flat list of numbers the wasm and gpu kernels take (this order). */
export function poolArgs(g: PoolShape): number[] {
  return [g.planes, g.iH, g.iW, g.oH, g.oW, g.kH, g.kW, g.dH, g.dW, g.padH, g.padW, g.dilH, g.dilW];
}

/** How average pooling divides a window's sum: by the window cut to input and padding (includePad) or to the input, times `scale`. */
export interface AvgPoolMode {
  includePad: boolean;
  /** 1, or kH·kW for Torch's `divide = false` (the sums). */
  scale: number;
}

export interface BatchNormShape { B: number; C: number; L: number }

export interface UpsampleShape { planes: number; T: number; H: number; W: number; sT: number; s: number }
