// Builds dist/: index.mjs (ESM), index.cjs (CommonJS) and browser.mjs (ESM without the Node.js
// paths), bundled from src/ by esbuild, the worker pool's scripts worker.mjs (Node.js, Deno) and
// worker.browser.mjs, plus the .d.ts files from tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });

const common = {
  entryPoints: [join(here, 'src/index.ts')],
  bundle: true,
  target: 'es2022',
  minifySyntax: true,
  legalComments: 'none',
  external: ['node:*'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, outfile: join(dist, 'index.mjs'), format: 'esm', platform: 'neutral', define: { QUARRY_BROWSER: 'false' } }),
  build({
    ...common,
    outfile: join(dist, 'index.cjs'),
    format: 'cjs',
    platform: 'node',
    define: { QUARRY_BROWSER: 'false', 'import.meta.url': '__quarry_module_url' },
    banner: { js: 'const __quarry_module_url = require("node:url").pathToFileURL(__filename).href;' },
  }),
  build({ ...common, outfile: join(dist, 'browser.mjs'), format: 'esm', platform: 'browser', define: { QUARRY_BROWSER: 'true' } }),
  build({ ...common, entryPoints: [join(here, 'src/worker.ts')], outfile: join(dist, 'worker.mjs'), format: 'esm', platform: 'neutral', define: { QUARRY_BROWSER: 'false' } }),
  build({ ...common, entryPoints: [join(here, 'src/worker.ts')], outfile: join(dist, 'worker.browser.mjs'), format: 'esm', platform: 'browser', define: { QUARRY_BROWSER: 'true' } }),
]);

execFileSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '-p', here, '--emitDeclarationOnly', '--outDir', join(dist, 'types')], {
  stdio: 'inherit',
});
