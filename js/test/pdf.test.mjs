// PDF through the package: the `pdf` variant loads lazily on the first PDF, passwords, images,
// pages, and streaming a 2,000-page PDF with the content never gathered in the wasm heap.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as q from '../dist/index.mjs';
import { manyPagePdf, makePdf } from '../../tools/pdf_writer.mjs';
import { expectCode, repoDir } from './helpers.mjs';

const { QuarryError, __debug } = q;
const golden = (name) => new Uint8Array(readFileSync(join(repoDir, 'tests', 'golden', 'pdf', name)));

describe('pdf', () => {
  test('the first PDF loads the pdf variant, once; HTML still uses core', async () => {
    __debug.unloadAll();
    await q.init();
    assert.deepEqual(__debug.loadedVariants(), ['core']);
    const pdf = makePdf([['Hello from page one'], ['And page two']]);
    const r = await q.extractBytes(pdf);
    assert.equal(r.mimeType, 'application/pdf');
    assert.equal(r.content, 'Hello from page one\n\nAnd page two');
    assert.equal(r.metadata.pageCount, 2);
    assert.deepEqual(__debug.loadedVariants(), ['core', 'pdf']);
    await q.extractBytes(pdf);
    assert.deepEqual(__debug.loadedVariants(), ['core', 'pdf']);
    assert.equal((await q.extractBytes(new TextEncoder().encode('<p>hi</p>'), 'text/html')).content, 'hi');
    // Now loaded, the synchronous call works too.
    assert.equal(q.extractBytesSync(pdf, 'application/pdf').content, r.content);
  });

  test('pages and images', async () => {
    const r = await q.extractBytes(manyPagePdf(3, { image: true }), 'application/pdf', { pages: true, extractImages: true });
    assert.equal(r.pages.length, 3);
    assert.deepEqual(r.pages.map((p) => p.pageNumber), [1, 2, 3]);
    assert.match(r.pages[2].content, /^Page 3 of 3\n/);
    assert.deepEqual(r.images, [1, 2, 3].map((pageNumber) => ({ format: 'jpeg', width: 32, height: 16, pageNumber, name: 'Im0' })));
    const none = await q.extractBytes(manyPagePdf(1, { image: true }), 'application/pdf');
    assert.equal(none.images, undefined);
  });

  test('passwords: the empty one silently, a given one through config.pdf.password, else ENCRYPTED', async () => {
    const ownerOnly = await q.extractBytes(golden('encrypted-owner-only.pdf'));
    assert.equal(ownerOnly.metadata.isEncrypted, true);
    assert.ok(ownerOnly.content.length > 0);
    const locked = golden('encrypted-user-password.pdf');
    const e = await expectCode(() => q.extractBytes(locked), 'ENCRYPTED', QuarryError);
    assert.match(e.message, /password/i);
    await expectCode(() => q.extractBytes(locked, undefined, { pdf: { password: 'wrong' } }), 'ENCRYPTED', QuarryError);
    const opened = await q.extractBytes(locked, undefined, { pdf: { password: 'secret' } });
    assert.ok(opened.content.length > 0);
    // The module is fine after the errors.
    assert.equal((await q.extractBytes(makePdf([['still works']]))).content, 'still works');
  });

  test('damaged PDFs give CORRUPT, and the module keeps working', async () => {
    await expectCode(() => q.extractBytes(new TextEncoder().encode('%PDF-1.7\ngarbage only'), 'application/pdf'), 'CORRUPT', QuarryError);
    const pdf = makePdf([['intact']]);
    assert.equal((await q.extractBytes(pdf)).content, 'intact');
  });

  test('streaming a 2,000-page PDF: pages arrive in order, the wasm heap never holds the content', async (t) => {
    const pages = 2000;
    const pdf = manyPagePdf(pages);
    // The same document extracted whole, in a fresh module: its memory has to hold the content.
    __debug.unloadAll();
    await q.init({ variant: 'pdf' });
    const whole = await q.extractBytes(pdf, 'application/pdf');
    const wholeMemory = __debug.memoryBytes('pdf');
    // Streamed, in another fresh module.
    __debug.unloadAll();
    await q.init({ variant: 'pdf' });
    const s = q.extractBytesStreaming(pdf, 'application/pdf');
    let text = '';
    let chunks = 0;
    for await (const chunk of s) {
      chunks++;
      text += chunk;
    }
    const streamMemory = __debug.memoryBytes('pdf');
    assert.equal(s.metadata.pageCount, pages);
    assert.equal(text, whole.content);
    const order = [...text.matchAll(/Page (\d+) of 2000/g)].map((m) => +m[1]);
    assert.deepEqual(order, Array.from({ length: pages }, (_, i) => i + 1));
    const contentBytes = Buffer.byteLength(text);
    t.diagnostic(`input ${pdf.length} B, content ${contentBytes} B in ${chunks} chunks; module memory: whole ${wholeMemory} B, streamed ${streamMemory} B`);
    assert.ok(chunks > 20, 'content arrives in many pieces');
    assert.ok(contentBytes > 3_000_000);
    // The streamed extraction never had the content in wasm memory: it lived in JavaScript.
    assert.ok(streamMemory + contentBytes / 2 < wholeMemory, `${streamMemory} B streamed vs ${wholeMemory} B whole`);
    // A second stream reuses that memory (at most allocator slack of a few 64 KiB pages).
    for await (const _ of q.extractBytesStreaming(pdf, 'application/pdf')) void _;
    assert.ok(__debug.memoryBytes('pdf') <= streamMemory + 256 * 1024);
  });
});
