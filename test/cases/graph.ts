/** The gradient-check and Torch-test-kind cases of the 'graph' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { rand } from '../helpers/random.js';

/** x → Linear → {Tanh, Sigmoid} → CAddTable: a node feeding two (its gradients summed). */
function diamond(n: number): nn.gModule {
  const x = new nn.Identity().node();
  const h = new nn.Linear(n, 3).node(x);
  const y = new nn.CAddTable().node(new nn.Tanh().node(h), new nn.Sigmoid().node(h));
  return new nn.gModule([x], [y]);
}

/** Two inputs, each through its own module, joined (JoinTable) and mapped by a Linear. */
function twoInputs(): nn.gModule {
  const a = new nn.Identity().node(), b = new nn.Identity().node();
  const y = new nn.JoinTable(0, 1).node(new nn.Linear(3, 2).node(a), new nn.Tanh().node(b));
  return new nn.gModule([a, b], [new nn.Linear(4, 2).node(y)]);
}

/** One input, two outputs: [Linear(x), Tanh(x) + x]. */
function twoOutputs(): nn.gModule {
  const x = new nn.Identity().node();
  const skip = new nn.CAddTable().node(new nn.Tanh().node(x), new nn.MulConstant(0.5).node(x));
  return new nn.gModule([x], [new nn.Linear(3, 2).node(x), skip]);
}

/** A node whose module returns a table, split in two; its first entry taken again SelectTable-style. */
function splitting(): nn.gModule {
  const x = new nn.Identity().node();
  const pair = new nn.ConcatTable().add(new nn.Linear(3, 2)).add(new nn.Linear(3, 2)).node(x);
  const [p, q] = pair.split(2) as [nn.nngraph.Node, nn.nngraph.Node];
  const first = new nn.SelectTable(0).node(pair);
  const y = new nn.CAddTable().node(new nn.Tanh().node(p), q, new nn.Sigmoid().node(first));
  return new nn.gModule([x], [y]);
}

/** The same Linear applied twice (its gradients from both uses add up in one weight). */
function sharedTwice(): nn.gModule {
  const lin = new nn.Linear(3, 3);
  const x = new nn.Identity().node();
  const h = new nn.Tanh().node(lin.node(x));
  return new nn.gModule([x], [lin.node(h)]);
}

/** A gModule as a child of a Sequential. */
function nested(): nn.Module {
  const x = new nn.Identity().node();
  const inner = new nn.gModule([x], [new nn.Tanh().node(new nn.Linear(3, 3).node(x))]);
  return new nn.Sequential().add(inner).add(new nn.Linear(3, 2));
}

export const moduleCases: ModuleCase[] = [
  { name: 'gModule', label: 'batch, diamond', build: () => diamond(4), input: () => rand([2, 4]) },
  { name: 'gModule', label: 'non-batch, diamond', build: () => diamond(4), input: () => rand([4]) },
  { name: 'gModule', label: 'batch, two inputs', build: twoInputs, input: () => [rand([2, 3]), rand([2, 2])] },
  { name: 'gModule', label: 'non-batch, two inputs', build: twoInputs, input: () => [rand([3]), rand([2])] },
  { name: 'gModule', label: 'batch, two outputs', build: twoOutputs, input: () => rand([2, 3]) },
  { name: 'gModule', label: 'batch, a table-splitting node', build: splitting, input: () => rand([2, 3]) },
  { name: 'gModule', label: 'non-batch, a table-splitting node', build: splitting, input: () => rand([3]) },
  { name: 'gModule', label: 'batch, a module used twice', build: sharedTwice, input: () => rand([2, 3]) },
  { name: 'gModule', label: 'batch, inside a Sequential', build: nested, input: () => rand([2, 3]) },
];
export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {};
