// SharedBuffer: memory inside a module's heap that the caller fills, so extractShared() reads the
// document in place with no copy. A view of it is valid until the next call into quarry-wasm (the
// memory may grow and detach it), so view() makes a fresh one each time and the class keeps none.
import { formatNotLoaded, invalidArgument, QuarryError, staleHandle } from './errors.js';
import { unwrap } from './extract.js';
import { formatInfo } from './formats.js';
import { disposeSymbol, finalizer, freeBox, type HandleBox } from './handles.js';
import { counters, type QuarryModule } from './module.js';
import { normalizeConfig, normalizeHint, toBytes } from './options.js';
import type { BinaryData, ExtractionConfig, ExtractionResult, Variant } from './types.js';
import { checkVariant, ensureDefault, loadVariant, moduleForFormat } from './variants.js';

const MAX_CAPACITY = 2 ** 31 - 65536;

/** Memory in the module for a document, filled by the caller (e.g. `fs.readSync(fd, buf.view())`). */
export class SharedBuffer {
  /** Size in bytes. */
  readonly capacity: number;
  private readonly box: HandleBox;

  private constructor(module: QuarryModule, ptr: number, capacity: number) {
    this.capacity = capacity;
    this.box = { module, generation: module.generation, id: ptr, free: (m, id) => m.bufferFree(id) };
    finalizer?.register(this, this.box, this.box);
  }

  /** Allocates `capacity` bytes in the module (`options.variant`, default: the smallest loaded, or
   *  `core`). Put the document there with view() or write(), then call extractShared(). */
  static async create(capacity: number, options: { variant?: Variant } = {}): Promise<SharedBuffer> {
    if (!Number.isSafeInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
      throw invalidArgument(`capacity must be an integer from 1 to ${MAX_CAPACITY}, not ${String(capacity)}`);
    }
    const m = options.variant !== undefined ? await loadVariant(checkVariant(options.variant)) : await ensureDefault();
    return new SharedBuffer(m, m.bufferNew(capacity), capacity);
  }

  /** The module and address; throws once freed. */
  private target(): { module: QuarryModule; ptr: number } {
    const b = this.box;
    if (b.id === 0 || b.module.generation !== b.generation) throw staleHandle('this SharedBuffer');
    return { module: b.module, ptr: b.id };
  }

  /** A fresh view of the buffer, valid until the next call into quarry-wasm. */
  view(): Uint8Array {
    const { module, ptr } = this.target();
    return module.heap().subarray(ptr, ptr + this.capacity);
  }

  /** Copies `bytes` into the buffer at `offset`. */
  write(bytes: BinaryData, offset = 0): void {
    const data = toBytes(bytes, 'bytes');
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + data.length > this.capacity) {
      throw invalidArgument(`write of ${data.length} bytes at ${String(offset)} does not fit in ${this.capacity}`);
    }
    const { module, ptr } = this.target();
    module.heap().set(data, ptr + offset);
    counters.bytesCopiedIn += data.length;
  }

  /** Frees the memory; the buffer is unusable afterwards. Calling it again does nothing. */
  free(): void {
    finalizer?.unregister(this.box);
    freeBox(this.box);
  }

  [disposeSymbol](): void {
    this.free();
  }

  /** @internal For extractShared: where the document is. */
  static locate(b: SharedBuffer): { module: QuarryModule; ptr: number } {
    return b.target();
  }
}

/** Extracts the first `length` bytes of a SharedBuffer in place: no copy (unless the format is in
 *  another variant than the buffer's module; then the bytes are copied there once). */
export async function extractShared(buffer: SharedBuffer, length: number, mimeType?: string, config?: ExtractionConfig): Promise<ExtractionResult> {
  if (!(buffer instanceof SharedBuffer)) throw invalidArgument('extractShared() takes a SharedBuffer');
  if (!Number.isSafeInteger(length) || length < 0 || length > buffer.capacity) {
    throw invalidArgument(`length must be an integer from 0 to the buffer's capacity (${buffer.capacity}), not ${String(length)}`);
  }
  const hint = normalizeHint(mimeType);
  const cfg = normalizeConfig(config);
  const { module, ptr } = SharedBuffer.locate(buffer);
  await module.reviveAsync();
  const r = module.extractAt(ptr, length, hint, cfg, true);
  if (!(r instanceof QuarryError) || r.code !== 'FORMAT_NOT_LOADED') return unwrap(r);
  const entry = module.resolveAt(ptr, length, hint);
  if (!entry) throw r;
  const other = await moduleForFormat(entry);
  if (!other || other === module) throw formatNotLoaded(formatInfo(entry));
  const { module: m2, ptr: p2 } = SharedBuffer.locate(buffer);  // still valid: loading ran no module code
  return unwrap(other.extractBytes(m2.heap().subarray(p2, p2 + length), hint, cfg, true));
}
