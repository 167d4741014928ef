// The variants: each .wasm reports its own format list; init() options; the smallest loaded
// variant that has a format does the work, and other variants load on first need.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import * as q from '../dist/index.mjs';
import { enc, expectCode, repoDir, wasmDir } from './helpers.mjs';

const { QuarryError, __debug } = q;
const VARIANTS = ['core', 'pdf', 'office', 'full'];
const GROUPS = { core: ['core'], pdf: ['core', 'pdf'], office: ['core', 'office'], full: ['core', 'pdf', 'office'] };
// What the source tree has: the same test the CMake build uses to add the format folders (the
// office group is compiled folder by folder; odt/ods/odp share src/formats/odf).
const FOLDER = { odt: 'odf', ods: 'odf', odp: 'odf' };
const compiledFrom = (f) =>
  f.group === 'core' || existsSync(join(repoDir, 'src/formats', f.group === 'pdf' ? 'pdf' : FOLDER[f.name] ?? f.name));
const hello = enc('variant text');

describe('variants', () => {
  for (const variant of VARIANTS) {
    test(`${variant}: the module reports exactly its own formats`, async () => {
      __debug.unloadAll();
      await q.init({ variant });
      assert.deepEqual(__debug.loadedVariants(), [variant]);
      const catalog = __debug.catalog(variant);
      assert.ok(catalog.length >= 18, 'every known format is in the catalog');
      const expected = catalog.filter((f) => GROUPS[variant].includes(f.group) && compiledFrom(f)).map((f) => f.name);
      assert.deepEqual(__debug.compiledFormats(variant), expected);
      assert.ok(expected.includes('text'));
      for (const f of catalog) {
        // Which variants have a format follows from its group and the sources, whichever module says it.
        const want = compiledFrom(f) ? VARIANTS.filter((v) => GROUPS[v].includes(f.group)) : [];
        assert.deepEqual(f.variants, want, f.name);
      }
      assert.equal(q.extractBytesSync(hello).content, 'variant text');
    });
  }

  test('init options: wasmBinary, wasmModule, locateFile', async () => {
    __debug.unloadAll();
    await q.init({ variant: 'office', wasmBinary: readFileSync(join(wasmDir, 'quarry-office.wasm')) });
    assert.deepEqual(__debug.loadedVariants(), ['office']);
    const mod = await WebAssembly.compile(readFileSync(join(wasmDir, 'quarry-pdf.wasm')));
    await q.init({ variant: 'pdf', wasmModule: mod });
    assert.deepEqual(__debug.loadedVariants(), ['pdf', 'office']);
    __debug.unloadAll();
    const dir = mkdtempSync(join(tmpdir(), 'quarry-wasm-'));
    try {
      copyFileSync(join(wasmDir, 'quarry-core.wasm'), join(dir, 'quarry-core.wasm'));
      const asked = [];
      await q.init({
        locateFile: (file, variant) => {
          asked.push([file, variant]);
          return pathToFileURL(join(dir, file));
        },
      });
      assert.deepEqual(asked, [['quarry-core.wasm', 'core']]);
      assert.equal(q.extractBytesSync(hello).content, 'variant text');
      // A plain path works as well as a file: URL; the function is kept for later variants.
      copyFileSync(join(wasmDir, 'quarry-office.wasm'), join(dir, 'quarry-office.wasm'));
      await q.init({ variant: 'office', locateFile: (file) => join(dir, file) });
      assert.deepEqual(__debug.loadedVariants(), ['core', 'office']);
    } finally {
      rmSync(dir, { recursive: true });
    }
    // The wrong file for a variant is refused.
    __debug.unloadAll();
    await assert.rejects(() => q.init({ variant: 'pdf', wasmBinary: readFileSync(join(wasmDir, 'quarry-core.wasm')) }), /contains the 'core' variant/);
    // A missing file fails, and a later init can still succeed.
    await assert.rejects(() => q.init({ variant: 'full', locateFile: () => pathToFileURL('/nonexistent/quarry-full.wasm') }), /ENOENT/);
    __debug.unloadAll();
    await q.init({ variant: 'full' });
    assert.deepEqual(__debug.loadedVariants(), ['full']);
  });

  test('the smallest loaded variant does the work; nothing else is loaded for core formats', async () => {
    __debug.unloadAll();
    await q.init({ variant: 'full' });
    assert.equal((await q.extractBytes(hello)).content, 'variant text');
    await q.loadFormat('text');
    assert.deepEqual(__debug.loadedVariants(), ['full']);
    await q.init();
    assert.deepEqual(__debug.loadedVariants(), ['core', 'full']);
    const buf = await q.SharedBuffer.create(12, { variant: 'full' });
    buf.write(hello);
    assert.equal((await q.extractShared(buf, 12)).content, 'variant text');
    buf.free();
    await expectCode(() => q.SharedBuffer.create(8, { variant: 'tiny' }), 'INVALID_ARGUMENT', QuarryError);
  });

  test('async calls load a format\'s variant on first need', async (t) => {
    __debug.unloadAll();
    await q.init();
    const other = q.supportedFormats().find((f) => f.group !== 'core');
    if (!other) {
      t.skip('no PDF or office format in this source tree yet');
      return;
    }
    const info = await q.loadFormat(other.name);
    assert.equal(info.loaded, true);
    assert.ok(__debug.loadedVariants().includes(other.variants[0]));
  });
});
