/**
 * The wasm backend's memory: one WebAssembly.Memory shared with the kernels, blocks handed out by
 * size class (powers of two from 64 bytes, 16-byte aligned) and returned to a free list when their
 * storage is garbage-collected. Growing the memory detaches every view, so WasmStorage re-derives
 * its view when the buffer has changed. A request with no free block of its class splits a larger
 * free block before the memory grows. When the memory cannot grow further (4 GiB), storage comes from
 * the JavaScript heap instead (the kernels then run their js versions on it) and `hostFallbacks`
 * counts it.
 */
import { Storage, hostAllocator, type Allocator, type TypedArray } from '../../Storage.js';

const PAGE = 65536;

export class WasmHeap {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private free = new Map<number, number[]>();
  private registry = new FinalizationRegistry<[number, number]>(([ptr, size]) => this.release(ptr, size));

  constructor(initialPages = 1024, reserved = 1024, maximumPages = 65536) {
    this.memory = new WebAssembly.Memory({ initial: initialPages, maximum: maximumPages });
    this.top = reserved; // the first bytes stay unused (the kernels' null pointer)
  }

  private static sizeClass(bytes: number): number {
    let s = 64;
    while (s < bytes) s *= 2;
    return s;
  }

  /** Storages placed on the JavaScript heap because the memory could not grow. */
  hostFallbacks = 0;

  /** A 16-byte aligned block of at least `bytes` bytes: [pointer, size class], or null when the memory cannot grow. */
  alloc(bytes: number): [number, number] | null {
    const size = WasmHeap.sizeClass(bytes);
    const reused = this.free.get(size)?.pop() ?? this.split(size);
    if (reused !== undefined) return [reused, size];
    const top = this.top + size, have = this.memory.buffer.byteLength;
    if (top > have) {
      try {
        this.memory.grow(Math.ceil((top - have) / PAGE) + 256);
      } catch (e) {
        if (e instanceof RangeError) return null;
        throw e;
      }
    }
    const ptr = this.top;
    this.top = top;
    return [ptr, size];
  }

  /** The first `size` bytes of the smallest larger free block; its rest goes to the free lists of the classes in between. */
  private split(size: number): number | undefined {
    let big = 0, from: number[] | undefined;
    for (const [s, list] of this.free) {
      if (s > size && list.length > 0 && (big === 0 || s < big)) [big, from] = [s, list];
    }
    const ptr = from?.pop();
    if (ptr === undefined) return undefined;
    for (let s = size; s < big; s *= 2) this.release(ptr + s, s); // [size, 2·size), [2·size, 4·size), … up to big
    return ptr;
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
    const block = this.alloc(Math.max(1, length) * 4);
    if (block === null) {
      this.hostFallbacks++;
      return hostAllocator(dtype, length);
    }
    const [ptr, size] = block;
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
