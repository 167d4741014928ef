// One adapter per engine: how to load it in Node and extract plain text from bytes. This file sits in
// bench/peers/ so that bare imports resolve against bench/peers/node_modules (npm ci, pinned lockfile).
// Every adapter's load() imports lazily, so a cold child pays only for the engine it measures.
// extract(bytes, mime, format) returns the content string (or a promise of it); bytes is a Uint8Array
// the adapter must not keep or detach (adapters that hand the buffer to a transferring API copy it).
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const ROOT = join(here, '..', '..');
const require = createRequire(import.meta.url);

const ALL = ['txt', 'html', 'markdown', 'csv', 'tsv', 'json', 'xml', 'yaml', 'toml', 'pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'epub', 'rtf', 'eml'];

function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const decoder = new TextDecoder();

/** Kreuzberg's config for a fair plain-text comparison: no result cache. */
const KREUZBERG_CONFIG = { useCache: false, outputFormat: 'plain' };

/** Quarry's npm package (js/), built by `make wasm`. */
async function loadQuarryWasm() {
  const entry = join(ROOT, 'js', 'dist', 'index.mjs');
  const failed = join(ROOT, 'build', 'bench-wasm-build-failed');
  // A failed wasm build leaves the previous js/dist behind: measuring it would report stale code.
  if (existsSync(failed)) throw new Error(`not built: the wasm build failed: ${readFileSync(failed, 'utf8').trim().slice(0, 400)}`);
  if (!existsSync(entry)) throw new Error('not built: js/dist/index.mjs is missing (make js)');
  const q = await import(pathToFileURL(entry).href);
  await q.init();
  const dbg = q.__debug;
  return {
    version: JSON.parse(readFileSync(join(ROOT, 'js', 'package.json'), 'utf8')).version,
    api: 'extractBytes (async)',
    extract: async (bytes, mime) => (await q.extractBytes(bytes, mime)).content,
    extractSync: (bytes, mime) => q.extractBytesSync(bytes, mime).content,
    syncEverywhere: true, // time extractBytesSync on every document too: the boundary's own cost vs native
    // A failing item is an error entry (no content): null here, so the bench can count them.
    batch: async (items) => (await q.batchExtractBytes(items.map(([data, mimeType]) => ({ data, mimeType })))).map((r) => r.content ?? null),
    streaming: q.extractBytesStreaming ? (bytes, mime) => q.extractBytesStreaming(bytes, mime) : null,
    heapBytes: dbg?.memoryBytes ? () => { try { return dbg.memoryBytes(); } catch { return null; } } : null,
    loadFormat: q.loadFormat,
  };
}

/**
 * Kreuzberg's wasm package loads its .wasm with a top-level `fetch(new URL(..., import.meta.url))`,
 * which Node's fetch refuses for file: URLs. We answer file: URLs from disk (and nothing else), which is
 * what a Node user of the package has to do too.
 */
function installFileFetch() {
  if (globalThis.__benchFileFetch) return;
  const orig = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = String(input?.url ?? input);
    if (url.startsWith('file:')) {
      return new Response(await readFile(new URL(url)), { headers: { 'content-type': 'application/wasm' } });
    }
    return orig(input, init);
  };
  globalThis.__benchFileFetch = true;
}

async function loadKreuzbergWasm() {
  installFileFetch();
  const k = await import('@kreuzberg/wasm');
  await k.initWasm();
  return {
    version: pkgVersion('@kreuzberg/wasm'),
    api: 'extractBytes (async)',
    extract: async (bytes, mime) => (await k.extractBytes(bytes, mime, KREUZBERG_CONFIG)).content,
    extractSync: (bytes, mime) => k.extractBytesSync(bytes, mime, KREUZBERG_CONFIG).content,
    batch: async (items) => (await k.batchExtractBytes(items.map(([data, mimeType]) => ({ data, mimeType })), KREUZBERG_CONFIG)).map((r) => r.content),
  };
}

async function loadKreuzbergNode() {
  const k = await import('@kreuzberg/node');
  try {
    k.extractBytesSync(Buffer.from('probe'), 'text/plain', KREUZBERG_CONFIG);
  } catch (e) {
    // The package hides the loader's reason behind a generic message: ask the loader directly.
    let why = '';
    try {
      require('@kreuzberg/node-linux-x64-gnu/kreuzberg-node.linux-x64-gnu.node');
    } catch (inner) {
      why = inner.message;
    }
    throw new Error(why ? `native binding does not load: ${why}` : e.message);
  }
  return {
    version: pkgVersion('@kreuzberg/node'),
    api: 'extractBytes (async)',
    extract: async (bytes, mime) => (await k.extractBytes(bytes, mime, KREUZBERG_CONFIG)).content,
    extractSync: (bytes, mime) => k.extractBytesSync(bytes, mime, KREUZBERG_CONFIG).content,
    batch: async (items) => (await k.batchExtractBytes(items.map((i) => i[0]), items.map((i) => i[1]), KREUZBERG_CONFIG)).map((r) => r.content),
  };
}

async function loadPdfjs() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return {
    version: pkgVersion('pdfjs-dist'),
    api: 'getDocument + getTextContent per page',
    extract: async (bytes) => {
      // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
      const task = pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, disableFontFace: true });
      const doc = await task.promise;
      const pages = [];
      for (let i = 1; i <= doc.numPages; i++) {
        const page = await doc.getPage(i);
        const tc = await page.getTextContent();
        pages.push(tc.items.map((it) => (it.str ?? '') + (it.hasEOL ? '\n' : '')).join(''));
        page.cleanup();
      }
      await task.destroy();
      return pages.join('\n\n');
    },
  };
}

async function loadUnpdf() {
  const u = await import('unpdf');
  return {
    version: pkgVersion('unpdf'),
    api: 'extractText(mergePages)',
    extract: async (bytes) => (await u.extractText(bytes.slice(), { mergePages: true })).text,
  };
}

async function loadMupdf() {
  const m = await import('mupdf');
  return {
    version: pkgVersion('mupdf'),
    api: 'Document.openDocument + toStructuredText per page',
    extract: (bytes, mime) => {
      const doc = m.Document.openDocument(bytes, mime);
      const out = [];
      try {
        const n = doc.countPages();
        for (let i = 0; i < n; i++) {
          const page = doc.loadPage(i);
          const st = page.toStructuredText('preserve-whitespace');
          out.push(st.asText());
          st.destroy();
          page.destroy();
        }
      } finally {
        doc.destroy();
      }
      return out.join('\n');
    },
  };
}

async function loadMammoth() {
  const m = await import('mammoth');
  return {
    version: pkgVersion('mammoth'),
    api: 'extractRawText',
    extract: async (bytes) => (await m.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value,
  };
}

async function loadHtmlToText() {
  const h = await import('html-to-text');
  return {
    version: pkgVersion('html-to-text'),
    api: 'convert(wordwrap: false)',
    extract: (bytes) => h.convert(decoder.decode(bytes), { wordwrap: false }),
    extractSync: (bytes) => h.convert(decoder.decode(bytes), { wordwrap: false }),
  };
}

const OFFICEPARSER_TYPES = { docx: 'docx', pptx: 'pptx', xlsx: 'xlsx', odt: 'odt', ods: 'ods', pdf: 'pdf', rtf: 'rtf', markdown: 'md', html: 'html', csv: 'csv', epub: 'epub' };

async function loadOfficeparser() {
  const o = await import('officeparser');
  return {
    version: pkgVersion('officeparser'),
    api: 'parseOffice(...).toText()',
    extract: async (bytes, mime, format) => {
      const ast = await o.OfficeParser.parseOffice(Buffer.from(bytes), { fileType: OFFICEPARSER_TYPES[format] });
      return typeof ast === 'string' ? ast : ast.toText();
    },
  };
}

/**
 * The engines, in report order. `formats`: what it is asked to extract; `packages`: where its
 * binaries are (for the size table); `launcher`: 'newer-glibc' when it needs bench/glibc.sh's runtime.
 */
export const ENGINES = [
  { name: 'quarry-native', kind: 'native', formats: ALL, note: 'C++ in-process (quarry_native_bench)' },
  { name: 'quarry-wasm', kind: 'wasm', formats: ALL, load: loadQuarryWasm },
  { name: 'kreuzberg-wasm', kind: 'wasm', formats: ALL, load: loadKreuzbergWasm, packages: ['@kreuzberg/wasm'] },
  { name: 'kreuzberg-node', kind: 'native', formats: ALL, load: loadKreuzbergNode, packages: ['@kreuzberg/node', '@kreuzberg/node-linux-x64-gnu'], launcher: 'newer-glibc' },
  { name: 'pdfjs-dist', kind: 'js', formats: ['pdf'], load: loadPdfjs, packages: ['pdfjs-dist'] },
  { name: 'unpdf', kind: 'js', formats: ['pdf'], load: loadUnpdf, packages: ['unpdf'] },
  { name: 'mupdf', kind: 'wasm', formats: ['pdf', 'epub'], load: loadMupdf, packages: ['mupdf'] },
  { name: 'mammoth', kind: 'js', formats: ['docx'], load: loadMammoth, packages: ['mammoth'] },
  { name: 'html-to-text', kind: 'js', formats: ['html'], load: loadHtmlToText, packages: ['html-to-text'] },
  // officeparser also reads HTML/Markdown/CSV; it is measured on what it is for (office files, PDF).
  { name: 'officeparser', kind: 'js', formats: ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'rtf', 'epub', 'pdf'], load: loadOfficeparser, packages: ['officeparser'] },
];

/** The engine record by name. */
export function engineByName(name) {
  const e = ENGINES.find((x) => x.name === name);
  if (!e) throw new Error(`unknown engine ${name}`);
  return e;
}

/** Where the peers are installed. */
export const PEERS_DIR = here;
