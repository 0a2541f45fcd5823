/**
 * The same RAM in TensorFlow.js (for the side-by-side benchmarks): the Lua defaults (8×8 glimpse,
 * depth 1, 128/128/256/256, 7 glimpses, σ = 0.22, constant baseline), glimpses cut with
 * tf.image.cropAndResize, REINFORCE as a surrogate loss, one optimizer step per batch of 20.
 */
import type * as tfc from '@tensorflow/tfjs';

type TF = typeof tfc;

export function makeTfjsRam(tf: TF, B = 20, T = 7, H = 256, imageSize = 28) {
  const u = (shape: number[]) => tf.variable(tf.randomUniform(shape, -0.1, 0.1));
  const p = {
    wl: u([2, 128]), bl: u([128]), wg: u([64, 128]), bg: u([128]), wh: u([256, 256]), bh: u([256]), wo: u([256, H]), bo: u([H]),
    start: u([H]), wf: u([H, H]), bf: u([H]), wloc: u([H, 2]), bloc: u([2]), wc: u([H, 10]), bc: u([10]), beta: u([1]),
  };
  const sigma = 0.22, k = 26 / imageSize;
  const optimizer = tf.train.sgd(0.01);
  const boxIdx = tf.tensor1d(Array.from({ length: B }, (_, i) => i), 'int32');

  function step(images: tfc.Tensor4D, labels: tfc.Tensor1D): number {
    const cost = optimizer.minimize(() => {
      let h = tf.zeros([B, H]) as tfc.Tensor2D;
      let logPi = tf.zeros([B]) as tfc.Tensor1D;
      for (let t = 0; t < T; t++) {
        const mu = tf.clipByValue(t === 0 ? tf.tile(tf.reshape(p.bloc, [1, 2]), [B, 1]) : tf.add(tf.matMul(h, p.wloc), p.bloc), -1, 1);
        // the sampled location and the glimpse boxes are constants of the graph (as in dpnn, no gradient flows through them)
        const l = tf.tensor2d(tf.clipByValue(tf.add(mu, tf.mul(tf.randomNormal([B, 2]), sigma)), -1, 1).dataSync(), [B, 2]);
        logPi = tf.add(logPi, tf.sum(tf.div(tf.neg(tf.square(tf.sub(l, mu))), 2 * sigma * sigma), 1));
        const ls = tf.mul(l, k);
        const c0 = tf.div(tf.mul(tf.add(ls, 1), (imageSize - 8) / 2), imageSize - 1);
        const boxes = tf.tensor2d(tf.concat([c0, tf.add(c0, 7 / (imageSize - 1))], 1).dataSync(), [B, 4]);
        const g = tf.image.cropAndResize(images, boxes, boxIdx, [8, 8]);
        const a = tf.relu(tf.add(tf.matMul(ls, p.wl), p.bl));
        const c = tf.relu(tf.add(tf.matMul(tf.reshape(g, [B, 64]), p.wg), p.bg));
        const z = tf.relu(tf.add(tf.matMul(tf.concat([a, c], 1), p.wh), p.bh));
        const uu = tf.add(tf.matMul(z, p.wo), p.bo);
        h = tf.relu(t === 0 ? tf.add(uu, p.start) : tf.add(tf.add(uu, tf.matMul(h, p.wf)), p.bf)) as tfc.Tensor2D;
      }
      const logp = tf.logSoftmax(tf.add(tf.matMul(h, p.wc), p.bc));
      const onehot = tf.oneHot(labels, 10);
      const nll = tf.neg(tf.mean(tf.sum(tf.mul(logp, onehot), 1)));
      // the reward as a constant (argMax and equal have no gradient)
      const reward = tf.tensor1d(tf.cast(tf.equal(tf.argMax(logp, 1), labels), 'float32').dataSync());
      const b = tf.add(p.beta, 1);
      const advantage = tf.tensor1d(tf.sub(reward, b).dataSync());
      const reinforce = tf.neg(tf.mean(tf.mul(logPi, advantage)));
      const baseline = tf.mean(tf.square(tf.sub(b, reward)));
      return tf.add(tf.add(nll, reinforce), baseline) as tfc.Scalar;
    }, true);
    const v = cost!.dataSync()[0]!;
    cost!.dispose();
    return v;
  }
  return { step, dispose: () => { Object.values(p).forEach((v) => v.dispose()); boxIdx.dispose(); } };
}
