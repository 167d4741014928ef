// The benchmark run: every engine × document, warm and cold, Quarry native vs wasm, sizes, memory,
// word F1; writes results.json, RESULTS.md and the chart.
//   node bench/runner.mjs [--quick] [--out DIR] [--engines a,b]
// Full mode writes bench/RESULTS.md; --quick (what CI runs) writes into build/bench-quick/ unless --out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { runChild } from './child.mjs';
import { batchOfTen, CORPUS, documents } from './corpus.mjs';
import { ENGINES, ROOT } from './peers/adapters.mjs';
import { budgetBucket, protocolFor } from './protocol.mjs';
import { measureSizes, packageSizes } from './sizes.mjs';
import { median } from './stats.mjs';
import { FORMAT_ORDER } from './formats.mjs';
import { writeReport } from './report.mjs';
import { drawChart } from './chart.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const QUICK = flag('--quick') || process.env.QUICK === '1';
const OUT = option('--out') ?? (QUICK ? join(ROOT, 'build', 'bench-quick') : join(ROOT, 'bench'));
const ONLY = option('--engines')?.split(',');
const WORK = join(ROOT, 'build', QUICK ? 'bench-work-quick' : 'bench-work');
const DATA = join(ROOT, 'build', 'bench-data');
const NATIVE_BIN = join(ROOT, 'build', 'release', 'bin', 'quarry_native_bench');
const GLIBC = join(ROOT, 'build', 'bench-glibc', 'root', 'usr', 'lib', 'x86_64-linux-gnu');
const PROTO = protocolFor(QUICK);
const COLD_RUNS = QUICK ? 1 : 5;        // scenario documents
const COLD_RUNS_FORMAT = 1;             // one representative document per format
const T_BASE = QUICK ? 10_000 : 15_000; // ms allowed for a first call, plus T_PER_MB per MB of input
const T_PER_MB = 2_000;
const MAX_TIMEOUTS_PER_FORMAT = 2;      // then the engine's other documents of that format are skipped
const RSS_CALLS = QUICK ? 200 : 1000;
const SCORE_MAX_BYTES = 2 << 20;        // textscore.py takes minutes on 50 MB: bigger documents get no F1
const WARM_BUDGET_MS = QUICK ? 12_000 : 40_000; // per engine and format (and for the scale documents)
const COLD_BUDGET_MS = QUICK ? 8_000 : 25_000; // per engine, for the per-format cold runs (scenarios always run)

const started = Date.now();
const log = (...a) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s]`, ...a);

rmSync(join(WORK, 'out'), { recursive: true, force: true });
mkdirSync(join(WORK, 'out'), { recursive: true });
mkdirSync(OUT, { recursive: true });

const docs = documents({ quick: QUICK, dataDir: DATA });
const batch = batchOfTen(docs);
const engines = ENGINES.filter((e) => !ONLY || ONLY.includes(e.name));
log(`${QUICK ? 'QUICK' : 'full'} run: ${docs.length} documents, ${engines.length} engines → ${OUT}`);

/** How to start Node for an engine (some peers need the newer glibc runtime). */
function nodeCommand(engine, script, ...args) {
  const node = [process.execPath, '--expose-gc', join(ROOT, 'bench', script), ...args];
  if (engine.launcher === 'newer-glibc' && existsSync(join(GLIBC, 'ld-linux-x86-64.so.2'))) {
    return [join(GLIBC, 'ld-linux-x86-64.so.2'), ['--library-path', GLIBC, ...node]];
  }
  return [node[0], node.slice(1)];
}

const firstTimeout = (d) => T_BASE + (d.bytes / (1 << 20)) * T_PER_MB;
let jobSeq = 0;
function writeJob(job) {
  const p = join(WORK, `job-${++jobSeq}.json`);
  writeFileSync(p, JSON.stringify(job));
  return p;
}

const results = {}; // `${engine}|${docId}` → row
const engineInfo = {};
const key = (e, d) => `${e}|${d}`;

// ---- Quarry native: one in-process run over every document -------------------------------------
async function runNative() {
  const info = (engineInfo['quarry-native'] = { kind: 'native', api: 'quarry::extract (C++, in-process)' });
  if (!existsSync(NATIVE_BIN)) {
    info.error = 'not built: build/release/bin/quarry_native_bench is missing';
    return;
  }
  const manifest = join(WORK, 'native-manifest.tsv');
  writeFileSync(manifest, docs.map((d) => `${d.id}\t${d.path}\t${d.mime}`).join('\n') + '\n');
  const outDir = join(WORK, 'out', 'quarry-native');
  mkdirSync(outDir, { recursive: true });
  const args = ['--min-time-ms', PROTO.minTimeMs, '--warmup-ms', PROTO.warmupMs, '--max-iters', PROTO.maxIters, '--out', outDir, manifest].map(String);
  // The native binary prints plain JSON lines; wrap them for runChild through a tiny shell filter.
  const r = spawnSync(NATIVE_BIN, args, { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 20 * 60_000 });
  info.version = readVersion();
  if (r.status !== 0) info.error = `exit ${r.status} ${r.signal ?? ''} ${String(r.stderr).slice(-400)}`;
  for (const line of String(r.stdout).split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line);
    if (m.done) { info.maxrss_kb = m.maxrss_kb; continue; }
    const d = docs.find((x) => x.id === m.id);
    results[key('quarry-native', m.id)] = m.ok
      ? { status: 'ok', ...pick(m, ['n', 'first_ms', 'median_ms', 'p95_ms', 'min_ms', 'mean_ms', 'chars']) }
      : { status: /UNSUPPORTED|NOT_LOADED/.test(m.code) ? 'unsupported' : 'error', error: `${m.code}: ${m.error}` };
    if (!m.ok || !d.gt || d.bytes > SCORE_MAX_BYTES) rmSync(join(outDir, `${m.id}.txt`), { force: true });
  }
  // Peak RSS of the native bench on each scenario document alone.
  info.rss_by_doc = {};
  for (const d of docs.filter((x) => x.group === 'scenario')) {
    const one = join(WORK, 'native-one.tsv');
    writeFileSync(one, `${d.id}\t${d.path}\t${d.mime}\n`);
    const s = spawnSync(NATIVE_BIN, ['--min-time-ms', '0', '--warmup-ms', '0', one], { encoding: 'utf8' });
    const done = String(s.stdout).split('\n').filter((l) => l.includes('"done"')).map((l) => JSON.parse(l))[0];
    if (done) info.rss_by_doc[d.id] = done.maxrss_kb;
  }
}

function readVersion() {
  try {
    return /project\(quarry VERSION ([0-9.]+)/.exec(readFileSync(join(ROOT, 'CMakeLists.txt'), 'utf8'))[1];
  } catch {
    return null;
  }
}

const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

// ---- JS engines: warm (one child over the documents, respawned after a hang) ---------------------
async function runWarm(engine) {
  const info = (engineInfo[engine.name] = { kind: engine.kind });
  let queue = docs.filter((d) => engine.formats.includes(d.format));
  const timeouts = {};
  const spent = {};
  const startedAt = {};
  // The batch of 10 only for engines that read all its formats.
  let batchDone = !batch.every((d) => engine.formats.includes(d.format));
  while (queue.length || !batchDone) {
    const job = { engine: engine.name, mode: 'warm', docs: queue, batch: batchDone ? [] : batch, proto: PROTO, outDir: join(WORK, 'out'), rssCalls: RSS_CALLS, scoreMaxBytes: SCORE_MAX_BYTES, budgetMs: WARM_BUDGET_MS, spent: { ...spent } };
    const [cmd, args] = nodeCommand(engine, 'worker.mjs', writeJob(job));
    let current = null;
    const seen = new Set();
    const r = await runChild(cmd, args, {
      timeoutMs: 60_000,
      onMessage: (m) => {
        if (m.t === 'loaded') Object.assign(info, { version: m.version, api: m.api, load_ms: m.ms });
        if (m.t === 'start') {
          current = m.id;
          startedAt[m.id] = performance.now();
          const d = docs.find((x) => x.id === m.id);
          return d ? firstTimeout(d) : T_BASE * 3;
        }
        if (m.t === 'first') return 30_000 + 20 * (m.ms ?? 1000);
        if (m.t === 'result') {
          seen.add(m.id);
          current = null;
          const rd = docs.find((x) => x.id === m.id);
          if (rd && startedAt[m.id] != null) spent[budgetBucket(rd)] = (spent[budgetBucket(rd)] ?? 0) + performance.now() - startedAt[m.id];
          if (m.id === 'batch10') {
            info.batch10 = m;
          } else {
            results[key(engine.name, m.id)] = m.ok
              ? { status: 'ok', ...pick(m, ['n', 'first_ms', 'median_ms', 'p95_ms', 'min_ms', 'mean_ms', 'chars', 'sync', 'growth']) }
              : { status: m.status ?? classify(m), error: m.error };
          }
          return T_BASE * 3;
        }
        if (m.t === 'load-error') info.error = m.error;
        if (m.t === 'done') info.maxrss_kb = m.maxrss_kb;
        return undefined;
      },
    });
    if (info.error && !info.version) {
      for (const d of queue) results[key(engine.name, d.id)] = { status: 'not loaded', error: info.error };
      return;
    }
    const done = r.messages.some((m) => m.t === 'done');
    if (!current && done) break;
    // The child hung (killed) or died: record the document it was on and go on after it.
    const why = r.timedOut ? 'timeout' : 'crash';
    const detail = r.timedOut ? 'no answer within the time-out; child killed' : `child exited (${r.code ?? r.signal}): ${r.stderrTail}`;
    if (current === 'batch10' || (!current && queue.every((d) => seen.has(d.id)))) {
      info.batch10 = { ok: false, status: why, error: detail };
      batchDone = true;
      queue = [];
      continue;
    }
    if (!current) { // died before starting any document
      info.error = `worker ${why}: ${detail}`;
      for (const d of queue.filter((x) => !seen.has(x.id))) results[key(engine.name, d.id)] = { status: 'error', error: info.error };
      return;
    }
    const d = docs.find((x) => x.id === current);
    spent[budgetBucket(d)] = (spent[budgetBucket(d)] ?? 0) + performance.now() - startedAt[current];
    results[key(engine.name, current)] = { status: why, error: detail };
    log(`${engine.name}: ${why} on ${current}`);
    (timeouts[d.format] ??= []).push(d.bytes);
    const idx = queue.findIndex((x) => x.id === current);
    queue = queue.slice(idx + 1).filter((x) => {
      const t = timeouts[x.format] ?? [];
      // Two time-outs on a format: skip its documents at least as big as the smallest that timed out;
      // four: skip the format.
      if (t.length >= MAX_TIMEOUTS_PER_FORMAT * 2 || (t.length >= MAX_TIMEOUTS_PER_FORMAT && x.bytes >= Math.min(...t))) {
        results[key(engine.name, x.id)] = { status: 'skipped', error: `skipped after ${t.length} time-outs on ${x.format} documents (smallest ${Math.min(...t)} bytes)` };
        return false;
      }
      return true;
    });
  }
}

function classify(m) {
  if (/UNSUPPORTED_FORMAT|FORMAT_NOT_LOADED|not written yet|[Uu]nsupported/.test(`${m.code} ${m.error}`)) return 'unsupported';
  return 'error';
}

// ---- Cold: fresh processes ---------------------------------------------------------------------
async function runColdOnce(engine, items, timeoutMs) {
  const [cmd, args] = nodeCommand(engine, 'worker.mjs', writeJob({ engine: engine.name, mode: 'cold', docs: items }));
  const r = await runChild(cmd, args, { timeoutMs });
  const m = r.messages.find((x) => x.t === 'cold' || x.t === 'cold-error' || x.t === 'load-error');
  if (r.timedOut) return { error: 'timeout' };
  if (!m) return { error: `child exited (${r.code ?? r.signal}): ${r.stderrTail}` };
  if (m.t !== 'cold') return { error: m.error };
  return { ...m, wall_ms: r.wallMs };
}

async function runCold(engine) {
  const info = engineInfo[engine.name];
  if (info.error && !info.version) return;
  const reps = [];
  for (const d of docs.filter((x) => x.group === 'scenario' && x.bytes < 1 << 20)) reps.push([d, COLD_RUNS, true]);
  for (const f of FORMAT_ORDER.filter((x) => engine.formats.includes(x))) {
    const d = docs.filter((x) => x.group === 'corpus' && x.format === f && x.gt).sort((a, b) => a.bytes - b.bytes)[0];
    if (d) reps.push([d, COLD_RUNS_FORMAT, false]);
  }
  const t0 = performance.now();
  for (const [d, runs, always] of reps) {
    const row = results[key(engine.name, d.id)];
    if (!row || row.status !== 'ok') continue; // unsupported/failed warm: a cold run would fail the same way
    if (!always && performance.now() - t0 > COLD_BUDGET_MS) {
      row.cold_error = `not measured: the engine's cold-run budget (${COLD_BUDGET_MS / 1000} s) was spent`;
      continue;
    }
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const s = await runColdOnce(engine, [d], firstTimeout(d) + 30_000);
      if (s.error) { row.cold_error = s.error; break; }
      samples.push(s);
    }
    if (samples.length) row.cold = coldSummary(samples);
  }
  if (info.batch10?.ok) {
    const samples = [];
    for (let i = 0; i < (QUICK ? 1 : 3); i++) {
      const s = await runColdOnce(engine, batch, 60_000);
      if (s.error) { info.batch10.cold_error = s.error; break; }
      samples.push(s);
    }
    if (samples.length) info.batch10.cold = coldSummary(samples);
  }
}

const coldSummary = (s) => ({
  runs: s.length,
  cold_ms: median(s.map((x) => x.cold_ms)),
  load_ms: median(s.map((x) => x.load_ms)),
  extract_ms: median(s.map((x) => x.extract_ms)),
  boot_ms: median(s.map((x) => x.boot_ms)),
  wall_ms: median(s.map((x) => x.wall_ms)),
  maxrss_kb: Math.max(...s.map((x) => x.maxrss_kb)),
  samples_ms: s.map((x) => +x.cold_ms.toFixed(2)),
});

// ---- Quarry wasm heap high-water marks ---------------------------------------------------------
async function runMemory() {
  const engine = ENGINES.find((e) => e.name === 'quarry-wasm');
  const out = {};
  if (engineInfo['quarry-wasm']?.error && !engineInfo['quarry-wasm']?.version) return { error: engineInfo['quarry-wasm'].error };
  const core = docs.filter((d) => d.group !== 'fixed' && ['html', 'txt', 'markdown'].includes(d.format) && results[key('quarry-wasm', d.id)]?.status === 'ok');
  if (!core.length) return { error: 'no document Quarry wasm extracts yet' };
  const largest = core.filter((d) => d.bytes <= (QUICK ? 1 << 20 : 10 << 20)).sort((a, b) => b.bytes - a.bytes)[0];
  const batchDocs = [];
  const small = core.filter((d) => d !== largest && d.bytes < 256 << 10);
  for (let i = 0; batchDocs.length < 99 && small.length; i++) batchDocs.push(small[i % small.length]);
  batchDocs.splice(50, 0, largest);
  const list = join(WORK, 'memory-batch.json');
  writeFileSync(list, JSON.stringify(batchDocs.map((d) => ({ path: d.path, mime: d.mime }))));
  const bigText = docs.filter((d) => d.format === 'txt' && d.group === 'scale').sort((a, b) => b.bytes - a.bytes)[0];
  const batchBytes = batchDocs.reduce((a, d) => a + d.bytes, 0);
  const jobs = [
    ['single: the batch\'s largest document alone', ['single', largest.path, largest.mime], largest],
    ['batch of 100 (batchExtractBytes)', ['batch', list], { id: `${batchDocs.length} documents, the largest ${largest.id}`, bytes: batchBytes }],
    ['single: the big text, whole result', ['single', bigText.path, bigText.mime], bigText],
    ['streaming: the big text (extractBytesStreaming)', ['streaming', bigText.path, bigText.mime], bigText],
  ];
  for (const [name, args, d] of jobs) {
    const [cmd, a] = nodeCommand(engine, 'memory.mjs', ...args);
    const r = await runChild(cmd, a, { timeoutMs: 120_000 });
    const m = r.messages[0] ?? { error: r.timedOut ? 'timeout' : `exit ${r.code}: ${r.stderrTail}` };
    out[name] = { doc: d.id, doc_bytes: d.bytes, ...m };
  }
  return out;
}

// ---- F1 against ground truth -------------------------------------------------------------------
function scoreAll() {
  const pairs = [];
  for (const [k, row] of Object.entries(results)) {
    const [engine, id] = k.split('|');
    const d = docs.find((x) => x.id === id);
    const got = join(WORK, 'out', engine, `${id}.txt`);
    if (row.status === 'ok' && d?.gt && existsSync(got)) pairs.push([k, got, d.gt]);
  }
  const tools = join(process.env.QUARRY_SHARED ?? '/work/shared', 'tools');
  const r = spawnSync('python3', [join(ROOT, 'bench', 'score.py'), tools], { input: JSON.stringify(pairs), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) { log('scoring failed:', r.stderr); return; }
  for (const [k, s] of Object.entries(JSON.parse(r.stdout))) if (s.f1 != null) Object.assign(results[k], { f1: s.f1, order: s.order });
}

// ---- machine -----------------------------------------------------------------------------------
function machine() {
  const sh = (c) => spawnSync('bash', ['-c', c], { encoding: 'utf8' }).stdout.trim();
  return {
    cpu: os.cpus()[0]?.model, cores: os.cpus().length, memory_gb: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: sh('. /etc/os-release && echo "$PRETTY_NAME"'), kernel: os.release(), node: process.version,
    glibc: sh('ldd --version | head -1'), emcc: sh('emcc --version 2>/dev/null | head -1'),
    cxx: sh('c++ --version | head -1'), load_average: os.loadavg().map((x) => +x.toFixed(2)),
    newer_glibc_runtime: existsSync(join(GLIBC, '..', '..', '..', '..', 'VERSIONS')) ? readFileSync(join(GLIBC, '..', '..', '..', '..', 'VERSIONS'), 'utf8').trim().split('\n') : null,
  };
}

// ---- the run -----------------------------------------------------------------------------------
const load0 = os.loadavg()[0];
if (engines.some((e) => e.name === 'quarry-native')) {
  log('quarry-native');
  await runNative();
}
for (const e of engines.filter((x) => x.load)) {
  log(`${e.name}: warm`);
  await runWarm(e);
  log(`${e.name}: cold`);
  await runCold(e);
}
log('quarry-wasm heap');
const memory = engines.some((e) => e.name === 'quarry-wasm') ? await runMemory() : { error: 'quarry-wasm not in this run' };
log('scores, sizes');
scoreAll();
const sizes = measureSizes(join(ROOT, 'build', 'bench-size-cache.json'));
const packages = packageSizes();

const out = {
  meta: {
    date: new Date().toISOString(), quick: QUICK, seconds: Math.round((Date.now() - started) / 1000),
    machine: { ...machine(), load_average_at_start: load0 }, protocol: { ...PROTO, warm_budget_ms: WARM_BUDGET_MS, cold_budget_ms: COLD_BUDGET_MS, cold_runs: COLD_RUNS, cold_runs_format: COLD_RUNS_FORMAT, first_call_timeout_ms: T_BASE, timeout_per_mb_ms: T_PER_MB },
    corpus: CORPUS, git: spawnSync('git', ['-C', ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout.trim(),
  },
  engines: Object.fromEntries(engines.map((e) => [e.name, { formats: e.formats, ...(engineInfo[e.name] ?? {}) }])),
  documents: docs.map((d) => pick(d, ['id', 'group', 'format', 'mime', 'bytes', 'role', 'label', 'gt', 'path'])),
  batch10: batch.map((d) => d.id),
  results: Object.entries(results).map(([k, r]) => ({ engine: k.split('|')[0], doc: k.split('|')[1], ...r })),
  memory, sizes, package_bytes: packages,
};
writeFileSync(join(OUT, 'results.json'), JSON.stringify(out, null, 1) + '\n');
writeReport(out, join(OUT, 'RESULTS.md'), QUICK);
drawChart(out, join(OUT, 'warm-latency.png'), join(WORK, 'chart'));
log(`done in ${out.meta.seconds}s: ${join(OUT, 'RESULTS.md')}`);
