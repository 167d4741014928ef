// createWorkerPool: the extraction calls, run in workers (worker_threads in Node.js, Web Workers in
// browsers), each holding one single-threaded module. The pool compiles the module once and sends
// it to each worker; a call goes to an idle worker (a new one while fewer than `size` run), else
// to the least busy. Document bytes are transferred, not copied: see takeAll().
import { invalidArgument, QuarryError } from './errors.js';
import { compileVariant, globalBase, isNode, wasmFileName } from './loader.js';
import { normalizeConfig, normalizeHint, toBytes } from './options.js';
import { entriesFromWire, fromWire, type CallMessage, type ReplyMessage, type WireEntry, type WireError } from './pool-protocol.js';
import { spawner, type Endpoint, type Spawn } from './pool-spawn.js';
import type { BatchEntry, BatchItem, BinaryData, ExtractionConfig, ExtractionResult, InitOptions, Variant } from './types.js';
import { checkVariant, compiledVariant, currentLocateFile, VARIANTS } from './variants.js';

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** How many workers at most (started on demand). Default: the number of logical CPUs minus
   *  one, at least 1 (2 where the runtime does not tell). */
  size?: number;
  /** The variant each worker loads first (default `core`); others load in a worker on first need. */
  variant?: Variant;
  /** That variant already compiled, to share instead of loading it. */
  wasmModule?: WebAssembly.Module;
  /** Where the variants' files are; the answers are passed on to the workers. Default: what
   *  `init()` was given, else next to the package's JavaScript. */
  locateFile?: InitOptions['locateFile'];
  /** Move the caller's bytes to the worker (default `true`): an `ArrayBuffer`, or a view that
   *  covers its whole buffer, is detached by the call (length 0 afterwards); a view of part of a
   *  larger buffer has that part copied. `false`: copy, and leave the caller's buffer usable. */
  transfer?: boolean;
  /** The worker script, when your bundler did not ship `dist/worker.browser.mjs` (or
   *  `dist/worker.mjs` in Node.js) next to the package's JavaScript. */
  workerUrl?: string | URL;
}

/** Workers that extract in parallel; the same calls as the package, off the calling thread. */
export interface WorkerPool {
  /** The most workers this pool runs. */
  readonly size: number;
  /** extractBytes() in a worker. */
  extractBytes(data: BinaryData, mimeType?: string, config?: ExtractionConfig): Promise<ExtractionResult>;
  /** batchExtractBytes() spread over the workers: one entry per item, in order. */
  batchExtractBytes(items: readonly BatchItem[], config?: ExtractionConfig): Promise<BatchEntry[]>;
  /** extractFile() in a worker: a path or file: URL (Node.js; the worker reads the file), or a
   *  File or Blob (handed to the worker without reading it here). */
  extractFile(file: string | URL | Blob, mimeType?: string, config?: ExtractionConfig): Promise<ExtractionResult>;
  /** Stops the workers; calls still waiting reject. Calling it again does nothing. */
  terminate(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Calls sent to one worker before it answers: enough to hide a message's round trip. */
const MAX_IN_FLIGHT = 2;
/** A batch is cut into about this many pieces per worker, so a slow piece does not hold the rest. */
const PIECES_PER_WORKER = 4;

const asyncDisposeSymbol: typeof Symbol.asyncDispose =
  (Symbol as { asyncDispose?: typeof Symbol.asyncDispose }).asyncDispose ??
  (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose);

/** A call as the pool holds it (the message without its envelope). */
type Call = CallMessage extends infer C ? (C extends CallMessage ? Omit<C, 't' | 'id'> : never) : never;

interface Task {
  call: Call;
  transfer: ArrayBuffer[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  endpoint?: Endpoint;
  ready: Promise<Endpoint>;
  inFlight: Map<number, Task>;
  /** Calls answered. */
  answered: number;
  started: boolean;
  dead: boolean;
}

function defaultSize(): number {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof n === 'number' && n > 0 ? Math.max(1, n - 1) : 2;
}

function isShared(b: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer === 'function' && b instanceof SharedArrayBuffer;
}

function isDetached(b: ArrayBufferLike): boolean {
  const d = (b as { detached?: boolean }).detached;
  if (d !== undefined) return d;
  if (b.byteLength !== 0) return false;
  try {
    new Uint8Array(b);
    return false;
  } catch {
    return true;
  }
}

/** The bytes of the documents a call takes over, as views the call owns; an argument that is no
 *  document becomes its error. A whole ArrayBuffer is moved (structuredClone with transfer: the
 *  same memory, and the caller's buffer detached now, not at some later dispatch); other views
 *  of a moved buffer in the same call use it in place; part of a buffer is copied; shared memory
 *  is shared (do not change it until the call ends). `owned` gets the buffers to transfer. */
function takeAll(data: readonly { data: unknown; what: string }[], transfer: boolean, owned: Set<ArrayBuffer>): (Uint8Array | QuarryError)[] {
  // Offsets first: a view reads as empty once its buffer moved.
  const views = data.map(({ data: d, what }) => {
    try {
      const v = toBytes(d, what);
      if (isDetached(v.buffer)) throw invalidArgument(`${what}'s ArrayBuffer is detached (was it given to a worker pool call before?)`);
      return { buffer: v.buffer, offset: v.byteOffset, length: v.byteLength, view: v };
    } catch (e) {
      if (e instanceof QuarryError) return e;
      throw e;
    }
  });
  const moved = new Map<ArrayBufferLike, ArrayBuffer>();
  if (transfer) {
    for (const v of views) {
      if (v instanceof QuarryError || isShared(v.buffer) || moved.has(v.buffer)) continue;
      if (v.offset !== 0 || v.length !== v.buffer.byteLength || v.length === 0) continue;
      try {
        const own = structuredClone(v.buffer, { transfer: [v.buffer as ArrayBuffer] }) as ArrayBuffer;
        moved.set(v.buffer, own);
        owned.add(own);
      } catch {
        // Not transferable (e.g. WebAssembly memory): copied below.
      }
    }
  }
  return views.map((v) => {
    if (v instanceof QuarryError) return v;
    if (isShared(v.buffer)) return v.view;
    const own = moved.get(v.buffer);
    if (own) return new Uint8Array(own, v.offset, v.length);
    const copy = v.view.slice();
    owned.add(copy.buffer);
    return copy;
  });
}

function terminated(): QuarryError {
  return invalidArgument('the worker pool was terminated');
}

class Pool implements WorkerPool {
  readonly size: number;
  private readonly variant: Variant;
  private readonly transfer: boolean;
  private readonly spawn: Spawn;
  private readonly urls: Partial<Record<Variant, string>>;
  private readonly givenModule: WebAssembly.Module | undefined;
  private readonly locateFile: InitOptions['locateFile'];
  private compiled: Promise<WebAssembly.Module> | undefined;
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private turn = 0;
  private closed = false;

  constructor(opts: WorkerPoolOptions) {
    const size = opts.size ?? defaultSize();
    if (!Number.isSafeInteger(size) || size < 1) throw invalidArgument(`size must be a positive integer, not ${String(size)}`);
    if (opts.transfer !== undefined && typeof opts.transfer !== 'boolean') throw invalidArgument('transfer must be a boolean');
    if (opts.wasmModule !== undefined && !(opts.wasmModule instanceof WebAssembly.Module)) {
      throw invalidArgument('wasmModule must be a WebAssembly.Module');
    }
    if (opts.locateFile !== undefined && typeof opts.locateFile !== 'function') throw invalidArgument('locateFile must be a function');
    if (opts.workerUrl !== undefined && typeof opts.workerUrl !== 'string' && !(opts.workerUrl instanceof URL)) {
      throw invalidArgument('workerUrl must be a string or a URL');
    }
    this.size = size;
    this.variant = checkVariant(opts.variant ?? 'core');
    this.transfer = opts.transfer ?? true;
    this.givenModule = opts.wasmModule;
    this.locateFile = opts.locateFile ?? currentLocateFile();
    this.urls = this.locations();
    this.spawn = spawner(opts.workerUrl);
  }

  // locateFile's answers, resolved here: a relative URL means relative to this page, not to the
  // worker's script.
  private locations(): Partial<Record<Variant, string>> {
    const urls: Partial<Record<Variant, string>> = {};
    const f = this.locateFile;
    if (!f) return urls;
    for (const v of VARIANTS) {
      const r = f(wasmFileName(v), v);
      if (r instanceof URL) urls[v] = r.href;
      else if (typeof r !== 'string') throw invalidArgument('locateFile must return a string or a URL');
      else if (isNode() && !/^[a-z][a-z0-9+.-]*:/i.test(r.replace(/^[a-z]:[\\/]/i, ''))) urls[v] = r;  // a path
      else urls[v] = new URL(r, globalBase()).href;
    }
    return urls;
  }

  // The first variant, compiled once for every worker (reused when this thread has it loaded).
  private module(): Promise<WebAssembly.Module> {
    if (!this.compiled) {
      const have = this.givenModule ?? compiledVariant(this.variant);
      const url = this.urls[this.variant];
      this.compiled = have ? Promise.resolve(have) : compileVariant(this.variant, { locateFile: url === undefined ? undefined : () => url });
      this.compiled.catch(() => {
        this.compiled = undefined;  // a later call may try again
      });
    }
    return this.compiled;
  }

  // ---- workers ------------------------------------------------------------------------------------

  private startSlot(): Slot {
    const slot: Slot = { inFlight: new Map(), answered: 0, started: false, dead: false, ready: undefined as unknown as Promise<Endpoint> };
    slot.ready = (async () => {
      const module = await this.module();
      const ep = await this.spawn({
        message: (m) => this.onMessage(slot, m),
        failed: (e) => this.onFailed(slot, e),
      });
      slot.endpoint = ep;
      if (slot.dead) {
        void ep.terminate();
        throw new Error('stopped');
      }
      ep.post({ t: 'init', variant: this.variant, module, urls: this.urls }, []);
      return ep;
    })();
    slot.ready.catch((e: unknown) => this.onFailed(slot, e instanceof Error ? e : new Error(String(e))));
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, m: ReplyMessage | { t: 'ready' } | { t: 'init-failed'; error: WireError }): void {
    if (m.t === 'ready') {
      slot.started = true;
      return;
    }
    if (m.t === 'init-failed') {
      this.kill(slot, fromWire(m.error));
      return;
    }
    const task = slot.inFlight.get(m.id);
    if (!task) return;
    slot.inFlight.delete(m.id);
    slot.answered++;
    if (slot.inFlight.size === 0) slot.endpoint?.unref();
    if (m.t === 'done') task.resolve(m.result);
    else task.reject(fromWire(m.error));
    this.dispatch();
  }

  private onFailed(slot: Slot, e: Error): void {
    if (slot.dead) return;
    const why = slot.started
      ? new QuarryError('OUT_OF_MEMORY', `a worker of the pool stopped (${e.message}); it is replaced for the next call`)
      : new Error(`quarry-wasm: a worker of the pool could not start: ${e.message}`);
    this.kill(slot, why);
  }

  // Discards a worker; its calls fail with `why`, the queue goes on with the others.
  private kill(slot: Slot, why: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    this.slots = this.slots.filter((s) => s !== slot);
    for (const t of slot.inFlight.values()) t.reject(why);
    slot.inFlight.clear();
    void slot.endpoint?.terminate().catch(() => {});
    this.dispatch();
  }

  // ---- scheduling ---------------------------------------------------------------------------------

  // An idle worker, else a new one while fewer than `size` run, else the least busy with room.
  private pick(): Slot | undefined {
    const n = this.slots.length;
    let best: Slot | undefined;
    for (let i = 0; i < n; i++) {
      const s = this.slots[(this.turn + i) % n]!;
      if (s.inFlight.size === 0) {
        best = s;
        break;
      }
      if (s.inFlight.size < MAX_IN_FLIGHT && (!best || s.inFlight.size < best.inFlight.size)) best = s;
    }
    if (best?.inFlight.size === 0) return best;
    if (n < this.size) return this.startSlot();
    return best;
  }

  private dispatch(): void {
    while (this.queue.length && !this.closed) {
      const slot = this.pick();
      if (!slot) return;
      this.turn = (this.slots.indexOf(slot) + 1) % Math.max(1, this.slots.length);
      const task = this.queue.shift()!;
      const id = this.nextId++;
      slot.inFlight.set(id, task);
      slot.ready.then(
        (ep) => {
          if (slot.dead || !slot.inFlight.has(id)) return;
          ep.ref();
          try {
            ep.post({ t: 'call', id, ...task.call }, task.transfer);
          } catch (e) {
            slot.inFlight.delete(id);
            if (slot.inFlight.size === 0) ep.unref();
            task.reject(invalidArgument(`the call could not be sent to the worker: ${e instanceof Error ? e.message : String(e)}`));
            this.dispatch();
          }
        },
        () => {},  // onFailed rejects the slot's calls
      );
    }
  }

  private run<R>(call: Call, transfer: ArrayBuffer[]): Promise<R> {
    if (this.closed) return Promise.reject(terminated());
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ call, transfer, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  // ---- calls --------------------------------------------------------------------------------------

  async extractBytes(data: BinaryData, mimeType?: string, config?: ExtractionConfig): Promise<ExtractionResult> {
    if (this.closed) throw terminated();
    normalizeConfig(config);
    const hint = normalizeHint(mimeType);
    const owned = new Set<ArrayBuffer>();
    const bytes = takeAll([{ data, what: 'data' }], this.transfer, owned)[0]!;
    if (bytes instanceof QuarryError) throw bytes;
    return this.run<ExtractionResult>({ op: 'extractBytes', data: bytes, mimeType: hint, config }, [...owned]);
  }

  async batchExtractBytes(items: readonly BatchItem[], config?: ExtractionConfig): Promise<BatchEntry[]> {
    if (this.closed) throw terminated();
    if (!Array.isArray(items)) throw invalidArgument('items must be an array of {data, mimeType?}');
    normalizeConfig(config);
    // Bad items become their error entries here; the others go in contiguous pieces of about
    // equal size (in bytes) to the workers.
    const out: BatchEntry[] = new Array(items.length);
    const good: { i: number; data: Uint8Array; mimeType: string }[] = [];
    const hints = items.map((item, i) => {
      try {
        if (typeof item !== 'object' || item === null) throw invalidArgument(`items[${i}] must be an object {data, mimeType?}`);
        return normalizeHint(item.mimeType, `items[${i}].mimeType`);
      } catch (e) {
        if (!(e instanceof QuarryError)) throw e;
        return e;
      }
    });
    const owned = new Set<ArrayBuffer>();
    const bytes = takeAll(
      items.map((item, i) => ({ data: hints[i] instanceof QuarryError ? undefined : item.data, what: `items[${i}].data` })),
      this.transfer,
      owned,
    );
    items.forEach((_, i) => {
      const h = hints[i]!;
      const b = bytes[i]!;
      if (h instanceof QuarryError) out[i] = { error: h };
      else if (b instanceof QuarryError) out[i] = { error: b };
      else good.push({ i, data: b, mimeType: h });
    });
    const total = good.reduce((n, g) => n + g.data.length, 0);
    const pieces = Math.min(good.length, this.size * PIECES_PER_WORKER);
    const target = total / Math.max(1, pieces);
    const jobs: Promise<void>[] = [];
    const sent = new Set<ArrayBuffer>();
    for (let start = 0; start < good.length; ) {
      let end = start;
      let bytes = 0;
      do bytes += good[end++]!.data.length;
      while (end < good.length && bytes < target && end - start < Math.ceil(good.length / Math.max(1, pieces)));
      const piece = good.slice(start, end);
      // Each piece transfers the buffers it uses; one that an earlier piece took is copied.
      const pieceTransfer = new Set<ArrayBuffer>();
      for (const g of piece) {
        const b = g.data.buffer as ArrayBuffer;
        if (!owned.has(b) || pieceTransfer.has(b)) continue;
        if (sent.has(b)) {
          g.data = g.data.slice();
          pieceTransfer.add(g.data.buffer as ArrayBuffer);
        } else pieceTransfer.add(b);
      }
      for (const b of pieceTransfer) sent.add(b);
      jobs.push(
        this.run<WireEntry[]>({ op: 'batchExtractBytes', items: piece.map((g) => ({ data: g.data, mimeType: g.mimeType })), config }, [...pieceTransfer]).then(
          (entries) => {
            entriesFromWire(entries).forEach((e, k) => (out[piece[k]!.i] = e));
          },
          // A worker that stopped fails its piece's documents, not the batch.
          (e: unknown) => {
            if (!(e instanceof QuarryError)) throw e;
            for (const g of piece) out[g.i] = { error: e };
          },
        ),
      );
      start = end;
    }
    await Promise.all(jobs);
    return out;
  }

  async extractFile(file: string | URL | Blob, mimeType?: string, config?: ExtractionConfig): Promise<ExtractionResult> {
    if (this.closed) throw terminated();
    normalizeConfig(config);
    const hint = normalizeHint(mimeType);
    if (typeof file === 'string' || file instanceof URL) {
      if (QUARRY_BROWSER || !isNode()) throw invalidArgument('extractFile(path) needs Node.js; in a browser pass a File or a Blob');
      const isUrl = file instanceof URL;
      return this.run<ExtractionResult>({ op: 'extractFile', file: isUrl ? file.href : file, isUrl, mimeType: hint, config }, []);
    }
    if (typeof Blob !== 'undefined' && file instanceof Blob) {
      return this.run<ExtractionResult>({ op: 'extractFile', file, isUrl: false, mimeType: hint, config }, []);
    }
    throw invalidArgument('extractFile() takes a path, a file: URL, a File or a Blob');
  }

  async terminate(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = terminated();
    for (const t of this.queue.splice(0)) t.reject(err);
    const slots = this.slots;
    this.slots = [];
    await Promise.all(
      slots.map(async (s) => {
        s.dead = true;
        for (const t of s.inFlight.values()) t.reject(err);
        s.inFlight.clear();
        const ep = s.endpoint ?? (await s.ready.catch(() => undefined));
        await ep?.terminate().catch(() => {});
      }),
    );
  }

  [asyncDisposeSymbol](): Promise<void> {
    return this.terminate();
  }

  /** @internal Tests: the workers running and how many calls each answered. */
  __stats(): { workers: number; answered: number[] } {
    return { workers: this.slots.length, answered: this.slots.map((s) => s.answered) };
  }

  /** @internal Tests: makes a worker die during a call. */
  __crashWorker(): Promise<never> {
    return this.run<never>({ op: '__crash' }, []);
  }
}

/** Starts a pool of workers that run the extraction calls in parallel, each with its own
 *  single-threaded module (worker_threads in Node.js, module Web Workers in browsers). Workers
 *  start on demand, up to `size`; an idle Node.js pool does not keep the process alive. Call
 *  `terminate()` (or `await using pool = createWorkerPool()`) when done. */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  if (typeof options !== 'object' || options === null) throw invalidArgument('createWorkerPool() takes an options object');
  return new Pool(options);
}
