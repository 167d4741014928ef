// Proves a bench run produced what it must (make test-bench, after `make bench QUICK=1`): every engine
// is in results.json with numbers or a recorded error, every row has numbers or a recorded error, and
// RESULTS.md and the chart exist. It never looks at how fast anything was.
//   node bench/check.mjs [DIR]   (default build/bench-quick)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES, ROOT } from './peers/adapters.mjs';

const dir = process.argv[2] ?? join(ROOT, 'build', 'bench-quick');
let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else { failed++; console.log(`FAIL: ${what}`); }
};

const path = join(dir, 'results.json');
check(existsSync(path), `${path} exists`);
const R = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { engines: {}, results: [], documents: [] };
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

for (const e of ENGINES) {
  const info = R.engines[e.name];
  check(info, `engine ${e.name} is in results.json`);
  if (!info) continue;
  const rows = R.results.filter((r) => r.engine === e.name);
  const measured = rows.some((r) => r.status === 'ok' && isNum(r.median_ms) && isNum(r.p95_ms) && r.n > 0);
  check(measured || (typeof info.error === 'string' && info.error.length > 0) || rows.some((r) => r.error),
    `engine ${e.name} has numbers or a recorded error`);
}
for (const r of R.results) {
  const ok = r.status === 'ok' ? isNum(r.median_ms) && isNum(r.p95_ms) && isNum(r.chars) : typeof r.error === 'string' && r.error.length > 0;
  check(ok, `row ${r.engine} × ${r.doc} has numbers (status ok) or an error (status ${r.status})`);
}
check(R.documents.some((d) => d.group === 'scenario'), 'the scenario documents were measured');
check(existsSync(join(dir, 'RESULTS.md')) && readFileSync(join(dir, 'RESULTS.md'), 'utf8').includes('## Surprises and failures'), 'RESULTS.md was written');
check(existsSync(join(dir, 'warm-latency.png')), 'the chart was drawn');
console.log(`bench check: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
