// extractBytes, extractBytesSync, extractFile: one copy into the module, one call, one result out.
// A document whose format is in another variant goes to the smallest loaded module that has it;
// the async calls load that variant first when none has.
import { formatNotLoaded, invalidArgument, notInitialized, QuarryError } from './errors.js';
import { formatInfo } from './formats.js';
import { isNode, readNodeFile } from './loader.js';
import { type QuarryModule } from './module.js';
import { normalizeConfig, normalizeHint, toBytes, type NormalizedConfig } from './options.js';
import type { BinaryData, ExtractionConfig, ExtractionResult } from './types.js';
import { defaultModule, ensureDefault, moduleForFormat, moduleWithFormat } from './variants.js';

/** Throws an error result. */
export function unwrap(r: ExtractionResult | QuarryError): ExtractionResult {
  if (r instanceof QuarryError) throw r;
  return r;
}

/** Extracts in `m`, else in another loaded module that has the format (no loading). `release`
 *  gives back big buffers afterwards (not between the documents of a batch). */
export function runSync(m: QuarryModule, bytes: Uint8Array, hint: string, cfg: NormalizedConfig, release: boolean): ExtractionResult | QuarryError {
  let r = m.extractBytes(bytes, hint, cfg, false);
  if (r instanceof QuarryError && r.code === 'FORMAT_NOT_LOADED') {
    const entry = m.resolveAt(m.inputAddress(), bytes.length, hint);
    const other = entry && moduleWithFormat(entry.name);
    if (release) m.releaseIfLarge();
    if (!entry) return r;
    if (!other || other === m) return formatNotLoaded(formatInfo(entry));
    m = other;
    r = m.extractBytes(bytes, hint, cfg, false);
  }
  if (release) m.releaseIfLarge();
  return r;
}

/** Like runSync, loading the variant a format needs (and `core` when nothing is loaded). */
export async function runAsync(bytes: Uint8Array, hint: string, cfg: NormalizedConfig, release: boolean): Promise<ExtractionResult | QuarryError> {
  const ready = ensureDefault();
  let m = ready instanceof Promise ? await ready : ready;
  let r = m.extractBytes(bytes, hint, cfg, false);
  if (r instanceof QuarryError && r.code === 'FORMAT_NOT_LOADED') {
    const entry = m.resolveAt(m.inputAddress(), bytes.length, hint);
    if (release) m.releaseIfLarge();
    if (!entry) return r;
    const other = await moduleForFormat(entry);
    if (!other || other === m) return formatNotLoaded(formatInfo(entry));
    m = other;
    r = m.extractBytes(bytes, hint, cfg, false);
  }
  if (release) m.releaseIfLarge();
  return r;
}

/** Extracts text, structure and metadata from document bytes. `mimeType` (a MIME type or a file
 *  name) is sniffed from the bytes when absent. Loads the module on first use. */
export async function extractBytes(data: BinaryData, mimeType?: string, config?: ExtractionConfig): Promise<ExtractionResult> {
  const bytes = toBytes(data);
  const hint = normalizeHint(mimeType);
  const cfg = normalizeConfig(config);
  return unwrap(await runAsync(bytes, hint, cfg, true));
}

/** extractBytes, synchronously. Needs `await init()` first, and the variant of the document's
 *  format loaded (`await loadFormat(...)`); otherwise throws FORMAT_NOT_LOADED naming the fix. */
export function extractBytesSync(data: BinaryData, mimeType?: string, config?: ExtractionConfig): ExtractionResult {
  const bytes = toBytes(data);
  const hint = normalizeHint(mimeType);
  const cfg = normalizeConfig(config);
  const m = defaultModule();
  if (!m) throw notInitialized('extractBytesSync()');
  return unwrap(runSync(m, bytes, hint, cfg, true));
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Extracts a file: a path or file: URL in Node.js, a File or Blob anywhere. The file name (or the
 *  Blob's type) is the hint when `mimeType` is absent. */
export async function extractFile(file: string | URL | Blob, mimeType?: string, config?: ExtractionConfig): Promise<ExtractionResult> {
  let hint = normalizeHint(mimeType);
  const cfg = normalizeConfig(config);
  let bytes: Uint8Array;
  if (typeof file === 'string' || file instanceof URL) {
    if (QUARRY_BROWSER || !isNode()) throw invalidArgument('extractFile(path) needs Node.js; in a browser pass a File or a Blob');
    bytes = await readNodeFile(file);
    if (!hint) hint = baseName(typeof file === 'string' ? file : file.pathname);
  } else if (typeof Blob !== 'undefined' && file instanceof Blob) {
    bytes = new Uint8Array(await file.arrayBuffer());
    if (!hint) hint = file.type || ((file as { name?: unknown }).name as string | undefined) || '';
  } else {
    throw invalidArgument('extractFile() takes a path, a file: URL, a File or a Blob');
  }
  return unwrap(await runAsync(bytes, hint, cfg, true));
}
