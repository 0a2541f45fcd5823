/**
 * Differential Evolution as torch/optim's de.lua: DE/best/1 with binomial crossover and greedy,
 * generation-synchronous selection. The child of member i takes, dimension by dimension with
 * probability `crossoverRate`, best + F·(pop[r1] − pop[r2]) (r1, r2, i distinct), else pop[i]'s
 * value; it replaces pop[i] when its fitness is no worse.
 *
 * `de(opfunc, x, config = {}, state)` → `[xbest, fHistory]`. Options, read from `config` only
 * (Lua ignores `state`): `popsize` (10·D), `scaleFactor` F and `crossoverRate` (required: Lua has no
 * defaults), `maxFEs` (required), `minRegion`/`maxRegion` (−30/30). Only the value of `opfunc` is
 * used; it receives flat 1-D views (D elements, x's type) of the population's rows. `xbest` is a flat
 * D-vector in x's type; `fHistory` a tensor of x's type holding the fitness of every evaluation in
 * order (popsize initial ones, then popsize per generation, while fewer than maxFEs were made).
 * Lua's quirks kept: x gives only the dimension D — the initial population is uniform on
 * [minRegion, maxRegion]; the initial "best" is the population's *largest* fitness (Lua's
 * `fitness:max(1)`), replaced only by an accepted child that beats it; the crossover forces the
 * mutant in *every* dimension of member i when i equals the random dimension jrand (Lua compares i,
 * not j, with jrand; the same test 0-based), and forces none otherwise. Deviations: randomness comes
 * from the global generator (`torch.manualSeed`), where Lua's reseeds a private one to 1 on every
 * call; where maxFEs is not a multiple of popsize, Lua's writes past its maxFEs-long history and
 * fails, and here the history holds every evaluation made instead.
 * Ref: Storn & Price, Differential Evolution, J. Global Optimization 11 (1997).
 */
import { Tensor } from '../../lib/Tensor.js';
import { torch } from '../../lib/torch/index.js';
import { ArgumentError } from '../../lib/errors.js';
import { checkFloatTensor, fvalue, type Opfunc } from './cmaes.js';

export interface DeConfig {
  popsize?: number;
  scaleFactor?: number;
  crossoverRate?: number;
  maxFEs?: number;
  maxRegion?: number;
  minRegion?: number;
}

const WHERE = 'optim.de';

function required(name: string, v: number | undefined): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError(`${WHERE}: expected config.${name}, a finite number (Lua has no default), got ${v}`);
  return v;
}

export function de(opfunc: Opfunc, x: Tensor, config: DeConfig = {}, _state: DeConfig = config): [xbest: Tensor, fHistory: Tensor] {
  checkFloatTensor(WHERE, x);
  const D = x.numel();
  const popsize = config.popsize ?? 10 * D;
  if (!Number.isInteger(popsize) || popsize < 3) throw new ArgumentError(`${WHERE}: expected popsize to be an integer >= 3 (r1, r2 and i must differ), got ${popsize}`);
  const F = required('scaleFactor', config.scaleFactor);
  const CR = required('crossoverRate', config.crossoverRate);
  const maxFEs = required('maxFEs', config.maxFEs);
  if (!(maxFEs >= 1)) throw new ArgumentError(`${WHERE}: expected maxFEs >= 1, got ${maxFEs}`);
  const maxRegion = config.maxRegion ?? 30, minRegion = config.minRegion ?? -30;

  const pop = Tensor.zeros([popsize, D], x.dtype).uniform(minRegion, maxRegion);
  const children = Tensor.zeros([popsize, D], x.dtype);
  const fitness = Tensor.zeros([popsize], x.dtype), childFitness = Tensor.zeros([popsize], x.dtype);
  const p = pop.data, ch = children.data, fit = fitness.data, cfit = childFitness.data;
  const fx: number[] = [];
  for (let i = 0; i < popsize; i++) {
    fit[i] = fvalue(WHERE, opfunc(pop.select(0, i)));
    fx.push(fit[i]!);
  }
  let fes = popsize + 1; // Lua's 1-based counter: the next history slot

  const [maxv, maxi] = fitness.max(0); // Lua's quirk: the worst member starts as "best"
  let bestFitness = maxv.get(0);
  const best = pop.select(0, maxi.get(0)).clone();
  const b = best.data;

  while (fes < maxFEs) {
    for (let i = 0; i < popsize; i++) {
      let r1: number, r2: number;
      do r1 = torch.random(popsize); while (r1 === i);
      do r2 = torch.random(popsize); while (r2 === r1 || r2 === i);
      const jrand = torch.random(D);
      for (let j = 0; j < D; j++) {
        const mutate = torch.uniform(0, 1) < CR || i === jrand; // Lua: i, not j
        ch[i * D + j] = mutate ? b[j]! + F * (p[r1 * D + j]! - p[r2 * D + j]!) : p[i * D + j]!;
      }
      cfit[i] = fvalue(WHERE, opfunc(children.select(0, i)));
      fx.push(cfit[i]!);
      fes++;
    }
    for (let i = 0; i < popsize; i++) {
      if (cfit[i]! <= fit[i]!) {
        pop.select(0, i).copy(children.select(0, i));
        fit[i] = cfit[i]!;
        if (fit[i]! < bestFitness) {
          bestFitness = fit[i]!;
          best.copy(children.select(0, i));
        }
      }
    }
  }
  return [best, Tensor.from(fx, [fx.length], x.dtype)];
}
