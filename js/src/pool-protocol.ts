// The messages between a worker pool and its workers, and errors in a cloneable form (a
// QuarryError does not survive structured cloning as a class: it travels as {code, message}).
import { QuarryError, type QuarryErrorCode } from './errors.js';
import type { BatchEntry, ExtractionConfig, ExtractionResult, Variant } from './types.js';

/** The first message to a worker: what to load. */
export interface InitMessage {
  t: 'init';
  variant: Variant;
  /** That variant, compiled once by the pool. */
  module?: WebAssembly.Module;
  /** Where the variants are, as the pool's locateFile answered (absolute URLs or paths). */
  urls?: Partial<Record<Variant, string>>;
}

/** One call of the pool. */
export type CallMessage = { t: 'call'; id: number } & (
  | { op: 'extractBytes'; data: Uint8Array; mimeType?: string; config?: ExtractionConfig }
  | { op: 'batchExtractBytes'; items: { data: Uint8Array; mimeType?: string }[]; config?: ExtractionConfig }
  | { op: 'extractFile'; file: string | Blob; isUrl: boolean; mimeType?: string; config?: ExtractionConfig }
  /** Tests: the worker throws outside any call and dies (or, in a browser, reports an error). */
  | { op: '__crash' }
);

/** An error as it crosses to the pool. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  offset?: number;
}

/** A batch entry as it crosses: an error entry holds a WireError. */
export type WireEntry = ExtractionResult | { error: WireError };

/** What a worker answers. */
export type ReplyMessage =
  | { t: 'done'; id: number; result: ExtractionResult | WireEntry[] }
  | { t: 'fail'; id: number; error: WireError };

const CODES: ReadonlySet<string> = new Set<QuarryErrorCode>([
  'UNSUPPORTED_FORMAT',
  'FORMAT_NOT_LOADED',
  'CORRUPT',
  'ENCRYPTED',
  'LIMIT_EXCEEDED',
  'INVALID_ARGUMENT',
  'OUT_OF_MEMORY',
]);

/** An error in its cloneable form. */
export function toWire(e: unknown): WireError {
  if (e instanceof QuarryError) {
    const w: WireError = { name: e.name, message: e.message, code: e.code };
    if (e.offset !== undefined) w.offset = e.offset;
    return w;
  }
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** The error back from its cloneable form: a QuarryError when it was one. */
export function fromWire(w: WireError): Error {
  if (w.code !== undefined && CODES.has(w.code)) return new QuarryError(w.code as QuarryErrorCode, w.message, w.offset);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}

/** Batch entries from their cloneable form. */
export function entriesFromWire(entries: readonly WireEntry[]): BatchEntry[] {
  return entries.map((e) => ('error' in e ? { error: fromWire(e.error) as QuarryError } : e));
}
