/** The wasm heap: size classes, reuse of freed blocks, views that survive memory growth. */
import test from 'tape';
import { WasmHeap, WasmStorage } from '../../lib/kernels/wasm/heap.js';

test('wasm heap: aligned blocks, reuse after release, float64 stays on the JS heap', (t) => {
  const heap = new WasmHeap(1, 1024);
  const [p1, s1] = heap.alloc(100) ?? [-1, -1];
  const [p2] = heap.alloc(100) ?? [-1];
  t.equal(p1 % 16, 0, '16-byte aligned');
  t.equal(s1, 128, 'size class: the next power of two ≥ 64');
  t.notEqual(p1, p2);
  heap.release(p1, s1);
  t.equal(heap.alloc(90)?.[0], p1, 'a released block of the same class is reused');
  t.notOk(heap.allocator('float64', 4) instanceof WasmStorage);
  t.ok(heap.allocator('float32', 4) instanceof WasmStorage);
  t.end();
});

test('wasm heap: growing the memory keeps every storage readable and writable', (t) => {
  const heap = new WasmHeap(1, 1024);
  const a = heap.allocator('float32', 10);
  a.data[3] = 42;
  const before = heap.memory.buffer.byteLength;
  const big = heap.allocator('float32', 1 << 20); // 4 MiB: forces growth
  t.ok(heap.memory.buffer.byteLength > before, 'memory grew');
  t.equal(a.data[3], 42, 'old storage re-derives its view');
  t.equal(a.data.buffer, heap.memory.buffer);
  big.data[(1 << 20) - 1] = 7;
  t.equal(big.data[(1 << 20) - 1], 7);
  t.ok(Array.from(heap.allocator('float32', 8).data).every((v) => v === 0), 'new storage is zero-filled');
  t.end();
});

test('wasm heap: a larger free block is split before the memory grows', (t) => {
  const heap = new WasmHeap(1, 1024);
  const [big, size] = heap.alloc(1024) ?? [-1, -1];
  t.equal(size, 1024);
  heap.release(big, size);
  const top = heap.used;
  const a = heap.alloc(200), b = heap.alloc(200), c = heap.alloc(500);
  t.deepEqual([a?.[0], b?.[0], c?.[0]], [big, big + 256, big + 512], 'the 1024-byte block serves 256 + 256 + 512 bytes');
  t.equal(heap.used, top, 'no new memory');
  t.end();
});

test('wasm heap: at the memory limit, float32 storage comes from the JS heap, counted', (t) => {
  const heap = new WasmHeap(1, 1024, 2); // at most 2 pages (128 KiB)
  const inHeap = heap.allocator('float32', 1000);
  t.ok(inHeap instanceof WasmStorage);
  const outside = heap.allocator('float32', 40000); // 160 KB > the limit
  t.notOk(outside instanceof WasmStorage, 'placed on the JS heap');
  t.equal(outside.length, 40000);
  t.equal(heap.hostFallbacks, 1, 'counted');
  t.ok(heap.allocator('float32', 100) instanceof WasmStorage, 'small blocks still fit in the heap');
  t.end();
});
