/** torch.save / torch.load (.t7): the files Lua Torch wrote, round trips of every value kind, save/load, bad input. Modules: t7nn.test.ts. */
import test from 'tape';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '../../index.js';
import { SerializationError } from '../../lib/errors.js';
import { deserialize, load, save, serialize, type T7Format } from '../../lib/serialization/t7.js';
import { DTYPES } from '../../lib/Storage.js';
import { registerNnClasses } from '../../modules/t7/nnClasses.js';

// The codec knows the nn / dpnn / rnn classes once they are registered (index.ts does it; idempotent).
registerNnClasses();

const FIX = new URL('../fixtures/t7/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIX)));
const FORMATS: readonly T7Format[] = ['binary', 'ascii'];

/** Loads a fixture, collecting the warnings. */
function loadFixture(name: string): [unknown, string[]] {
  const warnings: string[] = [];
  return [deserialize(fixture(name), { onWarning: (m) => warnings.push(m) }), warnings];
}

const values = (t: nn.Tensor) => Array.from(t.toArray());
const roundTrip = (v: unknown, format: T7Format) => deserialize(serialize(v, format), { format, onWarning: () => {} });

test('t7 fixtures: tensors', (t) => {
  const [d] = loadFixture('doubletensor.t7') as [nn.Tensor, string[]];
  t.ok(d instanceof nn.Tensor && d.dtype === 'float64', 'DoubleTensor → float64');
  t.deepEqual(d.shape, [2, 3]);
  t.deepEqual(values(d), [1, 2, 3, 4, 5, 6.9]);
  const [f] = loadFixture('floattensor.t7') as [nn.Tensor, string[]];
  t.equal(f.dtype, 'float32');
  t.deepEqual(f.shape, [2, 3, 4]);
  const row = values(f.select(0, 0).select(0, 0));
  [0.86353117, 0.53612185, 0.48206341, 0.54234648].forEach((x, i) => t.ok(Math.abs(row[i]! - x) < 1e-7, `first row [${i}]`));
  t.ok(Math.abs(values(f)[23]! - 0.13664843) < 1e-7, 'last element');
  t.end();
});

test('t7 fixtures: tables, classes, cycles', (t) => {
  t.deepEqual(loadFixture('hello=123.t7')[0], { hello: 123 });
  t.deepEqual(loadFixture('list_table.t7')[0], ['hello', 'world', 'third item', 123]);
  const m1 = loadFixture('map_table1.t7')[0] as Map<unknown, unknown>;
  t.ok(m1 instanceof Map && m1.get(0) === 'zero' && m1.get(1) === 'hello' && m1.get(4) === 123 && m1.size === 5, 'key 0 makes a Map');
  const m2 = loadFixture('map_table2.t7')[0] as Map<unknown, unknown>;
  t.ok(m2 instanceof Map && m2.get('a') === 'non number key' && m2.get(3) === 'third item' && m2.size === 5, "key 'a' makes a Map");
  const [blah, w] = loadFixture('custom_class.t7');
  t.deepEqual(blah, { __typename: 'Blah' });
  t.deepEqual(w, ['class Blah is not in dpnn-ts: loaded as a plain object']);
  const a = loadFixture('recursive_class.t7')[0] as { __typename: string; a: unknown };
  t.ok(a.__typename === 'A' && a.a === a, 'field a is the object itself');
  const kv = loadFixture('recursive_kv_table.t7')[0] as Map<unknown, unknown>;
  t.ok(kv instanceof Map && kv.size === 1 && kv.get(kv) === kv, 'key and value are the table itself');
  const [node, nw] = loadFixture('nngraph_node.t7') as [Record<string, unknown>, string[]];
  t.equal(node.__typename, 'nngraph.Node');
  t.equal(node.id, 0);
  t.deepEqual(node.children, [], 'children: empty');
  t.equal(((node.data as Record<string, unknown>).annotations as Record<string, unknown>).hello, 123);
  t.ok(node.marked === false && node.visited === false);
  t.deepEqual(nw, ['class nngraph.Node is not in dpnn-ts: loaded as a plain object']);
  t.end();
});

test('t7 fixtures: functions are skipped with a warning; tds containers are refused', (t) => {
  for (const name of ['function.t7', 'function_upvals.t7']) {
    const [v, w] = loadFixture(name);
    t.equal(v, null, `${name} → null`);
    t.deepEqual(w, ['function at byte 0 skipped: Lua bytecode cannot run here']);
  }
  const le = (...xs: number[]) => new Uint8Array(new Int32Array(xs).buffer);
  const head = new Uint8Array([...le(3, 10, 2), ...serialize('f')]); // a table { f = <function>, x = 5 }: the file reads on after the function
  const table = new Uint8Array([...head, ...fixture('function.t7'), ...serialize('x'), ...serialize(5)]);
  const warnings: string[] = [];
  t.deepEqual(deserialize(table, { onWarning: (m) => warnings.push(m) }), { f: null, x: 5 });
  t.deepEqual(warnings, [`function at byte ${head.length} skipped: Lua bytecode cannot run here`]);
  for (const name of ['tds_vec.t7', 'tds_hash.t7']) {
    const cls = name === 'tds_vec.t7' ? 'tds.Vec' : 'tds.Hash';
    t.throws(() => deserialize(fixture(name)), (e: unknown) => e instanceof SerializationError && e.message === `torch.load: at byte 0: class ${cls} writes its own payload; dpnn-ts cannot read it`);
  }
  t.end();
});

test('t7 fixtures: the nngraph gModule loads as an nn.gModule over dpnn-ts modules', (t) => {
  const [g] = loadFixture('gmodule_with_linear_identity.t7') as [nn.gModule, string[]];
  t.ok(g instanceof nn.gModule, 'an nn.gModule');
  const lin = g.listModules().find((m): m is nn.Linear => m instanceof nn.Linear)!;
  t.ok(lin.weight.dtype === 'float64' && lin.bias?.dtype === 'float64', 'DoubleTensors stay float64');
  t.deepEqual(lin.weight.shape, [2, 1]);
  t.ok(Math.abs(values(lin.weight)[0]! + 0.0248373) < 1e-7 && Math.abs(values(lin.weight)[1]! - 0.17503954) < 1e-7, 'weight');
  t.ok(Math.abs(values(lin.bias!)[0]! - 0.05159848) < 1e-7 && Math.abs(values(lin.bias!)[1]! + 0.25367146) < 1e-7, 'bias');
  t.end();
});

test('t7: writing what was read gives the bytes Lua Torch wrote', (t) => {
  for (const name of ['doubletensor.t7', 'floattensor.t7', 'hello=123.t7', 'list_table.t7', 'custom_class.t7', 'recursive_class.t7', 'recursive_kv_table.t7']) {
    t.deepEqual(serialize(loadFixture(name)[0]), fixture(name), name);
  }
  const g = loadFixture('gmodule_with_linear_identity.t7')[0] as nn.gModule;
  const again = roundTrip(g, 'binary') as nn.gModule;
  const weight = (m: nn.gModule) => m.listModules().find((x): x is nn.Linear => x instanceof nn.Linear)!.weight.get(1, 0);
  t.ok(again instanceof nn.gModule && weight(again) === weight(g), 'the gModule survives a round trip');
  t.end();
});

test('t7 round trip (binary, ascii): values, shared references, cycles', (t) => {
  for (const format of FORMATS) {
    const shared = { s: 'shared' };
    const value = {
      nums: [0, -0, 1.5, -2, 0.1, 1e-300, 1.7976931348623157e308, Infinity, -Infinity, 2 ** 53 - 1],
      strings: ['', 'hello world', 'line\nbreak  and  spaces ', 'ünïcödé ✓', ' 12 '],
      flags: [true, false], nested: { a: { b: { c: [1, [2, [3]]] } } }, empty: [],
      map: new Map<unknown, unknown>([[0, 'zero'], [true, 'yes'], ['k', 1], [shared, 'table key']]),
      left: shared, right: shared,
    };
    const back = roundTrip(value, format) as typeof value;
    t.deepEqual(back.nums.slice(2), value.nums.slice(2), `${format}: numbers`);
    t.ok(Object.is(back.nums[1], -0), `${format}: -0`);
    t.deepEqual(back.strings, value.strings, `${format}: strings`);
    t.deepEqual([back.flags, back.nested, back.empty], [value.flags, value.nested, value.empty], `${format}: booleans, nesting`);
    t.ok(back.left === back.right, `${format}: a shared object comes back once`);
    t.ok(back.map instanceof Map && back.map.get(0) === 'zero' && back.map.get(true) === 'yes' && back.map.get(back.left) === 'table key', `${format}: Map keys, a table key shared`);
    const cyc: Record<string, unknown> = { name: 'loop' };
    cyc.self = cyc;
    cyc.list = [cyc];
    const c = roundTrip(cyc, format) as typeof cyc;
    t.ok(c.self === c && (c.list as unknown[])[0] === c, `${format}: cycle`);
    t.ok(Number.isNaN(roundTrip(NaN, format)), `${format}: NaN`);
    t.equal(roundTrip(null, format), null, `${format}: nil → null`);
    t.deepEqual(roundTrip([1, null, 2], format), new Map([[1, 1], [3, 2]]), `${format}: a nil in a list leaves a hole (a Map)`);
  }
  t.end();
});

test('t7 round trip (binary, ascii): tensors of every dtype, views, shared storage', (t) => {
  for (const format of FORMATS) {
    for (const dtype of DTYPES) {
      const x = nn.Tensor.from([1, 2, 3, 250, 0, 7], [2, 3], dtype);
      const y = roundTrip(x, format) as nn.Tensor;
      t.ok(y instanceof nn.Tensor && y.dtype === dtype && y.sameShape(x) && values(y).join() === values(x).join(), `${format} ${dtype}`);
    }
    const base = nn.Tensor.from([0.5, -1.25, 3, 4.125, 5, 6], [2, 3], 'float32');
    const [tr, row, same] = roundTrip([base.transpose(0, 1), base.select(0, 1), base], format) as nn.Tensor[];
    t.deepEqual([tr!.shape, tr!.strides, values(tr!)], [[3, 2], [1, 3], [0.5, 4.125, -1.25, 5, 3, 6]], `${format}: transposed view`);
    t.ok(tr!.storage === row!.storage && row!.storage === same!.storage && row!.offset === 3, `${format}: views share one Storage`);
    const f64 = nn.Tensor.from([Math.PI, 1 / 3, 1e-310], [3], 'float64');
    t.deepEqual(values(roundTrip(f64, format) as nn.Tensor), values(f64), `${format}: float64 exactly`);
    const e = roundTrip(nn.Tensor.empty('float64'), format) as nn.Tensor;
    t.ok(e.numel() === 0 && e.dtype === 'float64', `${format}: empty tensor`);
    const s = roundTrip(new nn.Storage(Int32Array.from([-5, 2 ** 31 - 1, -(2 ** 31)]), 'long'), format) as nn.Storage;
    t.ok(s instanceof nn.Storage && s.dtype === 'long' && Array.from(s.data).join() === [-5, 2 ** 31 - 1, -(2 ** 31)].join(), `${format}: LongStorage`);
  }
  t.end();
});

const le32 = (...xs: number[]) => [...new Uint8Array(new Int32Array(xs).buffer)];
const le64 = (...xs: number[]) => [...new Uint8Array(new BigInt64Array(xs.map(BigInt)).buffer)];
const luaString = (s: string) => [...le32(s.length), ...new TextEncoder().encode(s)];
/** A 1-D tensor of class `tensor` over a storage of class `storage` holding `n` raw elements. */
const luaTensor = (tensor: string, storage: string, n: number, raw: ArrayBufferView) => new Uint8Array([
  ...le32(4, 1), ...luaString('V 1'), ...luaString(tensor), ...le32(1), ...le64(n), ...le64(1), ...le64(1),
  ...le32(4, 2), ...luaString('V 1'), ...luaString(storage), ...le64(n), ...new Uint8Array(raw.buffer)]);

test('t7: the other tensor types Lua writes: Short, Char, Half, Cuda*', (t) => {
  const cases: Array<[string, string, ArrayBufferView, string, number[]]> = [
    ['torch.ShortTensor', 'torch.ShortStorage', Int16Array.from([-3, 5, 300]), 'int32', [-3, 5, 300]],
    ['torch.CharTensor', 'torch.CharStorage', Int8Array.from([-1, 2, 127]), 'int32', [-1, 2, 127]],
    ['torch.HalfTensor', 'torch.HalfStorage', Uint16Array.from([0x3c00, 0xc000, 0x3800]), 'float32', [1, -2, 0.5]],
    ['torch.CudaTensor', 'torch.CudaStorage', Float32Array.from([1.5, 2, 3]), 'float32', [1.5, 2, 3]],
    ['torch.CudaDoubleTensor', 'torch.CudaDoubleStorage', Float64Array.from([0.1, 2, 3]), 'float64', [0.1, 2, 3]],
    ['torch.CudaLongTensor', 'torch.CudaLongStorage', BigInt64Array.from([-7n, 0n, 9n]), 'long', [-7, 0, 9]],
    ['torch.CudaByteTensor', 'torch.CudaByteStorage', Uint8Array.from([0, 128, 255]), 'uint8', [0, 128, 255]],
  ];
  for (const [tensor, storage, raw, dtype, expected] of cases) {
    const x = deserialize(luaTensor(tensor, storage, 3, raw)) as nn.Tensor;
    t.ok(x instanceof nn.Tensor && x.dtype === dtype && values(x).join() === expected.join(), `${tensor} → ${dtype} [${values(x).join(', ')}]`);
  }
  t.throws(() => deserialize(luaTensor('torch.FloatTensor', 'torch.DoubleStorage', 3, Float64Array.from([1, 2, 3]))), /a torch\.FloatTensor on a storage of float64 values/);
  const past = luaTensor('torch.FloatTensor', 'torch.FloatStorage', 3, Float32Array.from([1, 2, 3]));
  new DataView(past.buffer).setBigInt64(4 + 4 + 7 + 21 + 4 + 8, 5n, true); // tag, index, "V 1", class name, nDimension, size: the stride, 5, reaches past the storage
  t.throws(() => deserialize(past), /a torch\.FloatTensor of sizes \[3\], strides \[5\] and offset 1 reaches element 11 of a storage of 3/);
  let deep = serialize(1);
  for (let i = 0; i < 1500; i++) deep = new Uint8Array([...le32(3, i + 1, 1), ...serialize(1), ...deep]);
  t.throws(() => deserialize(deep), /objects nested more than 1000 deep/, 'deep nesting: an error, not a stack overflow');
  t.end();
});

test('t7 save/load: atomic file, formats, auto detection', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 't7-'));
  for (const format of FORMATS) {
    const path = join(dir, `m-${format}.t7`);
    const m = new nn.Sequential().add(new nn.Linear(3, 2)).add(new nn.LogSoftMax());
    save(path, { model: m, epoch: 3 }, format);
    const back = load(path) as { model: nn.Sequential; epoch: number };
    t.equal(back.epoch, 3, `${format}: auto-detected`);
    const x = nn.Tensor.from([0.1, 0.2, 0.3], [1, 3]);
    t.deepEqual(values(back.model.forward(x) as nn.Tensor), values(m.forward(x) as nn.Tensor), `${format}: same model`);
    t.deepEqual(values((load(path, format) as typeof back).model.parameters()[0][0]!), values(m.parameters()[0][0]!));
  }
  t.deepEqual(readdirSync(dir).sort(), ['m-ascii.t7', 'm-binary.t7'], 'no temporary file left');
  t.throws(() => load(join(dir, 'missing.t7')), /torch\.load: cannot read .*missing\.t7 \(ENOENT\)/);
  t.end();
});

const isSerializationError = (e: unknown) => e instanceof SerializationError;

test('t7 bad input: every prefix of a file is one SerializationError; foreign bytes; longs beyond int32', (t) => {
  const files: Array<[string, Uint8Array]> = ['hello=123.t7', 'doubletensor.t7', 'recursive_class.t7', 'function_upvals.t7'].map((n) => [n, fixture(n)]);
  const value = { a: [1, 'two', true], t: nn.Tensor.from([1.5, 2], [2], 'float64'), m: new nn.Linear(2, 1) };
  files.push(['ascii value', serialize(value, 'ascii')], ['binary value', serialize(value)]);
  for (const [name, bytes] of files) {
    let bad = 0;
    for (let n = 0; n < bytes.length; n++) {
      try {
        deserialize(bytes.subarray(0, n), { onWarning: () => {} });
        bad++;
      } catch (e) {
        if (!isSerializationError(e)) bad++;
      }
    }
    t.equal(bad, 0, `${name}: all ${bytes.length} prefixes fail with SerializationError`);
  }
  t.throws(() => deserialize(new Uint8Array(0)), /torch\.load: at byte 0: unexpected end of file reading a type tag/);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  t.throws(() => deserialize(png), (e: unknown) => isSerializationError(e) && (e as Error).message === 'torch.load: at byte 0: expected a type tag (0–8), got 1196314761');
  t.throws(() => deserialize(new TextEncoder().encode('<html>not torch</html>')), isSerializationError, 'html');
  const str = serialize('hello');
  t.throws(() => deserialize(str.subarray(0, 10)), /at byte 8: unexpected end of file reading a string of 5 bytes/);
  const longs = serialize(new nn.Storage(Int32Array.from([1, 2, 3]), 'long'));
  const at = longs.length - 8 + 4; // the high word of element 2
  const big = longs.slice();
  new DataView(big.buffer).setInt32(at, 1, true);
  t.throws(() => deserialize(big), (e: unknown) => isSerializationError(e) && /at byte \d+: element 2 of a torch\.LongStorage is 4294967299, beyond the ±2\^31 range/.test((e as Error).message) && (e as Error).message.includes(`at byte ${at - 4}:`));
  const asciiBig = new TextEncoder().encode(new TextDecoder().decode(serialize(new nn.Storage(Int32Array.from([1]), 'long'), 'ascii')).replace(/\n1\n$/, '\n3000000000\n'));
  t.throws(() => deserialize(asciiBig), /element 0 of a torch\.LongStorage is 3000000000/);
  const huge = serialize([1]);
  new DataView(huge.buffer).setInt32(8, 2 ** 30, true); // a table claiming 2^30 entries
  t.throws(() => deserialize(huge), /expected a table size, got 1073741824/);
  t.throws(() => serialize({ f: () => 1 }), /torch\.save: cannot write function at value\.f/);
  t.end();
});
