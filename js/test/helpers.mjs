// Shared by the Node tests: paths, the package under test (the built dist/, on the real .wasm),
// and small utilities.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const jsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = resolve(jsDir, '..');
export const wasmDir = join(jsDir, 'wasm');

/** The shared corpus: $QUARRY_CORPUS, else ../shared/corpus beside the repository. */
export function corpusDir() {
  for (const c of [process.env.QUARRY_CORPUS, join(repoDir, '..', 'shared', 'corpus'), '/work/shared/corpus']) {
    if (c && existsSync(c)) return c;
  }
  return undefined;
}

/** The native CLI of the release build, when it exists. */
export function nativeCli() {
  const p = process.env.QUARRY_CLI ?? join(repoDir, 'build', 'release', 'bin', 'quarry');
  return existsSync(p) ? p : undefined;
}

/** Every file under `dir` (recursively), skipping `_ground_truth` folders. */
export function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === '_ground_truth' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

export const enc = (s) => new TextEncoder().encode(s);

let base = '';

/** A plain text document of exactly `bytes` bytes (ASCII words and newlines), whose content is
 *  itself. */
export function textDoc(bytes, seed = 0) {
  if (!base) {
    const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda'];
    const parts = [];
    for (let i = 0, n = 0; n < 1 << 20; i++) {
      const w = words[(i * 7) % words.length] + (i % 13 === 12 ? '\n' : ' ');
      parts.push(w);
      n += w.length;
    }
    base = parts.join('');
  }
  const start = (seed * 4099) % 65536;
  let s = base.slice(start, start + bytes);
  while (s.length < bytes) s += base.slice(0, bytes - s.length);
  // Letters at both ends, so the content is the document itself (nothing trimmed).
  if (bytes >= 2) s = 'x' + s.slice(1, -1) + 'x';
  return enc(s);
}

/** Lets finalizers run: collect garbage and yield to the event loop a few times. */
export async function collectGarbage() {
  for (let i = 0; i < 10; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Asserts that `f` rejects/throws a QuarryError with `code`; returns it. */
export async function expectCode(f, code, QuarryError) {
  let err;
  try {
    await f();
  } catch (e) {
    err = e;
  }
  if (!err) throw new Error(`expected ${code}, nothing was thrown`);
  if (!(err instanceof QuarryError)) throw new Error(`expected a QuarryError ${code}, got ${err?.stack ?? err}`);
  if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`);
  return err;
}
