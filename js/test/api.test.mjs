// Every call of the package and every option, on the real core .wasm.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import * as q from '../dist/index.mjs';
import { enc, expectCode, textDoc } from './helpers.mjs';

const { QuarryError, __debug } = q;
const hello = enc('Hello world\r\nsecond line\n');

describe('before init', () => {
  test('sync calls throw FORMAT_NOT_LOADED naming init()', async () => {
    const e = await expectCode(() => q.extractBytesSync(hello), 'FORMAT_NOT_LOADED', QuarryError);
    assert.match(e.message, /await init\(\)/);
    await expectCode(() => q.batchExtractBytesSync([{ data: hello }]), 'FORMAT_NOT_LOADED', QuarryError);
    await expectCode(() => q.supportedFormats(), 'FORMAT_NOT_LOADED', QuarryError);
    await expectCode(() => q.detectMimeType(hello), 'FORMAT_NOT_LOADED', QuarryError);
    await expectCode(() => q.extractBytesStreaming(hello).nextChunkSync(), 'FORMAT_NOT_LOADED', QuarryError);
    assert.equal(q.isFormatAvailable('text/plain'), false);
    assert.deepEqual(__debug.loadedVariants(), []);
  });

  test('init() is idempotent and loads core only', async () => {
    await Promise.all([q.init(), q.init()]);
    await q.init();
    assert.deepEqual(__debug.loadedVariants(), ['core']);
    assert.equal(__debug.moduleVersion(), '0.1.0');
  });
});

describe('extraction', () => {
  before(() => q.init());

  test('extractBytes: content, MIME type, metadata, shape', async () => {
    const r = await q.extractBytes(hello, 'text/plain');
    assert.deepEqual(Object.keys(r), ['content', 'mimeType', 'metadata', 'tables', 'warnings']);
    assert.equal(r.content, 'Hello world\nsecond line');
    assert.equal(r.mimeType, 'text/plain');
    assert.equal(r.metadata.encoding, 'utf-8');
    assert.equal(r.metadata.lineCount, 2);
    assert.equal(r.metadata.wordCount, 4);
    assert.deepEqual(r.tables, []);
    assert.deepEqual(r.warnings, []);
    // Plain, structured-cloneable objects.
    assert.deepEqual(structuredClone(r), r);
  });

  test('data may be a Uint8Array, an ArrayBuffer, a Buffer or another view', async () => {
    const ab = hello.buffer.slice(hello.byteOffset, hello.byteOffset + hello.byteLength);
    for (const data of [hello, ab, Buffer.from(hello), new DataView(ab), new Uint8Array(ab, 6, 5)]) {
      const r = q.extractBytesSync(data);
      assert.equal(typeof r.content, 'string');
    }
    assert.equal(q.extractBytesSync(new Uint8Array(ab, 6, 5)).content, 'world');
  });

  test('the MIME type is sniffed when absent; a file name works as a hint', () => {
    assert.equal(q.extractBytesSync(hello).mimeType, 'text/plain');
    assert.equal(q.extractBytesSync(hello, 'notes.txt').mimeType, 'text/plain');
    assert.equal(q.extractBytesSync(hello, 'text/plain; charset=utf-8').mimeType, 'text/plain');
  });

  test('empty documents and non-ASCII text', () => {
    assert.equal(q.extractBytesSync(new Uint8Array(0), 'text/plain').content, '');
    const s = 'Grüße — 日本語 — 🎉 ok';
    assert.equal(q.extractBytesSync(enc(s)).content, s);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'héllo'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const r = q.extractBytesSync(utf16);
    assert.equal(r.content, 'héllo');
    assert.equal(r.metadata.encoding, 'utf-16le');
    const cp1252 = new Uint8Array([0x93, 0x71, 0x94, 0x20, 0x80]);  // “q” €
    assert.equal(q.extractBytesSync(cp1252, 'text/plain').content, '\u201cq\u201d \u20ac');
  });

  test('invalid UTF-8 gives a warning and U+FFFD, not an error', () => {
    const bytes = new Uint8Array([...enc('a'.repeat(70000)), 0xc3, 0x28, ...enc(' tail')]);
    const r = q.extractBytesSync(bytes, 'text/plain');
    assert.ok(r.content.endsWith('\ufffd( tail'));
    assert.equal(r.warnings.length, 1);
    assert.equal(r.warnings[0].code, 'invalid_utf8');
  });

  test('config: outputFormat, pages, extractTables, extractImages, pdf.password, limits', () => {
    const md = q.extractBytesSync(enc('# not a heading *x*'), 'text/plain', { outputFormat: 'markdown' });
    assert.equal(typeof md.content, 'string');
    const plain = q.extractBytesSync(enc('# not a heading *x*'), 'text/plain', { outputFormat: 'plain' });
    assert.equal(plain.content, '# not a heading *x*');
    const all = q.extractBytesSync(hello, 'text/plain', {
      pages: true,
      extractTables: false,
      extractImages: true,
      pdf: { password: 'secret' },
      office: { headersFooters: true, comments: true, speakerNotes: false },
      limits: { maxOutputBytes: 1000, maxDecompressedBytes: 1000, maxDepth: 5, maxEntries: 10, maxInputBytes: 100 },
    });
    assert.equal(all.content, 'Hello world\nsecond line');
    assert.ok(all.pages === undefined || Array.isArray(all.pages));
    const unlimited = q.extractBytesSync(hello, 'text/plain', { limits: { maxOutputBytes: Infinity } });
    assert.equal(unlimited.content, 'Hello world\nsecond line');
    // Unknown top-level keys (another engine's options) are ignored.
    assert.equal(q.extractBytesSync(hello, 'text/plain', { useCache: true, ocr: null }).content, 'Hello world\nsecond line');
  });

  test('extractFile: a path, a file: URL, a Blob, a File', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-'));
    try {
      const p = join(dir, 'doc.txt');
      writeFileSync(p, 'file text\n');
      assert.equal((await q.extractFile(p)).content, 'file text');
      assert.equal((await q.extractFile(pathToFileURL(p))).content, 'file text');
      assert.equal((await q.extractFile(new Blob(['blob text']), 'text/plain')).content, 'blob text');
      const f = new File(['file object'], 'x.txt', { type: 'text/plain' });
      assert.equal((await q.extractFile(f)).content, 'file object');
      await assert.rejects(() => q.extractFile(join(dir, 'missing.txt')), /ENOENT/);
      await expectCode(() => q.extractFile(42), 'INVALID_ARGUMENT', QuarryError);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('detectMimeType: magic bytes first, then the name', () => {
    assert.equal(q.detectMimeType(enc('%PDF-1.7\n')), 'application/pdf');
    assert.equal(q.detectMimeType(enc('<!DOCTYPE html><html>'), 'a.txt'), 'text/html');
    assert.equal(q.detectMimeType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])), 'image/png');
    assert.equal(q.detectMimeType(enc('a,b\n1,2\n'), 'table.csv'), 'text/csv');
    assert.equal(q.detectMimeType(enc('just words')), 'text/plain');
    assert.equal(q.detectMimeType(new Uint8Array([0, 1, 2, 3, 0, 0, 9])), 'application/octet-stream');
    assert.equal(q.detectMimeType(hello.buffer), 'text/plain');
  });

  test('supportedFormats, isFormatAvailable, loadFormat', async () => {
    const formats = q.supportedFormats();
    const names = formats.map((f) => f.name);
    for (const n of ['text', 'html', 'markdown', 'csv', 'json', 'xml', 'yaml', 'toml']) assert.ok(names.includes(n), n);
    const text = formats.find((f) => f.name === 'text');
    assert.deepEqual(text.mimeTypes, ['text/plain']);
    assert.ok(text.extensions.includes('txt'));
    assert.equal(text.group, 'core');
    assert.deepEqual(text.variants, ['core', 'pdf', 'office', 'full']);
    assert.equal(text.loaded, true);
    for (const f of formats) {
      assert.ok(f.variants.length > 0, `${f.name} is listed, so some variant has it`);
      assert.equal(f.loaded, f.group === 'core', `${f.name} loaded`);
    }
    assert.equal(q.isFormatAvailable('text/plain'), true);
    assert.equal(q.isFormatAvailable('text/plain; charset=utf-8'), true);
    assert.equal(q.isFormatAvailable('txt'), true);
    assert.equal(q.isFormatAvailable('application/x-nothing'), false);
    const info = await q.loadFormat('text/plain');
    assert.equal(info.name, 'text');
    assert.equal((await q.loadFormat('.md')).name, 'markdown');
    await expectCode(() => q.loadFormat('application/x-nothing'), 'UNSUPPORTED_FORMAT', QuarryError);
  });

  test('batchExtractBytes / Sync: one entry per item, errors as entries', async () => {
    const items = [
      { data: enc('first doc') },
      { data: new Uint8Array([0, 1, 2, 0, 0, 0, 7, 8]) },
      { data: enc('third doc'), mimeType: 'text/plain' },
      { data: 'not bytes' },
    ];
    for (const out of [await q.batchExtractBytes(items), q.batchExtractBytesSync(items)]) {
      assert.equal(out.length, 4);
      assert.equal(out[0].content, 'first doc');
      assert.ok('error' in out[1]);
      assert.ok(out[1].error instanceof QuarryError);
      assert.equal(out[1].error.code, 'UNSUPPORTED_FORMAT');
      assert.equal(out[2].content, 'third doc');
      assert.equal(out[3].error.code, 'INVALID_ARGUMENT');
    }
    assert.deepEqual(q.batchExtractBytesSync([]), []);
    const md = q.batchExtractBytesSync([{ data: hello }], { limits: { maxOutputBytes: 3 } });
    assert.equal(md[0].error.code, 'LIMIT_EXCEEDED');
    await expectCode(() => q.batchExtractBytes('nope'), 'INVALID_ARGUMENT', QuarryError);
  });

  test('SharedBuffer: view, write, capacity, free, dispose', async () => {
    const b = await q.SharedBuffer.create(64);
    assert.equal(b.capacity, 64);
    const v = b.view();
    assert.equal(v.length, 64);
    assert.notEqual(b.view(), v);  // a fresh view each time
    b.write(enc('shared '), 0);
    b.write(enc('text'), 7);
    assert.equal((await q.extractShared(b, 11)).content, 'shared text');
    b.view().set(enc('other'));
    assert.equal((await q.extractShared(b, 5, 'text/plain')).content, 'other');
    await expectCode(() => b.write(enc('x'), 64), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.extractShared(b, 65), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.extractShared(b, -1), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.extractShared({}, 1), 'INVALID_ARGUMENT', QuarryError);
    b.free();
    b.free();  // twice is harmless
    await expectCode(() => b.view(), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.extractShared(b, 1), 'INVALID_ARGUMENT', QuarryError);
    // `using` needs a newer Node; this is what it calls.
    const d = await q.SharedBuffer.create(8);
    d.write(enc('disposed'));
    assert.equal((await q.extractShared(d, 8)).content, 'disposed');
    const live = __debug.liveHandles();
    d[Symbol.dispose]();
    assert.equal(__debug.liveHandles(), live - 1);
    await expectCode(() => q.SharedBuffer.create(0), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.SharedBuffer.create(1.5), 'INVALID_ARGUMENT', QuarryError);
    const inCore = await q.SharedBuffer.create(4, { variant: 'core' });
    inCore.free();
  });

  test('streaming: chunks, position, totalLength, metadata after the end', async () => {
    const doc = textDoc(300_000);
    const s = q.extractBytesStreaming(doc, 'text/plain');
    assert.equal(s.inputLength, doc.length);
    assert.equal(s.metadata, null);
    const chunks = [];
    let c;
    while ((c = await s.nextChunk(10_000)) !== null) {
      assert.ok(enc(c).length <= 10_000);
      chunks.push(c);
    }
    const expected = q.extractBytesSync(doc, 'text/plain');
    assert.equal(chunks.join(''), expected.content);
    assert.equal(s.position, enc(expected.content).length);
    assert.equal(s.totalLength, s.position);
    assert.equal(s.inputPosition, doc.length);
    assert.deepEqual(s.metadata, expected.metadata);
    assert.equal(s.mimeType, 'text/plain');
    assert.deepEqual(s.tables, []);
    assert.deepEqual(s.warnings, []);
    assert.equal(s.done, true);
    assert.equal(await s.nextChunk(), null);
    s.free();
  });

  test('streaming: chunks never split a character', async () => {
    const text = 'é🎉x'.repeat(20000);
    const s = q.extractBytesStreaming(enc(text));
    let out = '';
    for (;;) {
      const c = await s.nextChunk(7);
      if (c === null) break;
      assert.ok(enc(c).length <= 7);
      out += c;
    }
    assert.equal(out, text);
  });

  test('streaming: iterables, async iterables, ReadableStreams, async iteration, toReadableStream', async () => {
    const pieces = ['one ', 'two\n', 'thr', 'ee'].map(enc);
    const read = async (s) => {
      let out = '';
      for await (const c of s) out += c;
      return out;
    };
    assert.equal(await read(q.extractBytesStreaming(pieces)), 'one two\nthree');
    async function* gen() {
      for (const p of pieces) yield p;
    }
    assert.equal(await read(q.extractBytesStreaming(gen())), 'one two\nthree');
    const rs = new ReadableStream({
      start(ctrl) {
        for (const p of pieces) ctrl.enqueue(p);
        ctrl.close();
      },
    });
    assert.equal(await read(q.extractBytesStreaming(rs)), 'one two\nthree');
    const out = q.extractBytesStreaming(pieces).toReadableStream();
    let text = '';
    for await (const c of out) text += c;
    assert.equal(text, 'one two\nthree');
    const sync = q.extractBytesStreaming(pieces);
    assert.equal(sync.nextChunkSync(), 'one two\nthree');
    assert.equal(sync.nextChunkSync(), null);
    await expectCode(() => q.extractBytesStreaming(gen()).nextChunkSync(), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.extractBytesStreaming(42), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.extractBytesStreaming(hello).nextChunk(3), 'INVALID_ARGUMENT', QuarryError);
  });

  test('streaming: concurrent nextChunk calls are served in order', async () => {
    const doc = textDoc(200_000);
    const s = q.extractBytesStreaming(doc);
    const parts = await Promise.all(Array.from({ length: 10 }, () => s.nextChunk(30_000)));
    let rest = '';
    for await (const c of s) rest += c;
    assert.equal(parts.filter((p) => p !== null).join('') + rest, q.extractBytesSync(doc).content);
  });

  test('streaming: errors after the content produced before them; free() stops early', async () => {
    const s = q.extractBytesStreaming(textDoc(300_000), 'text/plain', { limits: { maxOutputBytes: 100_000 } });
    let got = 0;
    const e = await expectCode(async () => {
      for (;;) {
        const c = await s.nextChunk();
        if (c === null) break;
        got += enc(c).length;
      }
    }, 'LIMIT_EXCEEDED', QuarryError);
    assert.ok(got <= 100_000);
    await expectCode(() => s.nextChunk(), 'LIMIT_EXCEEDED', QuarryError);  // the same error again
    assert.ok(e.message.includes('max_output_bytes'));
    const early = q.extractBytesStreaming(textDoc(3_000_000));
    assert.equal(typeof (await early.nextChunk()), 'string');
    early.free();
    await expectCode(() => early.nextChunk(), 'INVALID_ARGUMENT', QuarryError);
    const d = q.extractBytesStreaming(textDoc(3_000_000));
    assert.equal(typeof (await d.nextChunk()), 'string');
    const live = __debug.liveHandles();
    d[Symbol.dispose]();
    assert.equal(__debug.liveHandles(), live - 1);
    // Breaking out of a for-await loop frees the stream.
    const before = __debug.liveHandles();
    const b = q.extractBytesStreaming(textDoc(3_000_000));
    for await (const c of b) {
      assert.equal(typeof c, 'string');
      break;
    }
    assert.equal(__debug.liveHandles(), before);
  });
});

after(() => {
  __debug.unloadAll();
});
