// The chart: warm latency (median over each format's documents of the per-document median) per
// format per engine, as grouped bars on a log scale, drawn by gnuplot (Debian's gnuplot-nox).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMAT_ORDER } from './formats.mjs';
import { median } from './stats.mjs';

/** format → engine → median warm ms over the format's corpus/scenario documents that engine extracted. */
export function warmByFormat(results) {
  const docs = new Map(results.documents.map((d) => [d.id, d]));
  const table = {};
  for (const r of results.results) {
    const d = docs.get(r.doc);
    if (r.status !== 'ok' || !d || (d.group !== 'corpus' && d.group !== 'scenario')) continue;
    ((table[d.format] ??= {})[r.engine] ??= []).push(r.median_ms);
  }
  for (const f of Object.keys(table)) for (const e of Object.keys(table[f])) table[f][e] = median(table[f][e]);
  return table;
}

/** Draws the PNG; returns null or the reason it could not. */
export function drawChart(results, pngPath, workDir) {
  mkdirSync(workDir, { recursive: true });
  const table = warmByFormat(results);
  const engines = Object.keys(results.engines).filter((e) => Object.values(table).some((row) => row[e] != null));
  const formats = FORMAT_ORDER.filter((f) => table[f]);
  if (!formats.length || !engines.length) return 'nothing to draw';
  const dat = join(workDir, 'warm.dat');
  const lines = [`format ${engines.join(' ')}`];
  for (const f of formats) lines.push(`${f} ${engines.map((e) => (table[f][e] != null ? table[f][e].toPrecision(4) : '-')).join(' ')}`);
  writeFileSync(dat, lines.join('\n') + '\n');
  const colors = ['#1b6ac9', '#59a5f5', '#d9534f', '#f0ad4e', '#5cb85c', '#8e6bbf', '#17a2b8', '#795548', '#e83e8c', '#6c757d'];
  const script = `
set terminal pngcairo size 1800,800 font "DejaVu Sans,11"
set output '${pngPath}'
set title "Warm extraction latency per format (median over the format's documents; log scale; lower is better; no bar: the engine does not read that format, or failed)\\n${results.meta.date.slice(0, 10)} · ${results.meta.quick ? 'QUICK run' : 'full run'} · ${results.meta.machine.cpu ?? ''}"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set boxwidth 0.9
set logscale y 10
set format y "%g"
set ylabel "milliseconds per call"
set yrange [0.001:*]
set grid ytics mytics lc rgb "#dddddd"
set key outside right top vertical Left reverse noenhanced
set datafile missing '-'
set xtics nomirror noenhanced
plot for [i=2:${engines.length + 1}] '${dat}' using i:xtic(1) title columnheader(i) lc rgb word("${colors.join(' ')}", i-1)
`;
  const gp = join(workDir, 'warm.gp');
  writeFileSync(gp, script);
  const r = spawnSync('gnuplot', [gp], { encoding: 'utf8' });
  if (r.error) return `gnuplot not available: ${r.error.message}`;
  if (r.status !== 0) return `gnuplot failed: ${r.stderr}`;
  return null;
}
