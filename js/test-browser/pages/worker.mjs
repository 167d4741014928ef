// A module Web Worker that uses quarry-wasm directly (no pool): the test page sends documents,
// the worker answers with what it extracted, sync and async, and which variants it loaded.
import * as q from '../../dist/browser.mjs';

const enc = new TextEncoder();

function describeError(e) {
  return { name: e?.name, code: e?.code, message: String(e?.message ?? e), isQuarryError: e instanceof q.QuarryError };
}

self.onmessage = async (e) => {
  const out = [];
  for (const d of e.data.docs) {
    try {
      const r = await q.extractBytes(enc.encode(d.text), d.mimeType, d.config);
      out.push({ result: r });
    } catch (err) {
      out.push({ error: describeError(err) });
    }
  }
  // The synchronous API works in a worker once init() has run.
  await q.init();
  const sync = q.extractBytesSync(enc.encode('sync in a worker')).content;
  self.postMessage({ out, sync, variants: q.__debug.loadedVariants(), isWorker: typeof WorkerGlobalScope === 'function' });
};
self.postMessage('ready');
