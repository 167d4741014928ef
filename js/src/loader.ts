// Finding, compiling and instantiating a variant's .wasm. The module is a standalone build with no
// Emscripten JavaScript: its imports are the callback below, a memory-growth notification, and a
// few WASI functions, which this file provides (and nothing else).
import { invalidArgument } from './errors.js';
import type { InitOptions, Variant } from './types.js';

/** What the module calls back into. */
export interface Host {
  /** A piece of streamed content at [ptr, ptr + len) of memory, valid during the call only. */
  onContent(ptr: number, len: number): void;
  /** Memory grew: views over the old buffer are detached. */
  onMemoryGrowth(): void;
  /** The instance's memory (once instantiated). */
  memory(): WebAssembly.Memory | undefined;
}

/** The module called WASI proc_exit: it aborted. */
export class WasmExit extends Error {
  constructor(readonly exitCode: number) {
    super(`the module exited with code ${exitCode}`);
  }
}

const WASI_ENOSYS = 52;

/** Whether this is Node.js (where a file: URL is read from disk). */
export function isNode(): boolean {
  if (QUARRY_BROWSER) return false;
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** The file name of a variant. */
export function wasmFileName(variant: Variant): string {
  return `quarry-${variant}.wasm`;
}

// Literal URLs, so bundlers that understand `new URL(..., import.meta.url)` ship the files.
function defaultUrl(variant: Variant): URL {
  switch (variant) {
    case 'core':
      return new URL('../wasm/quarry-core.wasm', import.meta.url);
    case 'pdf':
      return new URL('../wasm/quarry-pdf.wasm', import.meta.url);
    case 'office':
      return new URL('../wasm/quarry-office.wasm', import.meta.url);
    case 'full':
      return new URL('../wasm/quarry-full.wasm', import.meta.url);
  }
}

/** Reads a file in Node.js: a dynamic import, absent from the browser build, so browser bundles
 *  never see node:fs. */
export const readNodeFile: (path: string | URL) => Promise<Uint8Array> = QUARRY_BROWSER
  ? () => Promise.reject(new Error('no file system in a browser'))
  : async (path) => (await import('node:fs/promises')).readFile(path);

/** Compiles a variant: from the caller's module or bytes, else from its file or URL. */
export async function compileVariant(variant: Variant, opts: InitOptions): Promise<WebAssembly.Module> {
  if (opts.wasmModule) {
    if (!(opts.wasmModule instanceof WebAssembly.Module)) throw invalidArgument('wasmModule must be a WebAssembly.Module');
    return opts.wasmModule;
  }
  if (opts.wasmBinary) {
    const b = opts.wasmBinary;
    if (!(b instanceof ArrayBuffer) && !(b instanceof Uint8Array)) {
      throw invalidArgument('wasmBinary must be an ArrayBuffer or a Uint8Array');
    }
    return WebAssembly.compile(b as BufferSource);
  }
  const located = opts.locateFile ? opts.locateFile(wasmFileName(variant), variant) : defaultUrl(variant);
  if (typeof located !== 'string' && !(located instanceof URL)) throw invalidArgument('locateFile must return a string or a URL');
  if (isNode() && typeof located === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(located.replace(/^[a-z]:[\\/]/i, ''))) {
    return WebAssembly.compile((await readNodeFile(located)) as BufferSource);  // a file path
  }
  const url = located instanceof URL ? located : new URL(located, globalBase());
  if (isNode() && url.protocol === 'file:') return WebAssembly.compile((await readNodeFile(url)) as BufferSource);
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch (e) {
      // A server that does not send application/wasm: compile from the bytes instead.
      if (!(e instanceof TypeError)) throw e;
    }
  }
  const r = await fetch(url);
  if (!r.ok) throw new Error(`cannot load ${url.href}: HTTP ${r.status}`);
  return WebAssembly.compile(await r.arrayBuffer());
}

/** The base of relative URLs: the page (or worker) location, else this module. */
export function globalBase(): string {
  const loc = (globalThis as { location?: { href?: string } }).location;
  return loc?.href ?? import.meta.url;
}

/** The import object for a compiled variant: exactly what it imports. An import this file does
 *  not know fails here with a clear message rather than as a LinkError. */
export function makeImports(module: WebAssembly.Module, host: Host): WebAssembly.Imports {
  const view = () => new DataView(host.memory()!.buffer);
  const env: Record<string, WebAssembly.ImportValue> = {
    quarry_on_content: (ptr: number, len: number) => host.onContent(ptr >>> 0, len >>> 0),
    emscripten_notify_memory_growth: () => host.onMemoryGrowth(),
  };
  const wasi: Record<string, WebAssembly.ImportValue> = {
    proc_exit: (code: number) => {
      throw new WasmExit(code);
    },
    // Only abort messages reach fd_write (the core never prints): count them as written.
    fd_write: (_fd: number, iovs: number, iovsLen: number, nwritten: number) => {
      const dv = view();
      let total = 0;
      for (let i = 0; i < iovsLen; i++) total += dv.getUint32(iovs + i * 8 + 4, true);
      dv.setUint32(nwritten, total, true);
      return 0;
    },
    clock_time_get: (_id: number, _precision: bigint, out: number) => {
      view().setBigUint64(out, BigInt(Math.round(Date.now() * 1e6)), true);
      return 0;
    },
    random_get: (ptr: number, len: number) => {
      const bytes = new Uint8Array(host.memory()!.buffer, ptr, len);
      globalThis.crypto.getRandomValues(bytes);
      return 0;
    },
    environ_sizes_get: (count: number, size: number) => {
      const dv = view();
      dv.setUint32(count, 0, true);
      dv.setUint32(size, 0, true);
      return 0;
    },
    environ_get: () => 0,
    args_sizes_get: (count: number, size: number) => {
      const dv = view();
      dv.setUint32(count, 0, true);
      dv.setUint32(size, 0, true);
      return 0;
    },
    args_get: () => 0,
  };
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    const ns = imp.module === 'env' ? env : imp.module === 'wasi_snapshot_preview1' ? wasi : undefined;
    let value = ns?.[imp.name];
    if (value === undefined && imp.module === 'wasi_snapshot_preview1' && imp.kind === 'function') {
      value = () => WASI_ENOSYS;  // files, sockets...: the core does no I/O
    }
    if (value === undefined) {
      throw new Error(`quarry-wasm: the module imports ${imp.module}.${imp.name}, which this loader does not provide`);
    }
    (imports[imp.module] ??= {})[imp.name] = value;
  }
  return imports;
}
