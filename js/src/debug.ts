// Internal counters and switches for the package's own tests. Not part of the API: names and
// shapes may change in any release.
import { counters } from './module.js';
import type { Variant } from './types.js';
import { loadedModules, unloadAll } from './variants.js';

function mod(variant?: Variant) {
  const all = loadedModules();
  const m = variant ? all.find((x) => x.variant === variant) : all[0];
  if (!m) throw new Error(`__debug: ${variant ?? 'no'} module loaded`);
  return m;
}

export const __debug = {
  /** Document bytes copied into module memory since the last reset. */
  bytesCopiedIn: (): number => counters.bytesCopiedIn,
  resetCounters: (): void => {
    counters.bytesCopiedIn = 0;
  },
  /** Variants loaded now. */
  loadedVariants: (): Variant[] => loadedModules().map((m) => m.variant),
  /** The formats compiled into a loaded variant. */
  compiledFormats: (variant?: Variant): string[] => mod(variant).catalog.filter((f) => f.compiled).map((f) => f.name),
  /** The whole catalog of a loaded variant (formats of every variant, compiled here or not). */
  catalog: (variant?: Variant) => mod(variant).catalog.map((f) => ({ ...f })),
  /** The version the module reports. */
  moduleVersion: (variant?: Variant): string => mod(variant).version,
  /** Linear memory size in bytes (it never shrinks: this is the peak). */
  memoryBytes: (variant?: Variant): number => mod(variant).memoryBytes(),
  /** Bytes allocated by malloc now. */
  heapUsed: (variant?: Variant): number => mod(variant).heapUsed(),
  /** Live buffers + streams in the module. */
  liveHandles: (variant?: Variant): number => mod(variant).liveHandles(),
  /** Makes a module crash (an exception crossing it), to test recovery. */
  crash: (variant?: Variant): void => mod(variant).crashForTest(),
  /** Forgets every loaded module: the next call starts from scratch. */
  unloadAll,
};
