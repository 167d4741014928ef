// Deterministic scale documents (HTML and plain text, 1 KB … 50 MB) with their ground-truth text, in
// build/bench-data/. The same seed always gives the same bytes; files already there are kept.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manyPagePdf } from '../tools/pdf_writer.mjs';

const GENERATOR_VERSION = 2;

const WORDS = ('the of and to in is was for on that with as by at from this which be are it an or his ' +
  'document extraction quarry engine parser table section paragraph river mountain harbour library ' +
  'morning evening council budget report figure measure value result summary history science ' +
  'naïve café Zürich façade résumé über größer Ελλάδα данные 東京 データ').split(' ');

/** mulberry32: a small, fixed PRNG so the documents never change between runs or machines. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(r, min, max) {
  const n = min + Math.floor(r() * (max - min + 1));
  const w = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(r() * WORDS.length)]);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return w.join(' ') + '.';
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An HTML page of about `size` bytes: head with style, navigation, sections with headings,
 *  paragraphs with inline markup and entities, lists, tables and a script; plus its visible text. */
function html(size, seed) {
  const r = rng(seed);
  const parts = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Scale document</title>\n',
    '<style>body{font-family:serif} .note{color:#555} table td{padding:2px}</style></head>\n<body>\n',
    '<nav><a href="/">Home</a> | <a href="/about">About</a></nav>\n'];
  const text = ['Scale document', 'Home | About'];
  let bytes = parts.join('').length;
  let section = 0;
  while (bytes < size - 64) {
    let chunk;
    const kind = r();
    if (kind < 0.08) {
      const h = `Section ${++section}: ${sentence(r, 2, 5)}`;
      chunk = `<h2 id="s${section}">${escape(h)}</h2>\n`;
      text.push(h);
    } else if (kind < 0.16) {
      const items = [sentence(r, 3, 8), sentence(r, 3, 8), sentence(r, 3, 8)];
      chunk = `<ul>\n${items.map((i) => `  <li>${escape(i)}</li>`).join('\n')}\n</ul>\n`;
      text.push(...items);
    } else if (kind < 0.2) {
      const rows = [];
      for (let i = 0; i < 3; i++) rows.push([sentence(r, 1, 2), String(Math.floor(r() * 1000)), sentence(r, 1, 3)]);
      chunk = `<table>\n${rows.map((c) => `<tr>${c.map((x) => `<td>${escape(x)}</td>`).join('')}</tr>`).join('\n')}\n</table>\n`;
      text.push(...rows.flat());
    } else if (kind < 0.22) {
      chunk = '<script>window.dataLayer = window.dataLayer || []; function track(e){ dataLayer.push(e) }</script>\n';
    } else {
      const a = sentence(r, 4, 14), b = sentence(r, 2, 6), c = sentence(r, 4, 14);
      chunk = `<p class="note">${escape(a)} <strong>${escape(b)}</strong> &amp; <a href="#s${section}">${escape(c)}</a> &eacute;t&eacute; &#8212; end.</p>\n`;
      text.push(`${a} ${b} & ${c} été — end.`);
    }
    parts.push(chunk);
    bytes += Buffer.byteLength(chunk);
  }
  parts.push('</body></html>\n');
  return { data: parts.join(''), text: text.join('\n') + '\n' };
}

/** Plain text of about `size` bytes in paragraphs; its own ground truth. */
function text(size, seed) {
  const r = rng(seed);
  const parts = [];
  let bytes = 0;
  while (bytes < size - 2) {
    const lines = [];
    const n = 1 + Math.floor(r() * 5);
    for (let i = 0; i < n; i++) lines.push(sentence(r, 6, 16));
    const chunk = lines.join(' ') + '\n\n';
    parts.push(chunk);
    bytes += Buffer.byteLength(chunk);
  }
  const data = parts.join('');
  return { data, text: data };
}

const SIZES = { '1KB': 1 << 10, '10KB': 10 << 10, '100KB': 100 << 10, '1MB': 1 << 20, '10MB': 10 << 20, '50MB': 50 << 20 };

/**
 * Writes the scale documents for `labels` (keys of SIZES) into `dir`; returns their descriptions
 * {name, path, gt, format, label, bytes}.
 */
export function generate(dir, labels, pdfPages = []) {
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (const label of labels) {
    for (const [format, ext, make, seed] of [['html', 'html', html, 11], ['txt', 'txt', text, 23]]) {
      const name = `scale_${label}.${ext}`;
      const path = join(dir, name);
      const gt = `${path}.gt.txt`;
      const stamp = `${path}.v${GENERATOR_VERSION}`;
      if (!existsSync(stamp) || !existsSync(path) || !existsSync(gt)) {
        const doc = make(SIZES[label], seed + SIZES[label]);
        writeFileSync(path, doc.data);
        writeFileSync(gt, doc.text);
        writeFileSync(stamp, '');
      }
      out.push({ name, path, gt, format, label, bytes: statSync(path).size });
    }
  }
  // Many-page PDFs (text on every page), for PDF throughput and streaming at scale.
  for (const pages of pdfPages) {
    const name = `pages_${pages}.pdf`;
    const path = join(dir, name);
    const gt = `${path}.gt.txt`;
    if (!existsSync(path) || !existsSync(gt)) {
      writeFileSync(path, manyPagePdf(pages));
      writeFileSync(gt, manyPageText(pages));
    }
    out.push({ name, path, gt, format: 'pdf', label: `${pages} pages`, bytes: statSync(path).size });
  }
  // The fixed per-call cost: an empty document and a one-line one.
  for (const [name, body] of [['empty.txt', ''], ['tiny.txt', 'Hello, world.\n']]) {
    const path = join(dir, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== body) writeFileSync(path, body);
    out.push({ name, path, gt: null, format: 'txt', label: name === 'empty.txt' ? 'empty' : 'tiny', bytes: body.length, fixed: true });
  }
  return out;
}

export const SCALE_LABELS = Object.keys(SIZES);

/** The text of manyPagePdf(count): what any extractor should find. */
function manyPageText(count) {
  const words = 'the quick brown fox jumps over a lazy dog while seven wizards quietly judge boxing matches'.split(' ');
  const out = [];
  for (let p = 1; p <= count; p++) {
    out.push(`Page ${p} of ${count}`);
    for (let l = 0; l < 40; l++) {
      const line = [];
      for (let w = 0; w < 9; w++) line.push(words[(p * 7 + l * 3 + w * 5) % words.length]);
      out.push(line.join(' '));
    }
  }
  return out.join('\n') + '\n';
}
