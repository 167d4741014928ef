// Starting the workers of a pool: Web Workers (module workers) in browsers, Deno and Bun,
// worker_threads in Node.js. node:worker_threads is imported dynamically and only outside the
// browser build, so a browser bundle never sees it. The worker scripts sit next to this file's
// bundle (dist/worker.browser.mjs, dist/worker.mjs); the literal `new Worker(new URL(...,
// import.meta.url), { type: 'module' })` is the form bundlers (Vite, webpack 5, Parcel) recognise
// and bundle as a worker.
import { isNode } from './loader.js';
import type { ReplyMessage } from './pool-protocol.js';

/** A started worker, as the pool sees it. */
export interface Endpoint {
  post(message: unknown, transfer: Transferable[]): void;
  terminate(): Promise<void>;
  /** Keep the process alive while the worker has work (Node.js); no-op elsewhere. */
  ref(): void;
  unref(): void;
}

/** What a worker tells the pool. */
export interface EndpointEvents {
  message(reply: ReplyMessage | { t: 'ready' } | { t: 'init-failed'; error: import('./pool-protocol.js').WireError }): void;
  /** The worker could not start, or stopped. */
  failed(error: Error): void;
}

/** Starts one worker. */
export type Spawn = (events: EndpointEvents) => Promise<Endpoint>;

interface WebWorkerLike {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

function webWorker(workerUrl: string | URL | undefined): WebWorkerLike {
  const W = (globalThis as { Worker?: new (url: string | URL, options?: { type?: 'module' | 'classic' }) => WebWorkerLike }).Worker;
  if (typeof W !== 'function') throw new Error('quarry-wasm: this runtime has no Web Workers, which createWorkerPool needs');
  if (workerUrl !== undefined) return new W(workerUrl, { type: 'module' });
  if (QUARRY_BROWSER) return new Worker(new URL('./worker.browser.mjs', import.meta.url), { type: 'module' }) as unknown as WebWorkerLike;
  return new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' }) as unknown as WebWorkerLike;
}

async function spawnWeb(events: EndpointEvents, workerUrl: string | URL | undefined): Promise<Endpoint> {
  const w = webWorker(workerUrl);
  w.onmessage = (e) => events.message(e.data as ReplyMessage);
  w.onerror = (e) => {
    e.preventDefault?.();
    events.failed(new Error(e.message || 'the worker script failed to load or threw'));
  };
  w.onmessageerror = () => events.failed(new Error('a message from the worker could not be read'));
  return {
    post: (m, t) => w.postMessage(m, t),
    terminate: async () => w.terminate(),
    ref: () => {},
    unref: () => {},
  };
}

async function spawnNode(events: EndpointEvents, workerUrl: string | URL | undefined): Promise<Endpoint> {
  const { Worker } = await import('node:worker_threads');
  const url = typeof workerUrl === 'string' && /^file:/i.test(workerUrl) ? new URL(workerUrl) : workerUrl;
  const w = new Worker(url ?? new URL('./worker.mjs', import.meta.url), { name: 'quarry-wasm' });
  w.on('message', (m) => events.message(m as ReplyMessage));
  w.on('error', (e) => events.failed(e));
  w.on('messageerror', (e) => events.failed(e));
  w.on('exit', (code) => events.failed(new Error(`the worker exited with code ${code}`)));
  return {
    post: (m, t) => w.postMessage(m, t),
    terminate: async () => {
      await w.terminate();
    },
    ref: () => w.ref(),
    unref: () => w.unref(),
  };
}

/** The spawner of this runtime. */
export function spawner(workerUrl: string | URL | undefined): Spawn {
  if (!QUARRY_BROWSER && isNode()) return (events) => spawnNode(events, workerUrl);
  return (events) => spawnWeb(events, workerUrl);
}
