// quarry-wasm: text, structure and metadata from documents, in Node.js, browsers and workers.
export { init } from './init.js';
export { extractBytes, extractBytesSync, extractFile } from './extract.js';
export { batchExtractBytes, batchExtractBytesSync } from './batch.js';
export { SharedBuffer, extractShared } from './shared-buffer.js';
export { StreamingResult, extractBytesStreaming } from './streaming.js';
export { supportedFormats, isFormatAvailable, loadFormat } from './formats.js';
export { detectMimeType } from './detect.js';
export { QuarryError, type QuarryErrorCode } from './errors.js';
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from './pool.js';
export type {
  BatchEntry,
  BatchItem,
  BatchItemError,
  BinaryData,
  ExtractionConfig,
  ExtractionLimits,
  ExtractionResult,
  FormatGroup,
  FormatInfo,
  ImageInfo,
  InitOptions,
  Metadata,
  Page,
  StreamingInput,
  Table,
  Variant,
  Warning,
} from './types.js';
/** @internal test hooks; not part of the API. */
export { __debug } from './debug.js';
