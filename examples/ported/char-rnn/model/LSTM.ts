/**
 * Port of karpathy/char-rnn model/LSTM.lua (https://github.com/karpathy/char-rnn, commit
 * 6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e): one time step of an n-layer LSTM as an nngraph
 * gModule. Inputs: `[x, prev_c[1], prev_h[1], …, prev_c[n], prev_h[n]]` (x: a batch of 0-based
 * character indices); outputs: `[next_c[1], next_h[1], …, next_c[n], next_h[n], logProbabilities]`.
 * The gates come from one Linear per input (i2h_L, h2h_L) of 4·rnn_size, reshaped to 4 × rnn_size
 * and split in the order input, forget, output gate, then the candidate.
 */
import * as nn from '../../../../index.js';
import type { Node } from '../../../../nngraph/index.js';

export const LSTM = {
  lstm(input_size: number, rnn_size: number, n: number, dropout = 0): nn.gModule {
    // there will be 2*n+1 inputs
    const inputs: Node[] = [];
    inputs.push(new nn.Identity().node()); // x
    for (let L = 1; L <= n; L++) {
      inputs.push(new nn.Identity().node()); // prev_c[L]
      inputs.push(new nn.Identity().node()); // prev_h[L]
    }

    let x: Node;
    let input_size_L: number;
    const outputs: Node[] = [];
    for (let L = 1; L <= n; L++) {
      // c,h from previous timesteps (Lua's inputs[L*2+1] and inputs[L*2], 1-based)
      const prev_h = inputs[L * 2]!;
      const prev_c = inputs[L * 2 - 1]!;
      // the input to this layer
      if (L === 1) {
        x = new nn.OneHot(input_size).node(inputs[0]!);
        input_size_L = input_size;
      } else {
        x = outputs[(L - 1) * 2 - 1]!;
        if (dropout > 0) x = new nn.Dropout(dropout).node(x); // apply dropout, if any
        input_size_L = rnn_size;
      }
      // evaluate the input sums at once for efficiency
      const i2h = new nn.Linear(input_size_L, 4 * rnn_size).node(x).annotate({ name: `i2h_${L}` });
      const h2h = new nn.Linear(rnn_size, 4 * rnn_size).node(prev_h).annotate({ name: `h2h_${L}` });
      const all_input_sums = new nn.CAddTable().node(i2h, h2h);

      const reshaped = new nn.Reshape(4, rnn_size).node(all_input_sums);
      const [n1, n2, n3, n4] = new nn.SplitTable(1).node(reshaped).split(4) as [Node, Node, Node, Node];
      // decode the gates
      const in_gate = new nn.Sigmoid().node(n1);
      const forget_gate = new nn.Sigmoid().node(n2);
      const out_gate = new nn.Sigmoid().node(n3);
      // decode the write inputs
      const in_transform = new nn.Tanh().node(n4);
      // perform the LSTM update
      const next_c = new nn.CAddTable().node(
        new nn.CMulTable().node(forget_gate, prev_c),
        new nn.CMulTable().node(in_gate, in_transform),
      );
      // gated cells form the output
      const next_h = new nn.CMulTable().node(out_gate, new nn.Tanh().node(next_c));

      outputs.push(next_c);
      outputs.push(next_h);
    }

    // set up the decoder
    let top_h = outputs[outputs.length - 1]!;
    if (dropout > 0) top_h = new nn.Dropout(dropout).node(top_h);
    const proj = new nn.Linear(rnn_size, input_size).node(top_h).annotate({ name: 'decoder' });
    const logsoft = new nn.LogSoftMax().node(proj);
    outputs.push(logsoft);

    return new nn.gModule(inputs, outputs);
  },
};
