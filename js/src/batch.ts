// Batches: many documents through one reusable input buffer and one output arena, so the peak
// memory is that of the largest document, not the sum. A failing document gives an error entry;
// the batch goes on.
import { invalidArgument, notInitialized, QuarryError } from './errors.js';
import { runAsync, runSync } from './extract.js';
import { normalizeConfig, normalizeHint, toBytes } from './options.js';
import type { BatchEntry, BatchItem, ExtractionConfig } from './types.js';
import { defaultModule, ensureDefault, loadedModules } from './variants.js';

interface Prepared {
  bytes: Uint8Array;
  hint: string;
}

// Validates each item; a bad item becomes its error entry.
function prepare(items: readonly BatchItem[]): (Prepared | QuarryError)[] {
  if (!Array.isArray(items)) throw invalidArgument('items must be an array of {data, mimeType?}');
  return items.map((item, i) => {
    try {
      if (typeof item !== 'object' || item === null) throw invalidArgument(`items[${i}] must be an object {data, mimeType?}`);
      return { bytes: toBytes(item.data, `items[${i}].data`), hint: normalizeHint(item.mimeType, `items[${i}].mimeType`) };
    } catch (e) {
      if (e instanceof QuarryError) return e;
      throw e;
    }
  });
}

function largest(prepared: readonly (Prepared | QuarryError)[]): number {
  let n = 0;
  for (const p of prepared) if (!(p instanceof QuarryError)) n = Math.max(n, p.bytes.length);
  return n;
}

function entry(r: unknown): BatchEntry {
  return r instanceof QuarryError ? { error: r } : (r as BatchEntry);
}

// A QuarryError thrown by one document (the module crashed and was reset) is that document's entry.
async function attempt(f: () => unknown): Promise<BatchEntry> {
  try {
    return entry(await f());
  } catch (e) {
    if (e instanceof QuarryError) return { error: e };
    throw e;
  }
}

function attemptSync(f: () => unknown): BatchEntry {
  try {
    return entry(f());
  } catch (e) {
    if (e instanceof QuarryError) return { error: e };
    throw e;
  }
}

/** Extracts many documents; one entry per item, in order: a result, or `{error}`. */
export async function batchExtractBytes(items: readonly BatchItem[], config?: ExtractionConfig): Promise<BatchEntry[]> {
  const cfg = normalizeConfig(config);
  const prepared = prepare(items);
  const m = await ensureDefault();
  m.reserveInput(largest(prepared));
  const out: BatchEntry[] = [];
  try {
    for (const p of prepared) out.push(p instanceof QuarryError ? { error: p } : await attempt(() => runAsync(p.bytes, p.hint, cfg, false)));
  } finally {
    for (const mod of loadedModules()) mod.releaseIfLarge();
  }
  return out;
}

/** batchExtractBytes, synchronously (needs `await init()`; a document whose variant is not
 *  loaded gets a FORMAT_NOT_LOADED entry). */
export function batchExtractBytesSync(items: readonly BatchItem[], config?: ExtractionConfig): BatchEntry[] {
  const cfg = normalizeConfig(config);
  const prepared = prepare(items);
  const m = defaultModule();
  if (!m) throw notInitialized('batchExtractBytesSync()');
  m.reserveInput(largest(prepared));
  const out: BatchEntry[] = [];
  try {
    for (const p of prepared) out.push(p instanceof QuarryError ? { error: p } : attemptSync(() => runSync(m, p.bytes, p.hint, cfg, false)));
  } finally {
    for (const mod of loadedModules()) mod.releaseIfLarge();
  }
  return out;
}
