// The same extraction natively and in WebAssembly gives byte-identical content (or the same
// failure): every corpus file whose format the loaded module has, the repository's samples, and
// a few generated documents. The native side is the release CLI (build/release/bin/quarry):
// `--json` when it supports it, else its text output (content + "\n").
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as q from '../dist/index.mjs';
import { corpusDir, enc, filesUnder, nativeCli, repoDir } from './helpers.mjs';

const cli = nativeCli();
const tmp = mkdtempSync(join(tmpdir(), 'quarry-parity-'));

/** Runs the native CLI on a file: {ok, content} or {ok: false, code?}. */
function native(file, json) {
  const r = spawnSync(cli, json ? ['--json', file] : [file], { maxBuffer: 1 << 30 });
  const out = r.stdout.toString('utf8');
  if (json) {
    let doc;
    try {
      doc = JSON.parse(out);
    } catch {
      doc = undefined;
    }
    if (r.status !== 0 || !doc || typeof doc.content !== 'string') {
      const code = doc?.code ?? doc?.error?.code;
      return { ok: false, code, stderr: r.stderr.toString() };
    }
    return { ok: true, content: doc.content, doc };
  }
  if (r.status !== 0) return { ok: false, stderr: r.stderr.toString() };
  assert.ok(out.endsWith('\n'), `${file}: the CLI ends its output with a newline`);
  return { ok: true, content: out.slice(0, -1) };
}

// Whether the CLI has --json: the temporary CLI treats it as a file name and prints no JSON.
function cliHasJson() {
  const probe = join(tmp, 'probe.txt');
  writeFileSync(probe, 'probe');
  const r = spawnSync(cli, ['--json', probe]);
  try {
    return typeof JSON.parse(r.stdout.toString()).content === 'string';
  } catch {
    return false;
  }
}

// Documents we make ourselves, in the encodings and line endings the text extractor handles.
function generated() {
  const files = {
    'crlf.txt': enc('one\r\ntwo\r\n\r\nthree\r'),
    'utf16le.txt': new Uint8Array([0xff, 0xfe, ...[...'UTF-16 text\nsecond'].flatMap((c) => [c.charCodeAt(0), 0])]),
    'utf16be.txt': new Uint8Array([0xfe, 0xff, ...[...'big endian'].flatMap((c) => [0, c.charCodeAt(0)])]),
    'cp1252.txt': new Uint8Array([0x93, 0x71, 0x75, 0x6f, 0x74, 0x65, 0x94, 0x20, 0x80, 0x0a]),
    'invalid-utf8.txt': new Uint8Array([...enc('x'.repeat(70_000)), 0xc3, 0x28, 0xff, ...enc(' end')]),
    'bom.txt': new Uint8Array([0xef, 0xbb, 0xbf, ...enc('with a BOM  \n\n')]),
    'unicode.txt': enc('Grüße 日本語 🎉\ttab\u2028sep\n'),
    'empty.txt': new Uint8Array(0),
    'big.txt': enc('line of text with words\n'.repeat(50_000)),
  };
  return Object.entries(files).map(([name, bytes]) => {
    const p = join(tmp, name);
    writeFileSync(p, bytes);
    return p;
  });
}

describe('native and WebAssembly give the same content', { skip: cli ? false : 'no native CLI (make build)' }, () => {
  let json = false;
  let extensions;

  before(async () => {
    await q.init();
    json = cliHasJson();
    extensions = new Set(q.supportedFormats().filter((f) => f.loaded).flatMap((f) => f.extensions));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  async function compare(file) {
    const n = native(file, json);
    let w;
    try {
      w = { ok: true, result: await q.extractFile(file) };
    } catch (e) {
      if (!(e instanceof q.QuarryError)) throw e;
      w = { ok: false, error: e };
    }
    assert.equal(w.ok, n.ok, `${file}: native ${n.ok ? 'succeeded' : 'failed: ' + (n.stderr ?? n.code)}, wasm ${w.ok ? 'succeeded' : 'failed: ' + w.error.message}`);
    if (!n.ok) {
      if (n.code) assert.equal(w.error.code, n.code, file);
      return 'error';
    }
    assert.ok(w.result.content === n.content, `${file}: content differs (native ${n.content.length} chars, wasm ${w.result.content.length})`);
    if (json) {
      for (const key of ['mimeType', 'metadata', 'tables', 'warnings']) {
        if (key in n.doc) assert.deepEqual(w.result[key], n.doc[key], `${file}: ${key}`);
      }
    }
    return 'same';
  }

  test('corpus files of the loaded formats', async (t) => {
    const dir = corpusDir();
    if (!dir) {
      t.skip('no corpus (set QUARRY_CORPUS)');
      return;
    }
    const files = filesUnder(dir).filter((f) => extensions.has(extname(f).slice(1).toLowerCase()));
    assert.ok(files.some((f) => f.endsWith('.txt')), 'the corpus has text files');
    const seen = { same: 0, error: 0 };
    for (const f of files) seen[await compare(f)]++;
    t.diagnostic(`${files.length} corpus files (${json ? '--json' : 'text'} mode): ${seen.same} identical, ${seen.error} failing alike`);
    assert.ok(seen.same >= 3);
  });

  test('samples and generated documents', async (t) => {
    const samples = join(repoDir, 'samples');
    const files = [
      ...(existsSync(samples) ? filesUnder(samples).filter((f) => extensions.has(extname(f).slice(1).toLowerCase())) : []),
      ...generated(),
    ];
    let same = 0;
    for (const f of files) if ((await compare(f)) === 'same') same++;
    t.diagnostic(`${files.length} files, ${same} identical: ${files.map((f) => basename(f)).join(' ')}`);
    assert.ok(same >= 8);
  });
});
