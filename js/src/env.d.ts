// Build-time constants (build.mjs defines them) and the Node modules the package may load
// dynamically. Kept minimal so the package needs no Node type definitions.

/** True in the browser builds (dist/browser.mjs, dist/worker.browser.mjs): the Node-only paths
 *  are removed from them. */
declare const QUARRY_BROWSER: boolean;

declare module 'node:fs/promises' {
  export function readFile(path: string | URL): Promise<Uint8Array>;
}

declare module 'node:worker_threads' {
  interface NodePort {
    postMessage(message: unknown, transfer?: readonly unknown[]): void;
    on(event: 'message', listener: (message: unknown) => void): this;
  }
  export class Worker implements NodePort {
    constructor(url: string | URL, options?: { name?: string });
    postMessage(message: unknown, transfer?: readonly unknown[]): void;
    on(event: 'message', listener: (message: unknown) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'messageerror', listener: (error: Error) => void): this;
    on(event: 'exit', listener: (exitCode: number) => void): this;
    terminate(): Promise<number>;
    ref(): void;
    unref(): void;
  }
  export const parentPort: NodePort | null;
}
