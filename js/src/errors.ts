// QuarryError, and the one place where failures become typed JavaScript errors: error JSON from the
// module, arguments the JS layer rejects, formats that are not loaded, and crashes of the module.
import type { FormatInfo, Variant } from './types.js';

/** Why an extraction failed. */
export type QuarryErrorCode =
  | 'UNSUPPORTED_FORMAT'
  | 'FORMAT_NOT_LOADED'
  | 'CORRUPT'
  | 'ENCRYPTED'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_ARGUMENT'
  | 'OUT_OF_MEMORY';

const CODES: ReadonlySet<string> = new Set<QuarryErrorCode>([
  'UNSUPPORTED_FORMAT',
  'FORMAT_NOT_LOADED',
  'CORRUPT',
  'ENCRYPTED',
  'LIMIT_EXCEEDED',
  'INVALID_ARGUMENT',
  'OUT_OF_MEMORY',
]);

/** An extraction error. After any error the module is still usable and has freed that call's
 *  memory. */
export class QuarryError extends Error {
  /** What went wrong. */
  readonly code: QuarryErrorCode;
  /** Byte offset in the document where it went wrong, when known. */
  declare readonly offset?: number;

  constructor(code: QuarryErrorCode, message: string, offset?: number) {
    super(message);
    this.name = 'QuarryError';
    this.code = code;
    if (offset !== undefined) this.offset = offset;
  }
}

/** The error the module reported, from its JSON ({code, message, offset?}). */
export function errorFromJson(json: string): QuarryError {
  let parsed: { code?: unknown; message?: unknown; offset?: unknown };
  try {
    parsed = JSON.parse(json);
  } catch {
    return new QuarryError('CORRUPT', 'internal error: unreadable error report from the module');
  }
  const code = typeof parsed.code === 'string' && CODES.has(parsed.code) ? (parsed.code as QuarryErrorCode) : 'CORRUPT';
  const message = typeof parsed.message === 'string' ? parsed.message : code;
  const offset = typeof parsed.offset === 'number' ? parsed.offset : undefined;
  return new QuarryError(code, message, offset);
}

/** A synchronous call before any module was loaded. */
export function notInitialized(call: string): QuarryError {
  return new QuarryError(
    'FORMAT_NOT_LOADED',
    `quarry-wasm is not initialised: call \`await init()\` before ${call}, or use the async call, which initialises on demand`,
  );
}

/** A format whose variant is not loaded (sync calls), or that no variant of this package has. */
export function formatNotLoaded(format: FormatInfo | undefined, detail?: string): QuarryError {
  if (!format) return new QuarryError('FORMAT_NOT_LOADED', detail ?? 'the format is not in the loaded module');
  if (format.variants.length === 0) {
    return new QuarryError(
      'FORMAT_NOT_LOADED',
      `${format.name} (${format.mimeTypes[0]}) is not in any WebAssembly variant of this build of quarry-wasm`,
    );
  }
  const v: Variant = format.variants[0]!;
  return new QuarryError(
    'FORMAT_NOT_LOADED',
    `${format.name} (${format.mimeTypes[0]}) needs the '${v}' WebAssembly variant, which is not loaded: ` +
      `call \`await loadFormat('${format.name}')\` (or \`await init({ variant: '${v}' })\`) first, or use the async call`,
  );
}

/** A value the caller passed that cannot be used. */
export function invalidArgument(message: string): QuarryError {
  return new QuarryError('INVALID_ARGUMENT', message);
}

/** The format of a name or MIME type nobody knows. */
export function unsupportedFormat(message: string): QuarryError {
  return new QuarryError('UNSUPPORTED_FORMAT', message);
}

/** The module could not allocate (quarry_buffer_new returned 0). */
export function outOfMemory(message: string): QuarryError {
  return new QuarryError('OUT_OF_MEMORY', message);
}

/** The module trapped (an allocation failure aborts a build without exceptions) or an exception
 *  crossed it; it has been discarded and is re-created on the next call. */
export function moduleCrashed(cause: unknown): QuarryError {
  const why = cause instanceof Error ? cause.message : String(cause);
  const err = new QuarryError(
    'OUT_OF_MEMORY',
    `the WebAssembly module stopped (${why}); most likely it ran out of memory. It is reset for the next call`,
  );
  (err as { cause?: unknown }).cause = cause;
  return err;
}

/** A handle (SharedBuffer, stream) used after free(), or after its module was reset. */
export function staleHandle(what: string): QuarryError {
  return new QuarryError('INVALID_ARGUMENT', `${what} is no longer valid (freed, or its module was reset)`);
}
