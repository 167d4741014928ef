// The demo's build. Nothing here is about quarry-wasm: the package needs no bundler settings.
// `base: './'` only makes the built page work from any folder (the tests serve it from web/dist/).
export default {
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
};
