/**
 * The wasm backend's memory: one WebAssembly.Memory shared with the kernels, blocks handed out by
 * size class (powers of two from 64 bytes, 16-byte aligned) and returned to a free list when their
 * storage is garbage-collected. Growing the memory detaches every view, so WasmStorage re-derives
 * its view when the buffer has changed.
 */
import { Storage, hostAllocator, type Allocator, type TypedArray } from '../../Storage.js';

const PAGE = 65536;

export class WasmHeap {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private free = new Map<number, number[]>();
  private registry = new FinalizationRegistry<[number, number]>(([ptr, size]) => this.release(ptr, size));

  constructor(initialPages = 1024, reserved = 1024) {
    this.memory = new WebAssembly.Memory({ initial: initialPages, maximum: 65536 });
    this.top = reserved; // the first bytes stay unused (the kernels' null pointer)
  }

  private static sizeClass(bytes: number): number {
    let s = 64;
    while (s < bytes) s *= 2;
    return s;
  }

  /** A 16-byte aligned block of at least `bytes` bytes; returns [pointer, size class]. */
  alloc(bytes: number): [number, number] {
    const size = WasmHeap.sizeClass(bytes);
    const list = this.free.get(size);
    const reused = list?.pop();
    if (reused !== undefined) return [reused, size];
    const ptr = this.top;
    this.top += size;
    if (this.top > this.memory.buffer.byteLength) this.memory.grow(Math.ceil((this.top - this.memory.buffer.byteLength) / PAGE) + 256);
    return [ptr, size];
  }

  release(ptr: number, size: number): void {
    let list = this.free.get(size);
    if (!list) this.free.set(size, (list = []));
    list.push(ptr);
  }

  /** Bytes handed out so far (high-water mark), for memory benchmarks. */
  get used(): number {
    return this.top;
  }

  /** float32 storage in this memory; float64 stays on the JavaScript heap. */
  readonly allocator: Allocator = (dtype, length) => {
    if (dtype !== 'float32') return hostAllocator(dtype, length);
    const [ptr, size] = this.alloc(Math.max(1, length) * 4);
    const s = new WasmStorage(this, ptr, length);
    s.data.fill(0);
    this.registry.register(s, [ptr, size]);
    return s;
  };
}

export class WasmStorage extends Storage {
  constructor(readonly heap: WasmHeap, readonly ptr: number, private readonly n: number) {
    super(new Float32Array(heap.memory.buffer, ptr, n));
  }

  override get data(): TypedArray {
    if (this._data.buffer !== this.heap.memory.buffer) this._data = new Float32Array(this.heap.memory.buffer, this.ptr, this.n);
    return this._data;
  }
}
