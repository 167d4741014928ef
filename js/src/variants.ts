// The variants, which one has which format group, and the loaded modules: a variant is loaded
// once, on first need (or by init), and the smallest loaded one that has a format does its work.
import { compileVariant } from './loader.js';
import { QuarryModule, type CatalogEntry } from './module.js';
import { invalidArgument } from './errors.js';
import type { FormatGroup, InitOptions, Variant } from './types.js';

/** The variants, smallest first. */
export const VARIANTS: readonly Variant[] = ['core', 'pdf', 'office', 'full'];

/** The format groups each variant contains. */
export const VARIANT_GROUPS: Readonly<Record<Variant, readonly FormatGroup[]>> = {
  core: ['core'],
  pdf: ['core', 'pdf'],
  office: ['core', 'office'],
  full: ['core', 'pdf', 'office'],
};

const loaded = new Map<Variant, QuarryModule>();
const loading = new Map<Variant, Promise<QuarryModule>>();
let locateFile: InitOptions['locateFile'];

/** Validates a variant name. */
export function checkVariant(v: unknown): Variant {
  if (typeof v === 'string' && (VARIANTS as readonly string[]).includes(v)) return v as Variant;
  throw invalidArgument(`variant must be one of ${VARIANTS.join(', ')}, not ${JSON.stringify(v)}`);
}

/** Remembers where variant files are, for the variants loaded later. */
export function setLocateFile(f: InitOptions['locateFile']): void {
  if (f !== undefined && typeof f !== 'function') throw invalidArgument('locateFile must be a function');
  if (f) locateFile = f;
}

/** The locateFile function init() was given, if any (the worker pool passes its answers on). */
export function currentLocateFile(): InitOptions['locateFile'] {
  return locateFile;
}

/** A variant's compiled module when it is loaded here (the worker pool shares it). */
export function compiledVariant(variant: Variant): WebAssembly.Module | undefined {
  return loaded.get(variant)?.compiled;
}

/** Loads a variant once; later calls return the same module. */
export function loadVariant(variant: Variant, source: Pick<InitOptions, 'wasmBinary' | 'wasmModule'> = {}): Promise<QuarryModule> {
  const done = loaded.get(variant);
  if (done) return done.reviveAsync().then(() => done);
  let p = loading.get(variant);
  if (!p) {
    p = compileVariant(variant, { ...source, locateFile })
      .then((compiled) => QuarryModule.create(variant, compiled))
      .then(
        (m) => {
          loaded.set(variant, m);
          loading.delete(variant);
          return m;
        },
        (e: unknown) => {
          loading.delete(variant);  // a later call may try again
          throw e;
        },
      );
    loading.set(variant, p);
  }
  return p;
}

/** The loaded modules, smallest variant first. */
export function loadedModules(): QuarryModule[] {
  const out: QuarryModule[] = [];
  for (const v of VARIANTS) {
    const m = loaded.get(v);
    if (m) out.push(m);
  }
  return out;
}

/** The smallest loaded module (the one that does the work unless a format needs another). */
export function defaultModule(): QuarryModule | undefined {
  for (const v of VARIANTS) {
    const m = loaded.get(v);
    if (m) return m;
  }
  return undefined;
}

/** The smallest loaded module, loading `core` first when none is (a module, not a promise, when
 *  one is loaded: the hot path of the async calls awaits nothing). */
export function ensureDefault(): QuarryModule | Promise<QuarryModule> {
  const m = defaultModule();
  if (m) return m.crashedInstance ? m.reviveAsync().then(() => m) : m;  // the common case: no await
  return loadVariant('core');
}

/** The smallest loaded module that has a format. */
export function moduleWithFormat(name: string): QuarryModule | undefined {
  for (const m of loadedModules()) {
    if (m.catalog.some((f) => f.name === name && f.compiled)) return m;
  }
  return undefined;
}

/** The module that has a format, loading the smallest variant that has it when none loaded does;
 *  undefined when no variant of this package has it. */
export async function moduleForFormat(entry: CatalogEntry): Promise<QuarryModule | undefined> {
  const m = moduleWithFormat(entry.name);
  if (m) {
    await m.reviveAsync();
    return m;
  }
  const v = entry.variants[0];
  if (!v || loaded.has(v)) return undefined;
  const mod = await loadVariant(v);
  return mod.catalog.some((f) => f.name === entry.name && f.compiled) ? mod : undefined;
}

/** Forgets every loaded module (tests: a fresh start). */
export function unloadAll(): void {
  loaded.clear();
  loading.clear();
  locateFile = undefined;
}
