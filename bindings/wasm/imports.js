// The functions the module imports from JavaScript (module "env"). Declaring them here tells the
// Emscripten linker they exist; the standalone .wasm has no Emscripten glue, so these bodies are
// never used: js/src/loader.ts provides the real implementations.
mergeInto(LibraryManager.library, {
  quarry_on_content: function (ptr, len) {},
});
