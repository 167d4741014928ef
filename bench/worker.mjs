// A child process that measures ONE engine: warm latency over a list of documents (and the batch of
// 10), or one cold run. Speaks JSON lines prefixed with "@@BENCH " on stdout (peers may print too).
//   node --expose-gc worker.mjs JOB.json
// JOB: {engine, mode: 'warm'|'cold', docs: [...], batch?: [...], proto, outDir, rssCalls}
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineByName } from './peers/adapters.mjs';
import { budgetBucket, countChars, measure } from './protocol.mjs';

const scriptStart = performance.now(); // ms since this process started: Node's own start-up
const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const send = (msg) => process.stdout.write(`@@BENCH ${JSON.stringify(msg)}\n`);
const gc = globalThis.gc ?? (() => {});

function errorInfo(e) {
  return { error: String(e?.message ?? e).split('\n').slice(0, 6).join('\n').slice(0, 800), code: e?.code ?? null };
}

const read = (d) => {
  const b = readFileSync(d.path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};

async function extractAll(adapter, items) {
  if (adapter.batch) return adapter.batch(items.map((d) => [read(d), d.mime]));
  const out = [];
  for (const d of items) out.push(await adapter.extract(read(d), d.mime, d.format));
  return out;
}

async function cold() {
  const engine = engineByName(job.engine);
  const t0 = performance.now();
  let adapter;
  try {
    adapter = await engine.load();
  } catch (e) {
    send({ t: 'load-error', ...errorInfo(e) });
    return;
  }
  const t1 = performance.now();
  try {
    const contents = job.docs.length === 1
      ? [await adapter.extract(read(job.docs[0]), job.docs[0].mime, job.docs[0].format)]
      : await extractAll(adapter, job.docs);
    const t2 = performance.now();
    send({
      t: 'cold', boot_ms: scriptStart, load_ms: t1 - t0, extract_ms: t2 - t1, cold_ms: t2 - t0,
      chars: contents.reduce((a, c) => a + countChars(String(c ?? '')), 0),
      heap_bytes: adapter.heapBytes?.() ?? null, maxrss_kb: process.resourceUsage().maxRSS,
    });
  } catch (e) {
    send({ t: 'cold-error', load_ms: t1 - t0, ...errorInfo(e), maxrss_kb: process.resourceUsage().maxRSS });
  }
}

async function warm() {
  const engine = engineByName(job.engine);
  const t0 = performance.now();
  let adapter;
  try {
    adapter = await engine.load();
  } catch (e) {
    send({ t: 'load-error', ...errorInfo(e) });
    return;
  }
  send({ t: 'loaded', ms: performance.now() - t0, version: adapter.version, api: adapter.api });
  const outDir = join(job.outDir, job.engine);
  mkdirSync(outDir, { recursive: true });
  const spent = { ...(job.spent ?? {}) };
  for (const d of job.docs) {
    const bucket = budgetBucket(d);
    if ((spent[bucket] ?? 0) >= job.budgetMs) {
      send({ t: 'result', id: d.id, ok: false, status: 'skipped', error: `skipped: the engine's time budget for ${bucket} (${job.budgetMs / 1000} s) was spent on the smaller documents` });
      continue;
    }
    const docStart = performance.now();
    send({ t: 'start', id: d.id });
    gc();
    const bytes = read(d);
    let chars = 0;
    try {
      const res = await measure(() => adapter.extract(bytes, d.mime, d.format), job.proto, (content, ms) => {
        const text = String(content ?? '');
        chars = countChars(text);
        if (d.gt && d.bytes <= job.scoreMaxBytes) writeFileSync(join(outDir, `${d.id}.txt`), text);
        send({ t: 'first', id: d.id, ms });
      });
      const result = { t: 'result', id: d.id, ok: true, ...res, chars };
      if (adapter.extractSync && (adapter.syncEverywhere || ((d.group === 'scenario' || d.group === 'fixed') && d.bytes < 1 << 20))) {
        try {
          const s = await measure(() => adapter.extractSync(bytes, d.mime, d.format), job.proto);
          result.sync = { median_ms: s.median_ms, p95_ms: s.p95_ms, n: s.n };
        } catch (e) {
          result.sync = errorInfo(e);
        }
      }
      if ((d.role === 'html-1.5KB' || d.label === 'tiny') && job.rssCalls) result.growth = await growth(adapter, bytes, d);
      send(result);
    } catch (e) {
      send({ t: 'result', id: d.id, ok: false, ...errorInfo(e) });
    }
    spent[bucket] = (spent[bucket] ?? 0) + (performance.now() - docStart);
  }
  if (job.batch?.length) {
    send({ t: 'start', id: 'batch10' });
    try {
      const items = job.batch.map((d) => [read(d), d.mime, d.format]);
      const call = adapter.batch
        ? () => adapter.batch(items.map(([b, m]) => [b, m]))
        : async () => {
          const out = [];
          for (const [b, m, f] of items) out.push(await adapter.extract(b, m, f));
          return out;
        };
      let okItems = null;
      const res = await measure(call, job.proto, (out) => {
        okItems = out.filter((c) => c != null).length;
        send({ t: 'first', id: 'batch10' });
      });
      send({ t: 'result', id: 'batch10', ok: true, ...res, ok_items: okItems, api: adapter.batch ? 'batch call' : 'loop' });
    } catch (e) {
      send({ t: 'result', id: 'batch10', ok: false, ...errorInfo(e) });
    }
  }
  send({ t: 'done', maxrss_kb: process.resourceUsage().maxRSS });
}

/** Memory kept per call after warm-up: RSS (and the wasm heap where the engine exposes it) before and
 *  after `rssCalls` more calls, with a full GC on both sides. */
async function growth(adapter, bytes, d) {
  gc();
  const rss0 = process.memoryUsage().rss;
  const heap0 = adapter.heapBytes?.() ?? null;
  for (let i = 0; i < job.rssCalls; i++) await adapter.extract(bytes, d.mime, d.format);
  gc();
  await new Promise((r) => setTimeout(r, 10));
  gc();
  const rss1 = process.memoryUsage().rss;
  const heap1 = adapter.heapBytes?.() ?? null;
  return {
    calls: job.rssCalls,
    rss_per_call_bytes: (rss1 - rss0) / job.rssCalls,
    wasm_memory_growth_bytes: heap0 == null ? null : heap1 - heap0,
  };
}

await (job.mode === 'cold' ? cold() : warm());
// Peers may leave handles open (workers, timers): the measurement is over, leave now.
process.exit(0);
