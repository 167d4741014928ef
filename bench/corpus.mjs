// The documents a run measures: the plan's scenarios, the shared corpus (with ground truth) and the
// generated scale documents. QUICK takes the scenarios, the smallest corpus file of each format and
// the small scale documents.
import { readFileSync, statSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FORMATS, mimeFor } from './formats.mjs';
import { generate, SCALE_LABELS } from './gen-data.mjs';

export const CORPUS = process.env.QUARRY_CORPUS ?? join(process.env.QUARRY_SHARED ?? '/work/shared', 'corpus');

/** The plan's scenario files (corpus/scenarios/), by role. */
export const SCENARIOS = [
  { role: 'html-1.5KB', file: 'simple_table.html', format: 'html' },
  { role: 'markdown-33KB', file: 'hip_13044_b.md', format: 'markdown' },
  { role: 'pdf-small', file: 'a_comparison_of_programming_languages_in_economics_16_jun_2014.pdf', format: 'pdf' },
  { role: 'html-2.5MB', file: 'world_war_ii.html', format: 'html', fullOnly: true },
  { role: 'markdown-624KB', file: 'world_war_ii.md', format: 'markdown', fullOnly: true },
  { role: 'pdf-book-2.6MB', file: 'a_course_in_machine_learning_ciml_v0_9_all.pdf', format: 'pdf', fullOnly: true },
];

const safe = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

function doc(group, format, path, gt, extra = {}) {
  const id = `${group}.${format}.${safe(basename(path))}`;
  return { id, group, format, mime: mimeFor(format, path), path, bytes: statSync(path).size, gt, ...extra };
}

/** Reads corpus/INDEX.tsv: [{path, bytes, format, gt (plain .txt or null)}]. */
function readIndex() {
  const lines = readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [path, bytes, format, gts] = l.split('\t');
    const gt = (gts || '').split(';').find((g) => g.endsWith('.txt'));
    return { path: join(CORPUS, path), bytes: +bytes, format, gt: gt ? join(CORPUS, gt) : null };
  });
}

/** The document list for a run, and the batch of 10. */
export function documents({ quick, dataDir }) {
  const docs = [];
  for (const s of SCENARIOS) {
    if (quick && s.fullOnly) continue;
    const path = join(CORPUS, 'scenarios', s.file);
    if (existsSync(path)) docs.push(doc('scenario', s.format, path, null, { role: s.role }));
  }
  const index = readIndex().filter((e) => FORMATS[e.format] && existsSync(e.path));
  if (quick) {
    for (const format of Object.keys(FORMATS)) {
      const c = index.filter((e) => e.format === format && e.gt).sort((a, b) => a.bytes - b.bytes)[0];
      if (c) docs.push(doc('corpus', format, c.path, c.gt));
    }
  } else {
    // Smallest first within a format: an engine's time budget then skips its biggest documents.
    const order = Object.keys(FORMATS);
    const sorted = [...index].sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format) || a.bytes - b.bytes);
    for (const e of sorted) docs.push(doc('corpus', e.format, e.path, e.gt));
  }
  const labels = quick ? ['1KB', '100KB'] : SCALE_LABELS;
  for (const g of generate(dataDir, labels, quick ? [10] : [10, 200, 2000])) {
    docs.push(doc(g.fixed ? 'fixed' : 'scale', g.format, g.path, g.gt, { label: g.label }));
  }
  return docs;
}

/** Ten small corpus documents of the core formats, in a fixed order: the "batch of 10" scenario. */
export function batchOfTen(docs) {
  const core = ['html', 'markdown', 'txt', 'csv', 'json', 'xml', 'yaml', 'toml', 'tsv'];
  const pool = docs.filter((d) => d.group === 'corpus' && core.includes(d.format));
  const picked = [];
  for (let round = 0; picked.length < 10 && round < 10; round++) {
    for (const f of core) {
      const ofFormat = pool.filter((d) => d.format === f);
      if (ofFormat[round] && picked.length < 10) picked.push(ofFormat[round]);
    }
  }
  // QUICK has one file per format: fill up with repeats so the batch is always ten documents.
  for (let i = 0; picked.length < 10 && pool.length; i++) picked.push(pool[i % pool.length]);
  return picked;
}
