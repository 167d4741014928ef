// ExtractionConfig → the values of the transfer struct, validated here so a wrong value is an
// INVALID_ARGUMENT error naming the field (the module checks them again).
import { invalidArgument } from './errors.js';
import type { BinaryData, ExtractionConfig } from './types.js';

/** A validated configuration, in the form the transfer struct takes. */
export interface NormalizedConfig {
  /** 0 plain, 1 markdown. */
  readonly outputFormat: number;
  /** Bit 0 pages, bit 1 extractTables, bit 2 extractImages, bits 3–5 office.headersFooters /
   *  comments / speakerNotes (the transfer struct's flags). */
  readonly flags: number;
  readonly password: string;
  /** Limits: integers, Infinity for none, -1 for the library default. */
  readonly maxDepth: number;
  readonly maxOutputBytes: number;
  readonly maxDecompressedBytes: number;
  readonly maxEntries: number;
  readonly maxInputBytes: number;
}

export const FLAG_PAGES = 1;
export const FLAG_TABLES = 2;
export const FLAG_IMAGES = 4;
export const FLAG_HEADERS_FOOTERS = 8;
export const FLAG_COMMENTS = 16;
export const FLAG_NOTES = 32;

/** The configuration of a call without one. */
export const DEFAULT_CONFIG: NormalizedConfig = Object.freeze({
  outputFormat: 0,
  flags: FLAG_TABLES,
  password: '',
  maxDepth: -1,
  maxOutputBytes: -1,
  maxDecompressedBytes: -1,
  maxEntries: -1,
  maxInputBytes: -1,
});

const LIMIT_KEYS = ['maxOutputBytes', 'maxDecompressedBytes', 'maxDepth', 'maxEntries', 'maxInputBytes'] as const;

function flag(config: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = config[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw invalidArgument(`config.${key} must be a boolean, not ${describe(v)}`);
  return v;
}

function limit(limits: Record<string, unknown>, key: string): number {
  const v = limits[key];
  if (v === undefined) return -1;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0 || (v !== Infinity && !Number.isSafeInteger(v))) {
    throw invalidArgument(`config.limits.${key} must be a non-negative integer or Infinity, not ${describe(v)}`);
  }
  return v;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return typeof v;
}

/** Validates a configuration. */
export function normalizeConfig(config: ExtractionConfig | null | undefined): NormalizedConfig {
  if (config === undefined || config === null) return DEFAULT_CONFIG;
  if (typeof config !== 'object' || Array.isArray(config)) throw invalidArgument(`config must be an object, not ${describe(config)}`);
  const c = config as Record<string, unknown>;
  let outputFormat = 0;
  if (c.outputFormat !== undefined) {
    if (c.outputFormat === 'markdown') outputFormat = 1;
    else if (c.outputFormat !== 'plain') {
      throw invalidArgument(`config.outputFormat must be "plain" or "markdown", not ${describe(c.outputFormat)}`);
    }
  }
  let flags = 0;
  if (flag(c, 'pages', false)) flags |= FLAG_PAGES;
  if (flag(c, 'extractTables', true)) flags |= FLAG_TABLES;
  if (flag(c, 'extractImages', false)) flags |= FLAG_IMAGES;
  let password = '';
  if (c.pdf !== undefined && c.pdf !== null) {
    if (typeof c.pdf !== 'object') throw invalidArgument(`config.pdf must be an object, not ${describe(c.pdf)}`);
    const pw = (c.pdf as Record<string, unknown>).password;
    if (pw !== undefined && typeof pw !== 'string') throw invalidArgument(`config.pdf.password must be a string`);
    password = pw ?? '';
  }
  if (c.office !== undefined && c.office !== null) {
    if (typeof c.office !== 'object' || Array.isArray(c.office)) throw invalidArgument(`config.office must be an object, not ${describe(c.office)}`);
    const o = c.office as Record<string, unknown>;
    for (const [key, bit] of [['headersFooters', FLAG_HEADERS_FOOTERS], ['comments', FLAG_COMMENTS], ['speakerNotes', FLAG_NOTES]] as const) {
      const v = o[key];
      if (v === undefined) continue;
      if (typeof v !== 'boolean') throw invalidArgument(`config.office.${key} must be a boolean, not ${describe(v)}`);
      if (v) flags |= bit;
    }
  }
  const limits: Record<string, number> = {};
  const l = c.limits;
  if (l !== undefined && l !== null) {
    if (typeof l !== 'object' || Array.isArray(l)) throw invalidArgument(`config.limits must be an object, not ${describe(l)}`);
    for (const key of Object.keys(l)) {
      if (!(LIMIT_KEYS as readonly string[]).includes(key)) {
        throw invalidArgument(`config.limits.${key} is not a limit (known: ${LIMIT_KEYS.join(', ')})`);
      }
    }
  }
  for (const key of LIMIT_KEYS) limits[key] = l ? limit(l as Record<string, unknown>, key) : -1;
  return {
    outputFormat,
    flags,
    password,
    maxDepth: limits.maxDepth!,
    maxOutputBytes: limits.maxOutputBytes!,
    maxDecompressedBytes: limits.maxDecompressedBytes!,
    maxEntries: limits.maxEntries!,
    maxInputBytes: limits.maxInputBytes!,
  };
}

/** Validates a MIME type / file name hint ('' when absent). */
export function normalizeHint(mimeType: unknown, what = 'mimeType'): string {
  if (mimeType === undefined || mimeType === null) return '';
  if (typeof mimeType !== 'string') throw invalidArgument(`${what} must be a string, not ${describe(mimeType)}`);
  return mimeType;
}

/** Document bytes as a Uint8Array over the same memory (no copy). */
export function toBytes(data: BinaryData | unknown, what = 'data'): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArgument(`${what} must be a Uint8Array or an ArrayBuffer, not ${describe(data)}`);
}
