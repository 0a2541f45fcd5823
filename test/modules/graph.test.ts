/** nngraph's gModule: values on small known graphs (Torch's semantics), parameters, errors, the .dot text, the Lua .t7 fixture. */
import test from 'tape';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '../../index.js';
import { close } from '../helpers/random.js';
import { LuaObject, LuaTable, T7Parser, type Raw } from '../../lib/serialization/t7read.js';
import { readerFor } from '../../lib/serialization/t7format.js';

const { nngraph } = nn;
const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const sig = (v: number) => 1 / (1 + Math.exp(-v));

function linear(n: number, m: number, w: number[], b: number[]): nn.Linear {
  const l = new nn.Linear(n, m).double();
  l.weight.copy(T(w, [m, n]));
  l.bias!.copy(T(b));
  return l;
}

test('gModule: a diamond sums the gradients of a node feeding two', (t) => {
  const x = new nn.Identity().node();
  const h = linear(2, 2, [1, 0, 0, -1], [0, 0.5]).node(x);
  const y = new nn.CAddTable().node(new nn.Tanh().node(h), new nn.Sigmoid().node(h));
  const g = new nn.gModule([x], [y]);
  const hv = [1, -1.5];
  t.ok(close(arr(g.forward(T([1, 2]))), hv.map((v) => Math.tanh(v) + sig(v))), 'tanh(h) + sigmoid(h)');
  const dh = hv.map((v) => 1 - Math.tanh(v) ** 2 + sig(v) * (1 - sig(v)));
  t.ok(close(arr(g.backward(T([1, 2]), T([1, 1]))), [dh[0]!, -dh[1]!]), 'Wᵀ(dtanh + dsigmoid)');
  t.deepEqual(g.modules.map((m) => m.constructor.name), ['Identity', 'Linear', 'Tanh', 'Sigmoid', 'CAddTable'], 'modules in forward order');
  t.equal(g.forwardnodes[0], g.innode, 'forward starts at the input node');
  t.equal(g.backwardnodes[0], g.outnode, 'backward starts at the output node');
  t.end();
});

test('gModule: several inputs and outputs are tables; a node without parents is an input', (t) => {
  const a = new nn.Identity().node(), b = new nn.Identity().node();
  const sum = new nn.CAddTable().node(a, b);
  const g = new nn.gModule([a, b], [sum, new nn.MulConstant(2).node(b), a]);
  const out = g.forward([T([1, 2]), T([10, 20])]) as nn.Tensor[];
  t.deepEqual(out.map(arr), [[11, 22], [20, 40], [1, 2]]);
  const gi = g.backward([T([1, 2]), T([10, 20])], [T([1, 1]), T([1, -1]), T([5, 5])]) as nn.Tensor[];
  t.deepEqual(gi.map(arr), [[6, 6], [3, -1]], 'da = g0 + g2, db = g0 + 2·g1');
  t.end();
});

test('gModule: split(n) takes the entries of a table output; SelectTable does too', (t) => {
  const x = new nn.Identity().node();
  const pair = new nn.ConcatTable().add(new nn.MulConstant(2)).add(new nn.MulConstant(-1)).node(x);
  const [p, q] = pair.split(2) as [nn.nngraph.Node, nn.nngraph.Node];
  const y = new nn.CAddTable().node(p, q, new nn.SelectTable(1).node(pair));
  const g = new nn.gModule([x], [y, q]);
  const [sum, second] = g.forward(T([3])) as nn.Tensor[];
  t.deepEqual([arr(sum!), arr(second!)], [[6 - 3 - 3], [-3]]);
  t.deepEqual(arr(g.backward(T([3]), [T([1]), T([1])])), [2 * 1 - (1 + 1) - 1], 'dx = 2·dp − (dq + dq_out) − dselect');
  t.end();
});

test('gModule: a module used twice adds both gradients into one weight; parameters() lists it once', (t) => {
  const lin = linear(2, 2, [0.5, -1, 2, 0.25], [0.1, -0.2]);
  const x = new nn.Identity().node();
  const g = new nn.gModule([x], [lin.node(new nn.Tanh().node(lin.node(x)))]);
  const [ps] = g.parameters();
  t.deepEqual(ps, [lin.weight, lin.bias], 'weight and bias once');
  const xv = [1, -2], W = [[0.5, -1], [2, 0.25]], b = [0.1, -0.2];
  const h = W.map((r, i) => r[0]! * xv[0]! + r[1]! * xv[1]! + b[i]!), th = h.map(Math.tanh);
  const y = W.map((r, i) => r[0]! * th[0]! + r[1]! * th[1]! + b[i]!);
  t.ok(close(arr(g.forward(T(xv))), y), 'W tanh(W x + b) + b');
  g.zeroGradParameters();
  g.backward(T(xv), T([1, -1]));
  const go = [1, -1], dh = [0, 1].map((j) => (W[0]![j]! * go[0]! + W[1]![j]! * go[1]!) * (1 - th[j]! ** 2));
  const dW = [0, 1].flatMap((i) => [0, 1].map((j) => go[i]! * th[j]! + dh[i]! * xv[j]!));
  t.ok(close(arr(lin.gradWeight), dW), 'gradWeight = g tanhᵀ + dh xᵀ');
  t.ok(close(arr(lin.gradBias!), [go[0]! + dh[0]!, go[1]! + dh[1]!]), 'gradBias = g + dh');
  t.end();
});

test('gModule: nngraph.annotateNodes names nodes after their variables; toDot is torch/graph\'s text', (t) => {
  const x = new nn.Identity().node();
  const h = new nn.Tanh().node(x).annotate({ description: 'squash', graphAttributes: { color: 'red' } });
  nngraph.annotateNodes({ x, h, notANode: 3 });
  t.equal(h.annotations.name, 'h');
  const g = new nn.gModule([x], [h]);
  const dot = g.toDot('fg', 'tiny').replace(/ tooltip="[^"]*"/g, '');
  t.equal(dot, [
    'digraph G {', 'labelloc="t";', 'label="tiny";', 'node [shape = oval]; ',
    'n1[label="h (1)\\ndesc = squash\\nmodule = Tanh" color=red];', 'n2[label="Node2\\n"];',
    'n3[label="x (3)\\nmodule = Identity"];', 'n4[label="Node4\\n"];',
    'n1 -> n2;', 'n3 -> n1;', 'n4 -> n3;', '}',
  ].join('\n'));
  t.ok(g.toDot('bg').includes('n1 -> n2;\nn2 -> n3;\nn3 -> n4;'), 'the backward graph runs from the output');
  const dir = mkdtempSync(join(tmpdir(), 'nngraph-'));
  const text = nngraph.dot(g.fg, 'tiny', join(dir, 'g'));
  t.equal(readFileSync(join(dir, 'g.dot'), 'utf8'), text, 'nngraph.dot writes fname.dot');
  t.end();
});

test('gModule: bad graphs and bad input → ArgumentError / StateError naming what is wrong', (t) => {
  const lin = new nn.Linear(2, 2);
  const x = new nn.Identity().node();
  t.throws(() => new nn.gModule([x], [lin as unknown as nn.nngraph.Node]), /gModule.constructor: outputs\[0\] should be an nngraph Node, got Linear \(make one with module.node/);
  t.throws(() => new nn.Tanh().node(lin as unknown as nn.nngraph.Node), /Tanh.node: inputs\[0\] should be an nngraph Node, got a Linear module/);
  t.throws(() => new nn.CAddTable().node(x, x), /is already an input of this node: do not pass the same input twice/);
  t.throws(() => new nn.gModule([lin.node(x)], [x]), (e: Error) => e instanceof nn.ArgumentError && /inputs\[0\] \(Linear\(2 -> 2\)\) has inputs of its own/.test(e.message));
  const xs = new nn.Identity().node();
  const [p] = new nn.ConcatTable().add(new nn.Identity()).add(new nn.Identity()).node(xs).split(2) as [nn.nngraph.Node];
  t.throws(() => new nn.gModule([xs], [p]), /gModule.constructor: 1 of split\(2\) outputs from the node made at \[.*graph.test.ts:\d+:\d+\] split at .* are unused/);
  const xy = new nn.Identity().node();
  t.throws(() => new nn.gModule([xy], [new nn.CAddTable().node(xy, new nn.Linear(2, 2).node())]), /node Linear\(2 -> 2\) made at .* has no inputs and is not among the gModule's inputs/);
  const x2 = new nn.Identity().node(), used = new nn.Tanh().node(x2);
  new nn.Sigmoid().node(used).annotate({ name: 'dangling' });
  t.throws(() => new nn.gModule([x2], [used]), /node Sigmoid 'dangling' made at .* takes Tanh as input but does not lead to the gModule's outputs/);
  const x3 = new nn.Identity().node(), out3 = new nn.Linear(3, 2).node(x3);
  t.throws(() => new nn.gModule([x3, new nn.Identity().node()], [out3]), /gModule.constructor: inputs\[1\] does not lead to the gModule's outputs/);
  const g = new nn.gModule([x3], [out3]);
  t.ok(g instanceof nn.gModule, 'a failed construction leaves the nodes as they were');
  t.throws(() => g.backward(T([1, 2, 3]), T([1, 1])), (e: Error) => e instanceof nn.StateError && /gModule.backward: called before updateOutput/.test(e.message));
  t.throws(() => g.forward(T([1, 2])), (e: Error) => e instanceof nn.ShapeError && e.message.startsWith('In node 1 (Linear(3 -> 2)) of gModule: Linear.updateOutput: expected input of size [3], got [2]') && e.cause instanceof nn.ShapeError);
  t.end();
});

test('gModule: clone, sharedClone and clearState keep the graph working', (t) => {
  const x = new nn.Identity().node();
  const g = new nn.gModule([x], [new nn.Tanh().node(linear(2, 1, [1, 1], [0]).node(x))]);
  const y = arr(g.forward(T([0.5, 0.25])));
  const c = g.clone(), s = g.sharedClone();
  t.notEqual(c.parameters()[0][0], g.parameters()[0][0], 'clone: own weight');
  t.equal(s.parameters()[0][0], g.parameters()[0][0], 'sharedClone: the same weight');
  t.ok(c.forwardnodes.every((n) => !g.forwardnodes.includes(n)), 'clone: own nodes');
  t.deepEqual(arr(c.forward(T([0.5, 0.25]))), y);
  t.equal(g.clearState(), g, 'clearState returns the module');
  t.ok(g.forwardnodes.every((n) => n.input.length === 0 && n.gradOutput.length === 0), 'clearState empties the nodes');
  t.deepEqual(arr(g.forward(T([0.5, 0.25]))), y);
  t.end();
});

const fixture = () => new Uint8Array(readFileSync(new URL('../fixtures/t7/gmodule_with_linear_identity.t7', import.meta.url)));

test('gModule: the .t7 file nngraph wrote loads and runs (out = b + Linear(a))', (t) => {
  const warnings: string[] = [];
  const g = nn.deserialize(fixture(), { onWarning: (m) => warnings.push(m) }) as nn.gModule;
  t.ok(g instanceof nn.gModule && g.nInputs === 2, 'a gModule of two inputs');
  t.deepEqual(warnings, ['class nngraph.Node is not in dpnn-ts: loaded as a plain object'], 'the node objects are read through');
  t.deepEqual(g.modules.map((m) => m.constructor.name), ['Identity', 'Identity', 'Linear', 'CAddTable']);
  t.deepEqual(g.forwardnodes.map((n) => n.forwardNodeId), [9, 7, 5, 3, 8, 6, 4, 1, 2], 'forward order and ids as nngraph had them');
  t.deepEqual(g.backwardnodes.map((n) => g.bg.id(n)), [1, 2, 3, 5, 4, 6, 8, 7, 9], 'backward order and ids as nngraph had them');
  const lin = g.modules[2] as nn.Linear, [w0, w1] = arr(lin.weight), [b0, b1] = arr(lin.bias!);
  const a = T([2]), b = T([10, 20]);
  t.ok(close(arr(g.forward([a, b])), [10 + 2 * w0! + b0!, 20 + 2 * w1! + b1!]), 'forward');
  const gi = g.backward([a, b], T([1, -1])) as nn.Tensor[];
  t.ok(close(arr(gi[0]!), [w0! - w1!]) && close(arr(gi[1]!), [1, -1]), 'backward: [Wᵀg, g]');
  const again = nn.deserialize(nn.serialize(g), { onWarning: () => {} }) as nn.gModule;
  t.ok(close(arr(again.forward([a, b])), arr(g.forward([a, b]))), 'written and read back, it computes the same');
  t.end();
});

/** The Lua fields of a Torch object as the parser sees them (before any dpnn-ts class is built). */
function luaFields(o: Raw): Map<unknown, Raw> {
  const t = o instanceof LuaObject ? o.fields : o;
  if (!(t instanceof LuaTable)) throw new Error('not a Lua table');
  return new Map(t.entries);
}

test('gModule: torch.save writes nngraph\'s layout: fg and bg nodes sharing data tables, 1-based selectindex, indexed lists', (t) => {
  const a = new nn.Identity().node(), b = new nn.Identity().node();
  const lin = new nn.Linear(1, 2);
  const g = new nn.gModule([a, b], [new nn.CAddTable().node(b, lin.node(a))]);
  const root = new T7Parser(readerFor(nn.serialize(g), 'binary'), () => {}).object();
  t.ok(root instanceof LuaObject && root.className === 'nn.gModule');
  const f = luaFields(root);
  t.equal(f.get('nInputs'), 2);
  const fwd = [...luaFields(f.get('forwardnodes')!).values()] as LuaObject[];
  const bwd = [...luaFields(f.get('backwardnodes')!).values()] as LuaObject[];
  t.ok(fwd.every((n) => n.className === 'nngraph.Node') && fwd.length === 9 && bwd.length === 9, 'nine nngraph.Node objects each way');
  t.equal(f.get('innode'), fwd[0], 'innode: the first forward node');
  t.equal(f.get('outnode'), bwd[0], 'outnode: the first backward node');
  const data = (n: LuaObject) => luaFields(n).get('data')!;
  t.deepEqual(fwd.map((n) => luaFields(n).get('id')), [9, 7, 5, 3, 8, 6, 4, 1, 2], 'forward graph ids');
  t.ok(fwd.every((n) => bwd.some((m) => data(m) === data(n))), 'each forward node shares its data table with a backward node');
  const sel = fwd.map((n) => luaFields(data(n)).get('selectindex')).filter((v) => v !== undefined);
  t.deepEqual(sel, [2, 1], 'selectindex is 1-based');
  const linData = fwd.map(data).find((d) => luaFields(d).get('module') instanceof LuaObject && (luaFields(d).get('module') as LuaObject).className === 'nn.Linear')!;
  const mapindex = luaFields(luaFields(linData).get('mapindex')!);
  t.equal(mapindex.size, 2, 'mapindex: the input at 1 and its reverse key');
  const parent = mapindex.get(1)!;
  t.equal(mapindex.get(parent), 1, 'mapindex[data] = 1');
  const fg = luaFields(f.get('fg')!);
  t.equal((f.get('fg') as LuaObject).className, 'graph.Graph');
  t.equal(luaFields(fg.get('edges')!).size, 2 * 9, 'fg: nine edges, indexed both ways');
  t.end();
});
