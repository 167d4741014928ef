// detectMimeType: the module's sniffing (magic bytes first, then the file name).
import { notInitialized } from './errors.js';
import { normalizeHint, toBytes } from './options.js';
import type { BinaryData } from './types.js';
import { defaultModule } from './variants.js';

/** Sniffing never needs more of a document than this. */
const DETECT_BYTES = 1 << 20;

/** The MIME type of a document from its bytes, then from `filename`'s extension;
 *  "application/octet-stream" when neither tells. Needs a loaded module (`await init()`). */
export function detectMimeType(bytes: BinaryData, filename?: string): string {
  const data = toBytes(bytes, 'bytes');
  const name = normalizeHint(filename, 'filename');
  const m = defaultModule();
  if (!m) throw notInitialized('detectMimeType()');
  return m.detect(data.length > DETECT_BYTES ? data.subarray(0, DETECT_BYTES) : data, name);
}
