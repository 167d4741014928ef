// Memory: no growth over many calls, batches bounded by their largest document, bounded streaming,
// zero-copy shared buffers, and both ways handles give their memory back (free() and the
// FinalizationRegistry). Run with --expose-gc.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as q from '../dist/index.mjs';
import { collectGarbage, enc, textDoc } from './helpers.mjs';

const { __debug } = q;
const MiB = 1 << 20;

async function fresh() {
  __debug.unloadAll();
  await q.init();
}

describe('memory', () => {
  test('10,000 extractBytes calls: memory does not grow after warm-up', async () => {
    await fresh();
    const doc = textDoc(1500);
    for (let i = 0; i < 100; i++) await q.extractBytes(doc);
    const memory = __debug.memoryBytes();
    const heap = __debug.heapUsed();
    const handles = __debug.liveHandles();
    for (let i = 0; i < 10_000; i++) {
      const r = await q.extractBytes(doc);
      if (r.content.length !== 1500) assert.fail(`call ${i}: ${r.content.length} characters`);
    }
    assert.equal(__debug.memoryBytes(), memory);
    assert.equal(__debug.heapUsed(), heap);
    assert.equal(__debug.liveHandles(), handles);
  });

  test('a batch of 100 documents peaks at <= 1.2x its largest document alone', async (t) => {
    const sizes = Array.from({ length: 100 }, (_, i) => 1000 + ((i * 7919) % 97) * 10_000);
    sizes[37] = 3 * MiB;
    const docs = sizes.map((n, i) => textDoc(n, i));
    await fresh();
    q.extractBytesSync(docs[37]);
    const alone = __debug.memoryBytes();
    await fresh();
    const out = await q.batchExtractBytes(docs.map((data) => ({ data })));
    const batch = __debug.memoryBytes();
    assert.equal(out.length, 100);
    out.forEach((r, i) => assert.equal(r.content.length, sizes[i]));
    t.diagnostic(`module memory: largest document alone ${alone} bytes, batch of 100 ${batch} bytes`);
    assert.ok(batch <= 1.2 * alone, `batch ${batch} vs largest alone ${alone}`);
    await fresh();
    q.batchExtractBytesSync(docs.map((data) => ({ data })));
    assert.ok(__debug.memoryBytes() <= 1.2 * alone, `sync batch ${__debug.memoryBytes()} vs ${alone}`);
  });

  test('streaming 100 MB of text (in pieces) keeps the module under 16 MB', async (t) => {
    await fresh();
    const line = 'The quick brown fox jumps over the lazy dog, again and again and again.\n';
    const piece = enc(line.repeat(Math.ceil(MiB / line.length)).slice(0, MiB - (MiB % line.length)));
    const pieces = 100;
    function* generate() {
      for (let i = 0; i < pieces; i++) yield piece;
    }
    const s = q.extractBytesStreaming(generate(), 'text/plain');
    let bytes = 0;
    let chunks = 0;
    let last = '';
    for (;;) {
      const c = await s.nextChunk(256 * 1024);
      if (c === null) break;
      bytes += c.length;  // ASCII: characters are bytes
      chunks++;
      last = c;
    }
    const total = piece.length * pieces;
    assert.equal(bytes, total - 1);  // the final newline is not content
    assert.ok(last.endsWith('again and again.'));
    assert.ok(chunks >= 400);
    assert.equal(s.totalLength, total - 1);
    assert.equal(s.metadata.lineCount, (total / line.length));
    t.diagnostic(`module memory after streaming 100 MB: ${__debug.memoryBytes()} bytes`);
    assert.ok(__debug.memoryBytes() < 16 * MiB, `module memory ${__debug.memoryBytes()}`);
    // The whole document as one Uint8Array: fed by windows too.
    const big = new Uint8Array(30 * MiB).fill(0x61);
    for (let i = 99; i < big.length; i += 100) big[i] = 10;
    let n = 0;
    for await (const c of q.extractBytesStreaming(big)) n += c.length;
    assert.equal(n, big.length);  // it ends in 'a', not a newline
    assert.ok(__debug.memoryBytes() < 16 * MiB, `module memory ${__debug.memoryBytes()}`);
  });

  test('extractShared copies no bytes; extractBytes copies the input once', async () => {
    await fresh();
    const doc = textDoc(100_000);
    const buf = await q.SharedBuffer.create(doc.length);
    buf.view().set(doc);
    __debug.resetCounters();
    const shared = await q.extractShared(buf, doc.length, 'text/plain');
    assert.equal(__debug.bytesCopiedIn(), 0);
    const copied = await q.extractBytes(doc, 'text/plain');
    assert.equal(__debug.bytesCopiedIn(), doc.length);
    assert.equal(shared.content, copied.content);
    __debug.resetCounters();
    buf.write(doc.subarray(0, 10));
    assert.equal(__debug.bytesCopiedIn(), 10);  // write() is a copy, and counted
    buf.free();
  });

  test('a document over 8 MB: the input buffer and arena are given back afterwards', async () => {
    await fresh();
    const r = await q.extractBytes(textDoc(10 * MiB));
    assert.equal(r.content.length, 10 * MiB);
    assert.ok(__debug.heapUsed() < 1 * MiB, `heap after ${__debug.heapUsed()}`);
    const before = __debug.memoryBytes();
    await q.extractBytes(textDoc(10 * MiB));
    assert.equal(__debug.memoryBytes(), before);  // the same memory is reused
  });

  test('free() releases SharedBuffers and streams', async () => {
    await fresh();
    // Warm-up: the input buffer has its streaming size (one window) from here on.
    const warm = q.extractBytesStreaming(textDoc(3 * MiB));
    await warm.nextChunk();
    warm.free();
    const handles = __debug.liveHandles();
    const heap = __debug.heapUsed();
    const bufs = [];
    for (let i = 0; i < 20; i++) bufs.push(await q.SharedBuffer.create(100_000));
    const streams = [];
    for (let i = 0; i < 5; i++) {
      const s = q.extractBytesStreaming(textDoc(3 * MiB));
      await s.nextChunk();
      streams.push(s);
    }
    assert.equal(__debug.liveHandles(), handles + 25);
    for (const b of bufs) b.free();
    for (const s of streams) s.free();
    assert.equal(__debug.liveHandles(), handles);
    assert.equal(__debug.heapUsed(), heap);
  });

  test('the FinalizationRegistry frees forgotten SharedBuffers and streams', async () => {
    await fresh();
    await q.extractBytes(textDoc(100));
    await collectGarbage();
    const handles = __debug.liveHandles();
    await (async () => {
      for (let i = 0; i < 20; i++) {
        const b = await q.SharedBuffer.create(50_000);
        b.write(enc('forgotten'));
      }
      for (let i = 0; i < 5; i++) {
        const s = q.extractBytesStreaming(textDoc(3 * MiB));
        await s.nextChunk();
      }
    })();
    assert.equal(__debug.liveHandles(), handles + 25);
    for (let round = 0; round < 20 && __debug.liveHandles() !== handles; round++) await collectGarbage();
    assert.equal(__debug.liveHandles(), handles);
  });
});
