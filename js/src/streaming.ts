// extractBytesStreaming: content out in chunks while the document goes in by windows. Pulling:
// nextChunk() feeds the next input window (at most WINDOW bytes, copied into one reusable buffer in
// the module) only when no content is waiting, so memory stays bounded on both sides: the module
// holds one input window and one 64 KB output window (formats that read incrementally: plain text
// today, HTML and CSV soon), and JavaScript holds what one window produced. Formats that need
// the whole document gather it inside the module and produce their content at the end.
import { formatNotLoaded, invalidArgument, notInitialized, QuarryError, staleHandle } from './errors.js';
import { formatInfo } from './formats.js';
import { disposeSymbol, finalizer, freeBox, type HandleBox } from './handles.js';
import type { QuarryModule } from './module.js';
import { normalizeConfig, normalizeHint, toBytes, type NormalizedConfig } from './options.js';
import type { ExtractionConfig, ExtractionResult, ImageInfo, Metadata, StreamingInput, Table, Warning } from './types.js';
import { defaultModule, ensureDefault, moduleForFormat, moduleWithFormat } from './variants.js';

/** Input fed to the module per call. */
const WINDOW = 1 << 20;
/** The module chooses the format on this much of the document (src/core/streaming.cpp). */
const SNIFF = 8 * 1024;
/** What the JS layer looks at to choose the variant. */
const RESOLVE_HEAD = 64 * 1024;
/** nextChunk()'s default size. */
const DEFAULT_CHUNK = 64 * 1024;

const decoder = new TextDecoder();

type Pull = () => Uint8Array | null | Promise<Uint8Array | null>;

interface Source {
  /** The next piece, or null at the end. */
  pull: Pull;
  /** Whether pull() can return a promise. */
  async: boolean;
  /** Input size, when known. */
  length?: number;
  /** Stops an unfinished source (closes a file stream). */
  cancel(): void;
}

function isObject(v: unknown): v is object {
  return (typeof v === 'object' || typeof v === 'function') && v !== null;
}

function openSource(data: StreamingInput): Source {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    let bytes: Uint8Array | null = toBytes(data);
    const length = bytes.length;
    return {
      pull: () => {
        const b = bytes;
        bytes = null;
        return b;
      },
      async: false,
      length,
      cancel: () => {
        bytes = null;
      },
    };
  }
  if (isObject(data) && typeof (data as ReadableStream).getReader === 'function') {
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    return {
      pull: async () => {
        const r = await reader.read();
        return r.done ? null : toBytes(r.value, 'a chunk of data');
      },
      async: true,
      cancel: () => {
        reader.cancel().catch(() => {});
      },
    };
  }
  if (isObject(data) && typeof (data as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const it = (data as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    return {
      pull: async () => {
        const r = await it.next();
        return r.done ? null : toBytes(r.value, 'a chunk of data');
      },
      async: true,
      cancel: () => {
        it.return?.()?.catch?.(() => {});
      },
    };
  }
  if (isObject(data) && typeof (data as Iterable<unknown>)[Symbol.iterator] === 'function') {
    const it = (data as Iterable<unknown>)[Symbol.iterator]();
    return {
      pull: () => {
        const r = it.next();
        return r.done ? null : toBytes(r.value, 'a chunk of data');
      },
      async: false,
      cancel: () => {
        it.return?.();
      },
    };
  }
  throw invalidArgument('data must be a Uint8Array, an ArrayBuffer, or an (async) iterable or ReadableStream of them');
}

type State = 'new' | 'running' | 'finished' | 'failed' | 'freed';

/** The structure of a streamed extraction (everything but the content). */
type Structure = Omit<ExtractionResult, 'content'>;

/** A streaming extraction: pull the content with nextChunk() (or iterate it, or read it as a
 *  ReadableStream); the structure (metadata, tables, warnings) is there once it has ended. Call
 *  free() when you stop early (iterating to the end, or breaking out of a for-await loop, frees it
 *  for you; a forgotten one is freed when garbage-collected). */
export class StreamingResult implements AsyncIterable<string> {
  /** Document size, when known (the whole document was passed as bytes). */
  readonly inputLength: number | undefined;
  private returned = 0;
  private fed = 0;

  private readonly source: Source;
  private readonly hint: string;
  private readonly cfg: NormalizedConfig;
  private state: State = 'new';
  private box: HandleBox | null = null;
  private pending: Uint8Array[] = [];  // pulled, not fed yet (the sniffed head)
  private piece: Uint8Array | null = null;
  private pieceAt = 0;
  private queue: Uint8Array[] = [];
  private queued = 0;
  private produced = 0;
  private error: QuarryError | null = null;
  private structure: Structure | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  /** @internal use extractBytesStreaming(). */
  constructor(data: StreamingInput, mimeType?: string, config?: ExtractionConfig) {
    this.hint = normalizeHint(mimeType);
    this.cfg = normalizeConfig(config);
    this.source = openSource(data);
    this.inputLength = this.source.length;
  }

  /** Content bytes (UTF-8) returned so far. */
  get position(): number {
    return this.returned;
  }
  /** Total content bytes: known once the extraction has ended (undefined before). */
  get totalLength(): number | undefined {
    return this.state === 'finished' ? this.produced : undefined;
  }
  /** Document bytes read so far. */
  get inputPosition(): number {
    return this.fed;
  }
  /** Metadata: null until the extraction has ended (nextChunk() returned null). */
  get metadata(): Metadata | null {
    return this.structure?.metadata ?? null;
  }
  /** The format used: null until the end. */
  get mimeType(): string | null {
    return this.structure?.mimeType ?? null;
  }
  /** Tables: null until the end. */
  get tables(): Table[] | null {
    return this.structure?.tables ?? null;
  }
  /** Images (with `config.extractImages`): null until the end. */
  get images(): ImageInfo[] | null {
    return this.structure ? (this.structure.images ?? []) : null;
  }
  /** Warnings: null until the end. */
  get warnings(): Warning[] | null {
    return this.structure?.warnings ?? null;
  }
  /** Whether the content has all been returned. */
  get done(): boolean {
    return this.state === 'finished' && this.queued === 0;
  }

  /** The next piece of content, at most `maxBytes` of UTF-8 (never splitting a character), or null
   *  at the end. Reads more of the document only when no content is waiting. Calls are queued:
   *  each waits for the previous one. */
  nextChunk(maxBytes: number = DEFAULT_CHUNK): Promise<string | null> {
    checkMax(maxBytes);
    const run = this.chain.then(() => this.nextAsync(maxBytes));
    this.chain = run.catch(() => {});
    return run;
  }

  /** nextChunk(), synchronously: needs `await init()` first, the format's variant loaded, and a
   *  source that is not async. */
  nextChunkSync(maxBytes: number = DEFAULT_CHUNK): string | null {
    checkMax(maxBytes);
    if (this.source.async) throw invalidArgument('nextChunkSync() cannot read an async source: use nextChunk()');
    if (this.state === 'new') this.startSync();
    while (this.queued === 0 && this.state === 'running') {
      let p = this.currentPiece();
      if (!p) {
        p = this.source.pull() as Uint8Array | null;
        if (!p) {
          this.finish();
          break;
        }
        this.piece = p;
      }
      this.feed(p);
    }
    return this.take(maxBytes);
  }

  private async nextAsync(maxBytes: number): Promise<string | null> {
    if (this.state === 'new') await this.startAsync();
    while (this.queued === 0 && this.state === 'running') {
      let p = this.currentPiece();
      if (!p) {
        p = await this.source.pull();
        if (this.state !== 'running') break;  // freed while waiting
        if (!p) {
          this.finish();
          break;
        }
        this.piece = p;
      }
      this.feed(p);
    }
    return this.take(maxBytes);
  }

  // The piece to feed from next: the rest of the current one, else a pending one (the head).
  private currentPiece(): Uint8Array | null {
    if (this.piece && this.pieceAt < this.piece.length) return this.piece;
    this.piece = this.pending.shift() ?? null;
    this.pieceAt = 0;
    return this.piece;
  }

  private async startAsync(): Promise<void> {
    const head = await this.gatherHead(true);
    const m0 = await ensureDefault();
    let m = m0;
    const entry = m0.resolveBytes(head, this.hint);
    if (entry) {
      const other = await moduleForFormat(entry);
      if (!other) this.fail(formatNotLoaded(formatInfo(entry)));
      else m = other;
    }
    if (this.state === 'new') this.open(m);
  }

  private startSync(): void {
    const m0 = defaultModule();
    if (!m0) throw notInitialized('nextChunkSync()');
    const head = this.gatherHead(false) as Uint8Array;
    let m = m0;
    const entry = m0.resolveBytes(head, this.hint);
    if (entry) {
      const other = moduleWithFormat(entry.name);
      if (!other) this.fail(formatNotLoaded(formatInfo(entry)));
      else m = other;
    }
    if (this.state === 'new') this.open(m);
  }

  // Pulls pieces until SNIFF bytes (or the end) and returns the first RESOLVE_HEAD bytes.
  private gatherHead(async: true): Promise<Uint8Array>;
  private gatherHead(async: false): Uint8Array;
  private gatherHead(async: boolean): Uint8Array | Promise<Uint8Array> {
    let n = 0;
    const done = (): Uint8Array => {
      if (this.pending.length === 1) return this.pending[0]!.subarray(0, RESOLVE_HEAD);
      const head = new Uint8Array(Math.min(n, RESOLVE_HEAD));
      let at = 0;
      for (const p of this.pending) {
        if (at >= head.length) break;
        const take = p.subarray(0, head.length - at);
        head.set(take, at);
        at += take.length;
      }
      return head;
    };
    if (!async) {
      while (n < SNIFF) {
        const p = this.source.pull() as Uint8Array | null;
        if (!p) break;
        this.pending.push(p);
        n += p.length;
      }
      return done();
    }
    return (async () => {
      while (n < SNIFF) {
        const p = await this.source.pull();
        if (!p) break;
        this.pending.push(p);
        n += p.length;
      }
      return done();
    })();
  }

  private open(m: QuarryModule): void {
    const handle = m.streamNew(this.hint, this.cfg);
    if (this.inputLength !== undefined) m.streamExpect(handle, this.inputLength);
    this.box = { module: m, generation: m.generation, id: handle, free: (mod, id) => mod.streamFree(id) };
    finalizer?.register(this, this.box, this.box);
    this.state = 'running';
  }

  // Runs a stream call with the content callback pointed at this stream's queue.
  private call<R>(f: (m: QuarryModule, handle: number) => R): R {
    const box = this.box!;
    if (box.id === 0 || box.module.generation !== box.generation) throw staleHandle('this StreamingResult');
    const m = box.module;
    m.contentTarget = (bytes) => {
      this.queue.push(bytes);
      this.queued += bytes.length;
      this.produced += bytes.length;
    };
    try {
      return f(m, box.id);
    } catch (e) {
      // The module crashed (and is reset): this stream is gone.
      if (e instanceof QuarryError) this.fail(e);
      throw e;
    } finally {
      m.contentTarget = null;
    }
  }

  private feed(piece: Uint8Array): void {
    const slice = piece.subarray(this.pieceAt, this.pieceAt + WINDOW);
    this.pieceAt += slice.length;
    this.fed += slice.length;
    const err = this.call((m, h) => m.streamFeed(h, slice));
    if (err) this.fail(err);
  }

  private finish(): void {
    const r = this.call((m, h) => m.streamFinish(h));
    if (r instanceof QuarryError) {
      this.fail(r);
      return;
    }
    const s = JSON.parse(r) as Structure;
    this.structure = { mimeType: s.mimeType, metadata: s.metadata, tables: s.tables, warnings: s.warnings };
    if (s.images) this.structure.images = s.images;
    this.state = 'finished';
    this.release();
  }

  private fail(e: QuarryError): void {
    this.error = e;
    this.state = 'failed';
    this.release();
  }

  // Frees the module's stream (the JS queue stays readable).
  private release(): void {
    this.source.cancel();
    this.pending = [];
    this.piece = null;
    if (this.box) {
      finalizer?.unregister(this.box);
      freeBox(this.box);
    }
  }

  // Takes up to maxBytes of queued content, cut at a character boundary.
  private take(maxBytes: number): string | null {
    if (this.state === 'freed') throw staleHandle('this StreamingResult');
    if (this.queued === 0) {
      if (this.error) throw this.error;
      return null;
    }
    let out = '';
    let budget = maxBytes;
    while (this.queue.length && budget > 0) {
      const head = this.queue[0]!;
      if (head.length <= budget) {
        out += decoder.decode(head);
        budget -= head.length;
        this.queued -= head.length;
        this.returned += head.length;
        this.queue.shift();
        continue;
      }
      let cut = budget;
      while (cut > 0 && (head[cut]! & 0xc0) === 0x80) cut--;
      if (cut === 0) break;  // the next character does not fit in what is left
      out += decoder.decode(head.subarray(0, cut));
      this.queue[0] = head.subarray(cut);
      this.queued -= cut;
      this.returned += cut;
      break;
    }
    return out;
  }

  /** Stops the extraction and frees its memory; the object is unusable afterwards. Calling it again
   *  does nothing. */
  free(): void {
    if (this.state === 'freed') return;
    this.release();
    this.state = 'freed';
    this.queue = [];
    this.queued = 0;
  }

  [disposeSymbol](): void {
    this.free();
  }

  /** The content chunk by chunk; breaking out of the loop frees the stream. */
  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    try {
      for (;;) {
        const c = await this.nextChunk();
        if (c === null) return;
        yield c;
      }
    } finally {
      if (this.state !== 'finished' || this.queued !== 0) this.free();
    }
  }

  /** The content as a ReadableStream of strings (cancelling it frees the stream). */
  toReadableStream(): ReadableStream<string> {
    return new ReadableStream<string>({
      pull: async (controller) => {
        try {
          const c = await this.nextChunk();
          if (c === null) controller.close();
          else controller.enqueue(c);
        } catch (e) {
          this.free();
          controller.error(e);
        }
      },
      cancel: () => this.free(),
    });
  }
}

function checkMax(maxBytes: number): void {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 4) {
    throw invalidArgument(`maxBytes must be an integer of at least 4 (one character), not ${String(maxBytes)}`);
  }
}

/** Starts a streaming extraction. `data` is the document, or its pieces (an iterable, async
 *  iterable or ReadableStream of Uint8Array/ArrayBuffer), read as the content is pulled. Nothing
 *  runs until the first nextChunk(). `config.pages` is ignored (pages would hold the whole text). */
export function extractBytesStreaming(data: StreamingInput, mimeType?: string, config?: ExtractionConfig): StreamingResult {
  return new StreamingResult(data, mimeType, config);
}
