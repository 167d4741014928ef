// init(): explicit, async and idempotent. Never a top-level await at import.
import { invalidArgument } from './errors.js';
import type { InitOptions } from './types.js';
import { checkVariant, loadVariant, setLocateFile } from './variants.js';

/** Loads a variant (default `core`) so the synchronous calls can run. Calling it again is cheap
 *  and returns the same module; another `variant` loads that one too. The async calls call it on
 *  demand, and load other variants when a document needs them. */
export async function init(opts: InitOptions = {}): Promise<void> {
  if (typeof opts !== 'object' || opts === null) throw invalidArgument('init() takes an options object');
  setLocateFile(opts.locateFile);
  const variant = checkVariant(opts.variant ?? 'core');
  await loadVariant(variant, { wasmBinary: opts.wasmBinary, wasmModule: opts.wasmModule });
}
