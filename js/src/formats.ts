// The format loader: which formats exist, which are loaded now, and loading the variant that has
// one. The list comes from the loaded module's catalog, built from the same table as the native
// library, so it cannot drift from the build.
import { formatNotLoaded, invalidArgument, notInitialized, unsupportedFormat } from './errors.js';
import type { CatalogEntry } from './module.js';
import type { FormatInfo } from './types.js';
import { defaultModule, ensureDefault, moduleForFormat, moduleWithFormat } from './variants.js';

/** The public description of a catalog entry. */
export function formatInfo(e: CatalogEntry): FormatInfo {
  return {
    name: e.name,
    description: e.description,
    mimeTypes: [...e.mimeTypes],
    extensions: [...e.extensions],
    group: e.group,
    variants: [...e.variants],
    loaded: moduleWithFormat(e.name) !== undefined,
  };
}

/** The catalog entry a format name, MIME type (parameters ignored), extension or file name names. */
export function findFormat(catalog: readonly CatalogEntry[], query: string): CatalogEntry | undefined {
  let q = query.trim().toLowerCase();
  const semi = q.indexOf(';');
  if (semi >= 0) q = q.slice(0, semi).trim();
  if (!q) return undefined;
  for (const e of catalog) {
    if (e.name === q || e.mimeTypes.some((m) => m.toLowerCase() === q)) return e;
  }
  const dot = q.lastIndexOf('.');
  const ext = dot >= 0 ? q.slice(dot + 1) : q;
  return catalog.find((e) => e.extensions.includes(ext));
}

/** The formats of this package (in some variant), each with whether it is loaded now. Needs a
 *  loaded module: call `await init()` first. */
export function supportedFormats(): FormatInfo[] {
  const m = defaultModule();
  if (!m) throw notInitialized('supportedFormats()');
  return m.catalog.filter((e) => e.variants.length > 0).map(formatInfo);
}

/** Whether a loaded module can extract this format now (so the sync calls work for it). */
export function isFormatAvailable(mimeOrName: string): boolean {
  if (typeof mimeOrName !== 'string') throw invalidArgument('isFormatAvailable() takes a MIME type or a format name');
  const m = defaultModule();
  if (!m) return false;
  const e = findFormat(m.catalog, mimeOrName);
  return e !== undefined && moduleWithFormat(e.name) !== undefined;
}

/** Loads the smallest variant that has a format (a name like "pdf", a MIME type or an extension),
 *  once. Resolves to the format's description. */
export async function loadFormat(mimeOrName: string): Promise<FormatInfo> {
  if (typeof mimeOrName !== 'string') throw invalidArgument('loadFormat() takes a MIME type or a format name');
  const m = await ensureDefault();
  const e = findFormat(m.catalog, mimeOrName);
  if (!e) throw unsupportedFormat(`no format is known as ${JSON.stringify(mimeOrName)}`);
  if (!(await moduleForFormat(e))) throw formatNotLoaded(formatInfo(e));
  return formatInfo(e);
}
