// The script each worker of a pool runs (dist/worker.mjs for Node.js and Deno, dist/worker.browser.mjs
// for browsers): one single-threaded module, loaded from the module the pool compiled once, and the
// same calls as on the main thread. Answers in the order the calls end.
import { batchExtractBytes } from './batch.js';
import { extractBytes, extractFile } from './extract.js';
import { init } from './init.js';
import { isNode } from './loader.js';
import { toWire, type CallMessage, type InitMessage, type WireEntry } from './pool-protocol.js';
import { QuarryError } from './errors.js';

interface Port {
  post(message: unknown): void;
}

let ready: Promise<void> | undefined;

async function handle(port: Port, msg: InitMessage | CallMessage): Promise<void> {
  if (msg.t === 'init') {
    const urls = msg.urls ?? {};
    ready = init({
      variant: msg.variant,
      wasmModule: msg.module,
      locateFile: Object.keys(urls).length ? (file, variant) => urls[variant] ?? file : undefined,
    });
    try {
      await ready;
      port.post({ t: 'ready' });
    } catch (e) {
      port.post({ t: 'init-failed', error: toWire(e) });
    }
    return;
  }
  try {
    if (!ready) throw new Error('quarry-wasm worker: a call came before init');
    await ready;
    let result: unknown;
    switch (msg.op) {
      case 'extractBytes':
        result = await extractBytes(msg.data, msg.mimeType, msg.config);
        break;
      case 'batchExtractBytes': {
        const entries = await batchExtractBytes(msg.items, msg.config);
        result = entries.map((e): WireEntry => ('error' in e ? { error: toWire(e.error as QuarryError) } : e));
        break;
      }
      case 'extractFile':
        result = await extractFile(msg.isUrl ? new URL(msg.file as string) : msg.file, msg.mimeType, msg.config);
        break;
      case '__crash':
        setTimeout(() => {
          throw new Error('test crash');
        });
        return;
    }
    port.post({ t: 'done', id: msg.id, result });
  } catch (e) {
    port.post({ t: 'fail', id: msg.id, error: toWire(e) });
  }
}

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

if (!QUARRY_BROWSER && isNode()) {
  // Node.js: the parent port buffers messages until the listener is attached.
  import('node:worker_threads').then(({ parentPort }) => {
    const port: Port = { post: (m) => parentPort!.postMessage(m) };
    parentPort!.on('message', (m) => void handle(port, m as InitMessage | CallMessage));
  });
} else {
  // Listening synchronously: messages that arrive while the module evaluates are not lost.
  const scope = globalThis as unknown as WorkerScope;
  const port: Port = { post: (m) => scope.postMessage(m) };
  scope.addEventListener('message', (e) => void handle(port, e.data as InitMessage | CallMessage));
}
