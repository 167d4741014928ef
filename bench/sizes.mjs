// Binary sizes: every Quarry .wasm variant and the peers' .wasm/.node files, raw and `gzip -9`.
// gzip results are cached by (path, size, mtime) because the peers' binaries are up to 90 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ENGINES, PEERS_DIR, ROOT } from './peers/adapters.mjs';

function gzipSize(path) {
  const r = spawnSync('gzip', ['-9', '-c', path], { maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`gzip failed on ${path}`);
  return r.stdout.length;
}

function findBinaries(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') findBinaries(p, out);
    else if (e.isFile() && /\.(wasm|node)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** [{engine, file, raw_bytes, gzip_bytes}] for Quarry's variants and every peer's binaries. */
export function measureSizes(cachePath) {
  const cache = existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, 'utf8')) : {};
  const rows = [];
  const add = (engine, path, base) => {
    const st = statSync(path);
    const key = `${path}:${st.size}:${st.mtimeMs}`;
    if (cache[key] == null) cache[key] = gzipSize(path);
    rows.push({ engine, file: relative(base, path), raw_bytes: st.size, gzip_bytes: cache[key] });
  };
  const wasmDir = join(ROOT, 'js', 'wasm');
  if (existsSync(wasmDir)) {
    for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')).sort()) add('quarry-wasm', join(wasmDir, f), ROOT);
  }
  for (const e of ENGINES) {
    for (const pkg of e.packages ?? []) {
      for (const f of findBinaries(join(PEERS_DIR, 'node_modules', pkg)).sort()) add(e.name, f, join(PEERS_DIR, 'node_modules'));
    }
  }
  writeFileSync(cachePath, JSON.stringify(cache));
  return rows;
}

function dirBytes(dir) {
  let n = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += e.name === 'node_modules' ? 0 : dirBytes(p);
    else if (e.isFile()) n += statSync(p).size;
  }
  return n;
}

/** Installed size of each engine's own packages (their dependencies not counted). */
export function packageSizes() {
  const out = {};
  const js = join(ROOT, 'js');
  if (existsSync(join(js, 'dist'))) out['quarry-wasm'] = dirBytes(join(js, 'dist')) + dirBytes(join(js, 'wasm'));
  for (const e of ENGINES) {
    if (e.packages) out[e.name] = e.packages.reduce((a, p) => a + dirBytes(join(PEERS_DIR, 'node_modules', p)), 0);
  }
  return out;
}
