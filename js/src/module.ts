// A loaded variant: one WebAssembly instance and the JavaScript side of its boundary. Views over
// its memory live here only, are re-created after the memory grows, and are never handed to users
// (a result is copied out as a string and a parsed JSON object).
import { errorFromJson, moduleCrashed, outOfMemory, QuarryError } from './errors.js';
import { makeImports, type Host } from './loader.js';
import type { NormalizedConfig } from './options.js';
import type { ExtractionResult, FormatGroup, Variant } from './types.js';

/** Offsets in the transfer struct (bindings/wasm/quarry_wasm.cpp, struct transfer). */
const T_OUTPUT_FORMAT = 0;
const T_FLAGS = 4;
const T_PASSWORD_PTR = 8;
const T_PASSWORD_LEN = 12;
const T_MAX_DEPTH = 16;
const T_MAX_OUTPUT = 24;
const T_MAX_DECOMPRESSED = 32;
const T_MAX_ENTRIES = 40;
const T_MAX_INPUT = 48;
// 56: status (also the return value of the calls)
const T_CONTENT_PTR = 60;
const T_CONTENT_LEN = 64;
const T_JSON_PTR = 68;
const T_JSON_LEN = 72;

/** quarry::error_code::format_not_loaded. */
export const STATUS_FORMAT_NOT_LOADED = 2;

/** After a document larger than this, the module gives back its input buffer and arena. */
export const RELEASE_THRESHOLD = 8 << 20;

/** The exports of quarry_wasm.cpp (bindings/wasm/exports.txt). */
interface Exports {
  memory: WebAssembly.Memory;
  _initialize?: () => void;
  quarry_transfer_ptr(): number;
  quarry_buffer_new(size: number): number;
  quarry_buffer_free(ptr: number): void;
  quarry_extract(inPtr: number, inLen: number, hintPtr: number, hintLen: number): number;
  quarry_release(): void;
  quarry_stream_new(hintPtr: number, hintLen: number): number;
  quarry_stream_expect(handle: number, totalBytes: number): void;
  quarry_stream_feed(handle: number, ptr: number, len: number): number;
  quarry_stream_finish(handle: number): number;
  quarry_stream_free(handle: number): void;
  quarry_formats_json(): number;
  quarry_detect(ptr: number, len: number, namePtr: number, nameLen: number): number;
  quarry_resolve_format(ptr: number, len: number, hintPtr: number, hintLen: number): number;
  quarry_version(): number;
  quarry_debug_heap_used(): number;
  quarry_debug_live_handles(): number;
}

/** A format as the module's catalog describes it. */
export interface CatalogEntry {
  name: string;
  description: string;
  mimeTypes: string[];
  extensions: string[];
  group: FormatGroup;
  /** Whether this module has it. */
  compiled: boolean;
  /** The variants of this build that have it, smallest first. */
  variants: Variant[];
}

/** Debug counters (read through `__debug`). */
export const counters = {
  /** Document bytes copied into any module's memory by this package. */
  bytesCopiedIn: 0,
};

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A loaded variant. */
export class QuarryModule {
  readonly variant: Variant;
  readonly compiled: WebAssembly.Module;
  /** Every format Quarry knows, in the module's catalog order. */
  catalog: CatalogEntry[] = [];
  version = '';
  /** Incremented when the instance is replaced after a crash: handles of an older generation are
   *  dead. */
  generation = 0;
  /** Receives streamed content during a stream call (streaming.ts sets it around the call). */
  contentTarget: ((bytes: Uint8Array) => void) | null = null;

  private x!: Exports;
  private memory!: WebAssembly.Memory;
  private buffer: ArrayBuffer | null = null;
  private u8!: Uint8Array;
  private dv!: DataView;
  private transfer = 0;
  private inputPtr = 0;
  private inputCap = 0;
  private stringsPtr = 0;
  private stringsCap = 0;
  private stagedHint: string | null = null;
  private stagedPassword: string | null = null;
  private stagedHintLen = 0;
  private stagedPasswordLen = 0;
  private arenaHigh = 0;  // the largest content or JSON since the arena was last given back
  private crashed: unknown = null;
  private readonly host: Host;

  private constructor(variant: Variant, compiled: WebAssembly.Module) {
    this.variant = variant;
    this.compiled = compiled;
    this.host = {
      onContent: (ptr, len) => {
        const target = this.contentTarget;
        if (target) target(this.heap().slice(ptr, ptr + len));
      },
      onMemoryGrowth: () => {
        this.buffer = null;
      },
      memory: () => this.memory,
    };
  }

  /** Instantiates a compiled variant. */
  static async create(variant: Variant, compiled: WebAssembly.Module): Promise<QuarryModule> {
    const m = new QuarryModule(variant, compiled);
    const instance = await WebAssembly.instantiate(compiled, makeImports(compiled, m.host));
    m.attach(instance);
    m.readCatalog();
    return m;
  }

  private attach(instance: WebAssembly.Instance): void {
    this.x = instance.exports as unknown as Exports;
    this.memory = this.x.memory;
    this.buffer = null;
    this.x._initialize?.();
    this.transfer = this.x.quarry_transfer_ptr();
    this.inputPtr = this.inputCap = this.stringsPtr = this.stringsCap = 0;
    this.stagedHint = this.stagedPassword = null;
  }

  private readCatalog(): void {
    this.x.quarry_formats_json();
    const c = JSON.parse(this.readJson()) as { variant: string; version: string; formats: CatalogEntry[] };
    if (c.variant !== this.variant) {
      throw new Error(`quarry-wasm: quarry-${this.variant}.wasm contains the '${c.variant}' variant`);
    }
    this.catalog = c.formats;
    this.version = c.version;
  }

  // ---- memory views (internal: never handed to users) ------------------------------------------

  /** The memory as bytes; re-created after growth. */
  heap(): Uint8Array {
    if (this.buffer !== this.memory.buffer) this.refreshViews();
    return this.u8;
  }

  private view(): DataView {
    if (this.buffer !== this.memory.buffer) this.refreshViews();
    return this.dv;
  }

  private refreshViews(): void {
    this.buffer = this.memory.buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.dv = new DataView(this.buffer);
  }

  /** Size of the linear memory in bytes. */
  memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  // ---- crashes ----------------------------------------------------------------------------------

  /** Runs a call into the module. A trap or an exception crossing it leaves the instance in an
   *  unknown state: it is discarded (re-created before the next call) and the error is typed. */
  private guard<R>(f: () => R): R {
    this.revive();
    try {
      return f();
    } catch (e) {
      if (e instanceof QuarryError) throw e;
      this.crashed = e;
      this.generation++;
      throw moduleCrashed(e);
    }
  }

  /** Replaces a crashed instance (synchronously: fine in Node and workers; browsers' main threads
   *  may refuse, then the async calls do it through revive()). */
  revive(): void {
    if (this.crashed === null) return;
    this.attach(new WebAssembly.Instance(this.compiled, makeImports(this.compiled, this.host)));
    this.crashed = null;
  }

  /** Whether the instance crashed and waits to be replaced. */
  get crashedInstance(): boolean {
    return this.crashed !== null;
  }

  /** Replaces a crashed instance without blocking. */
  async reviveAsync(): Promise<void> {
    if (this.crashed === null) return;
    this.attach(await WebAssembly.instantiate(this.compiled, makeImports(this.compiled, this.host)));
    this.crashed = null;
  }

  // ---- input ------------------------------------------------------------------------------------

  /** The reusable input buffer, grown to at least `n` bytes. */
  private input(n: number): number {
    if (n > this.inputCap || this.inputPtr === 0) {
      if (this.inputPtr) this.x.quarry_buffer_free(this.inputPtr);
      this.inputPtr = 0;
      this.inputCap = 0;
      const cap = Math.max(n, 64 * 1024);
      const ptr = this.x.quarry_buffer_new(cap) >>> 0;
      if (ptr === 0) throw outOfMemory(`cannot allocate ${cap} bytes in the module for the document`);
      this.inputPtr = ptr;
      this.inputCap = cap;
    }
    return this.inputPtr;
  }

  /** Grows the input buffer now (a batch sizes it for its largest document once). */
  reserveInput(n: number): void {
    this.guard(() => this.input(n));
  }

  /** Copies document bytes into the input buffer; returns their address. */
  private copyIn(bytes: Uint8Array): number {
    const ptr = this.input(bytes.length);
    this.heap().set(bytes, ptr);
    counters.bytesCopiedIn += bytes.length;
    return ptr;
  }

  /** Puts the hint and the password into the strings buffer (kept while they do not change). */
  private stage(hint: string, password: string): void {
    if (hint === this.stagedHint && password === this.stagedPassword) return;
    const need = 3 * (hint.length + password.length);
    if (need > this.stringsCap || this.stringsPtr === 0) {
      if (this.stringsPtr) this.x.quarry_buffer_free(this.stringsPtr);
      this.stringsPtr = 0;
      this.stringsCap = 0;
      const cap = Math.max(need, 256);
      const ptr = this.x.quarry_buffer_new(cap) >>> 0;
      if (ptr === 0) throw outOfMemory('cannot allocate memory in the module for the MIME type');
      this.stringsPtr = ptr;
      this.stringsCap = cap;
    }
    const heap = this.heap();
    this.stagedHintLen = hint ? encoder.encodeInto(hint, heap.subarray(this.stringsPtr, this.stringsPtr + this.stringsCap)).written : 0;
    const pwAt = this.stringsPtr + this.stagedHintLen;
    this.stagedPasswordLen = password ? encoder.encodeInto(password, heap.subarray(pwAt, this.stringsPtr + this.stringsCap)).written : 0;
    this.stagedHint = hint;
    this.stagedPassword = password;
  }

  private writeConfig(cfg: NormalizedConfig): void {
    const dv = this.view();
    const t = this.transfer;
    dv.setUint32(t + T_OUTPUT_FORMAT, cfg.outputFormat, true);
    dv.setUint32(t + T_FLAGS, cfg.flags, true);
    dv.setUint32(t + T_PASSWORD_PTR, this.stagedPasswordLen ? this.stringsPtr + this.stagedHintLen : 0, true);
    dv.setUint32(t + T_PASSWORD_LEN, this.stagedPasswordLen, true);
    dv.setFloat64(t + T_MAX_DEPTH, cfg.maxDepth, true);
    dv.setFloat64(t + T_MAX_OUTPUT, cfg.maxOutputBytes, true);
    dv.setFloat64(t + T_MAX_DECOMPRESSED, cfg.maxDecompressedBytes, true);
    dv.setFloat64(t + T_MAX_ENTRIES, cfg.maxEntries, true);
    dv.setFloat64(t + T_MAX_INPUT, cfg.maxInputBytes, true);
  }

  // ---- results ----------------------------------------------------------------------------------

  private readJson(): string {
    const dv = this.view();
    const ptr = dv.getUint32(this.transfer + T_JSON_PTR, true);
    const len = dv.getUint32(this.transfer + T_JSON_LEN, true);
    return len ? decoder.decode(this.heap().subarray(ptr, ptr + len)) : '';
  }

  private readContent(): string {
    const dv = this.view();
    const ptr = dv.getUint32(this.transfer + T_CONTENT_PTR, true);
    const len = dv.getUint32(this.transfer + T_CONTENT_LEN, true);
    return len ? decoder.decode(this.heap().subarray(ptr, ptr + len)) : '';
  }

  /** The error of the last call. */
  private lastError(): QuarryError {
    return errorFromJson(this.readJson());
  }

  // ---- extraction -------------------------------------------------------------------------------

  /** Extracts a document that is already in this module's memory (the input buffer or a
   *  SharedBuffer). Returns the result, or the error as a value so the caller can decide about
   *  FORMAT_NOT_LOADED. `release` gives back big buffers afterwards (not between batch items). */
  extractAt(ptr: number, len: number, hint: string, cfg: NormalizedConfig, release: boolean): ExtractionResult | QuarryError {
    return this.guard(() => {
      this.stage(hint, cfg.password);
      this.writeConfig(cfg);
      const status = this.x.quarry_extract(ptr, len, this.stringsPtr, this.stagedHintLen);
      if (status !== 0) return this.lastError();
      const dv = this.view();
      this.arenaHigh = Math.max(this.arenaHigh, dv.getUint32(this.transfer + T_CONTENT_LEN, true), dv.getUint32(this.transfer + T_JSON_LEN, true));
      const content = this.readContent();
      const s = JSON.parse(this.readJson()) as Omit<ExtractionResult, 'content'>;
      if (release) this.releaseIfLargeNow();
      const result: ExtractionResult = { content, mimeType: s.mimeType, metadata: s.metadata, tables: s.tables, warnings: s.warnings };
      if (s.pages) result.pages = s.pages;
      if (s.images) result.images = s.images;
      return result;
    });
  }

  /** Copies the document in, then extracts it. */
  extractBytes(bytes: Uint8Array, hint: string, cfg: NormalizedConfig, release: boolean): ExtractionResult | QuarryError {
    const ptr = this.guard(() => this.copyIn(bytes));
    const r = this.extractAt(ptr, bytes.length, hint, cfg, release);
    if (release && r instanceof QuarryError) this.releaseIfLarge();
    return r;
  }

  /** The catalog entry of the format an extraction of the bytes at `ptr` would use. */
  resolveAt(ptr: number, len: number, hint: string): CatalogEntry | undefined {
    return this.guard(() => {
      this.stage(hint, this.stagedPassword ?? '');
      const i = this.x.quarry_resolve_format(ptr, len, this.stringsPtr, this.stagedHintLen);
      return i >= 0 ? this.catalog[i] : undefined;
    });
  }

  /** The catalog entry for document bytes (copied in). */
  resolveBytes(bytes: Uint8Array, hint: string): CatalogEntry | undefined {
    const ptr = this.guard(() => this.copyIn(bytes));
    return this.resolveAt(ptr, bytes.length, hint);
  }

  /** The address of the bytes of the last copyIn (the input buffer). */
  inputAddress(): number {
    return this.inputPtr;
  }

  /** MIME type of the bytes (magic first, then the file name). */
  detect(bytes: Uint8Array, filename: string): string {
    const ptr = this.guard(() => this.copyIn(bytes));
    return this.guard(() => {
      this.stage(filename, this.stagedPassword ?? '');
      this.x.quarry_detect(ptr, bytes.length, this.stringsPtr, this.stagedHintLen);
      return this.readJson();
    });
  }

  /** Gives back the input buffer and the arena. */
  releaseNow(): void {
    if (this.inputPtr) this.x.quarry_buffer_free(this.inputPtr);
    this.inputPtr = 0;
    this.inputCap = 0;
    this.x.quarry_release();
    this.arenaHigh = 0;
  }

  /** releaseNow() when the buffers grew big (after a large document, or after a batch). */
  releaseIfLarge(): void {
    this.guard(() => this.releaseIfLargeNow());
  }

  private releaseIfLargeNow(): void {
    if (this.inputCap > RELEASE_THRESHOLD || this.arenaHigh > RELEASE_THRESHOLD) this.releaseNow();
  }

  // ---- buffers (SharedBuffer) ---------------------------------------------------------------------

  /** A buffer in the module's memory; throws OUT_OF_MEMORY when there is no room. */
  bufferNew(size: number): number {
    return this.guard(() => {
      const ptr = this.x.quarry_buffer_new(size) >>> 0;
      if (ptr === 0) throw outOfMemory(`cannot allocate ${size} bytes in the module`);
      return ptr;
    });
  }

  /** Frees a buffer of the current generation. */
  bufferFree(ptr: number): void {
    this.guard(() => this.x.quarry_buffer_free(ptr));
  }

  // ---- streams ----------------------------------------------------------------------------------

  /** Starts a streaming extraction; returns its handle or throws its error. */
  streamNew(hint: string, cfg: NormalizedConfig): number {
    return this.guard(() => {
      this.stage(hint, cfg.password);
      this.writeConfig(cfg);
      const h = this.x.quarry_stream_new(this.stringsPtr, this.stagedHintLen) >>> 0;
      if (h === 0) throw this.lastError();
      return h;
    });
  }

  /** Tells the stream its document's total size, so a gathering format allocates once. */
  streamExpect(handle: number, totalBytes: number): void {
    this.guard(() => this.x.quarry_stream_expect(handle, totalBytes));
  }

  /** Feeds a piece (copied into the input buffer); content arrives through contentTarget.
   *  Returns the error as a value. */
  streamFeed(handle: number, piece: Uint8Array): QuarryError | null {
    return this.guard(() => {
      const ptr = this.copyIn(piece);
      return this.x.quarry_stream_feed(handle, ptr, piece.length) === 0 ? null : this.lastError();
    });
  }

  /** Ends a stream: the structure JSON, or the error as a value. */
  streamFinish(handle: number): string | QuarryError {
    return this.guard(() => (this.x.quarry_stream_finish(handle) === 0 ? this.readJson() : this.lastError()));
  }

  /** Frees a stream of the current generation. */
  streamFree(handle: number): void {
    this.guard(() => this.x.quarry_stream_free(handle));
  }

  // ---- debugging ----------------------------------------------------------------------------------

  /** Bytes allocated by malloc now. */
  heapUsed(): number {
    return this.guard(() => this.x.quarry_debug_heap_used() >>> 0);
  }

  /** Live buffers + streams (the input and strings buffers count). */
  liveHandles(): number {
    return this.guard(() => this.x.quarry_debug_live_handles() >>> 0);
  }

  /** Makes the instance trap, to test recovery. */
  crashForTest(): void {
    this.guard(() => {
      this.contentTarget = () => {
        throw new Error('test crash');
      };
      try {
        // A stream call whose content callback throws: the exception crosses the module.
        const h = this.x.quarry_stream_new(0, 0);
        const ptr = this.copyIn(new Uint8Array(100).fill(65));
        this.x.quarry_stream_feed(h, ptr, 100);
        this.x.quarry_stream_finish(h);
      } finally {
        this.contentTarget = null;
      }
    });
  }
}
