// Quarry's wasm heap high-water mark (linear memory size, which never shrinks) in a fresh process:
//   node memory.mjs single PATH MIME      one extraction
//   node memory.mjs batch LIST.json       batchExtractBytes over [{path, mime}]
//   node memory.mjs streaming PATH MIME   extractBytesStreaming, every chunk read and dropped
// Prints one "@@BENCH {...}" line: {mode, memory_bytes, memory_before_bytes, content_chars, ms, maxrss_kb}.
import { readFileSync } from 'node:fs';
import { engineByName } from './peers/adapters.mjs';

const [mode, arg, mime] = process.argv.slice(2);
const send = (msg) => process.stdout.write(`@@BENCH ${JSON.stringify(msg)}\n`);
const read = (p) => new Uint8Array(readFileSync(p));

try {
  const q = await engineByName('quarry-wasm').load();
  if (!q.heapBytes) throw new Error('the package exposes no memory figure (__debug.memoryBytes)');
  const before = q.heapBytes();
  const t0 = performance.now();
  let chars = 0;
  if (mode === 'single') {
    chars = (await q.extract(read(arg), mime)).length;
  } else if (mode === 'batch') {
    const items = JSON.parse(readFileSync(arg, 'utf8')).map((d) => [read(d.path), d.mime]);
    for (const c of await q.batch(items)) chars += (c ?? '').length;
  } else if (mode === 'streaming') {
    if (!q.streaming) throw new Error('extractBytesStreaming is not in the package');
    const s = q.streaming(read(arg), mime);
    for (let c = await s.nextChunk(); c != null; c = await s.nextChunk()) chars += c.length;
    s.free?.();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  send({
    mode, memory_before_bytes: before, memory_bytes: q.heapBytes(), content_chars: chars,
    ms: performance.now() - t0, maxrss_kb: process.resourceUsage().maxRSS,
  });
} catch (e) {
  send({ mode, error: String(e?.message ?? e).slice(0, 500) });
}
process.exit(0);
