// The package as users get it: `npm pack`, installed into an empty folder, works through
// require() and import, and its types check from both kinds of module. The browser build
// references no Node built-in.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { jsDir } from './helpers.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'quarry-pack-'));
const quiet = { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' } };

describe('npm package', () => {
  let tarball;
  let files;

  before(() => {
    const out = execFileSync(npm, ['pack', '--json', '--pack-destination', work], { ...quiet, cwd: jsDir }).toString();
    const info = JSON.parse(out)[0];
    tarball = join(work, info.filename);
    files = info.files.map((f) => f.path);
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--offline', tarball], { ...quiet, cwd: app });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('the tarball holds the builds, the types and every variant, and nothing else', () => {
    for (const f of ['package.json', 'dist/index.mjs', 'dist/index.cjs', 'dist/browser.mjs', 'dist/worker.mjs', 'dist/worker.browser.mjs', 'dist/types/index.d.ts']) {
      assert.ok(files.includes(f), f);
    }
    for (const v of ['core', 'pdf', 'office', 'full']) assert.ok(files.includes(`wasm/quarry-${v}.wasm`), v);
    for (const f of files) assert.match(f, /^(package\.json|dist\/|wasm\/quarry-\w+\.wasm$)/, f);
  });

  test('require() in CommonJS', () => {
    const app = join(work, 'app');
    writeFileSync(
      join(app, 'use.cjs'),
      `const q = require('quarry-wasm');
       q.init().then(async () => {
         const r = q.extractBytesSync(new TextEncoder().encode('from require'));
         const a = await q.extractBytes(new TextEncoder().encode('async too'));
         console.log(JSON.stringify([r.content, r.mimeType, a.content, typeof q.SharedBuffer, q.QuarryError.name]));
       });`,
    );
    const out = execFileSync(process.execPath, ['use.cjs'], { cwd: app }).toString();
    assert.deepEqual(JSON.parse(out), ['from require', 'text/plain', 'async too', 'function', 'QuarryError']);
  });

  test('import in an ES module', () => {
    const app = join(work, 'app');
    writeFileSync(
      join(app, 'use.mjs'),
      `import { init, extractBytes, extractBytesSync, supportedFormats } from 'quarry-wasm';
       const r = await extractBytes(new TextEncoder().encode('from import'));
       await init();
       const s = extractBytesSync(new TextEncoder().encode('sync'));
       console.log(JSON.stringify([r.content, s.content, supportedFormats().some((f) => f.name === 'text')]));`,
    );
    const out = execFileSync(process.execPath, ['use.mjs'], { cwd: app }).toString();
    assert.deepEqual(JSON.parse(out), ['from import', 'sync', true]);
  });

  test('the types check from ESM and CommonJS consumers', () => {
    const app = join(work, 'app');
    const code = (kind) => `import { batchExtractBytes, extractBytes, QuarryError, SharedBuffer, type ExtractionResult, type BatchEntry } from 'quarry-wasm';
      export function code(e: BatchEntry): string {
        return 'error' in e ? e.error.code : e.content;
      }
      export async function f(b: Uint8Array): Promise<string> {
        const r: ExtractionResult = await extractBytes(b, 'text/plain', { outputFormat: 'markdown', limits: { maxDepth: 10 } });
        const all: BatchEntry[] = await batchExtractBytes([{ data: b }]);
        const buf = await SharedBuffer.create(8);
        buf[Symbol.dispose]();
        try { await extractBytes(b); } catch (x) { if (x instanceof QuarryError) return x.code; }
        return r.content + all.map(code).join() + '${kind}';
      }\n`;
    writeFileSync(join(app, 'esm.mts'), code('esm'));
    writeFileSync(join(app, 'cjs.cts'), code('cjs'));
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, noEmit: true, lib: ['es2022', 'dom'], types: [] },
        files: ['esm.mts', 'cjs.cts'],
      }),
    );
    try {
      execFileSync(process.execPath, [join(jsDir, 'node_modules/typescript/bin/tsc'), '-p', app], { ...quiet, cwd: app });
    } catch (e) {
      assert.fail(`tsc: ${e.stdout}${e.stderr}`);
    }
  });

  test('the browser build references no Node built-in', () => {
    const browser = readFileSync(join(jsDir, 'dist/browser.mjs'), 'utf8');
    assert.doesNotMatch(browser, /node:|worker_threads|require\(|__dirname|process\.versions/);
    assert.match(browser, /new URL\("\.\.\/wasm\/quarry-core\.wasm", import\.meta\.url\)/);
    // The pool's worker in the form bundlers recognise, and the worker itself as clean.
    assert.match(browser, /new Worker\(new URL\("\.\/worker\.browser\.mjs", import\.meta\.url\), \{ type: "module" \}\)/);
    const worker = readFileSync(join(jsDir, 'dist/worker.browser.mjs'), 'utf8');
    assert.doesNotMatch(worker, /node:|worker_threads|require\(|__dirname|process\.versions/);
    const esm = readFileSync(join(jsDir, 'dist/index.mjs'), 'utf8');
    assert.doesNotMatch(esm, /^import .* from ["']node:/m, 'no static Node import in the ESM build');
    assert.ok(readdirSync(join(jsDir, 'dist/types')).includes('index.d.ts'));
  });

  test('a bundler packs the installed package for browsers with no configuration', async () => {
    // esbuild for the browser, nothing external: a Node built-in reachable from the browser
    // entry (or from its worker) fails the build.
    const { build } = await import('esbuild');
    const app = join(work, 'app');
    writeFileSync(
      join(app, 'page.mjs'),
      `import { extractBytes, createWorkerPool, SharedBuffer } from 'quarry-wasm';
       export const use = [extractBytes, createWorkerPool, SharedBuffer];`,
    );
    for (const entry of ['page.mjs', 'node_modules/quarry-wasm/dist/worker.browser.mjs']) {
      const r = await build({ absWorkingDir: app, entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
      assert.deepEqual(r.errors, []);
      assert.doesNotMatch(r.outputFiles[0].text, /node:/, entry);
    }
  });
});
