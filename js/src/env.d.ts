// Build-time constants (build.mjs defines them) and the one Node module the package may load
// dynamically. Kept minimal so the package needs no Node type definitions.

/** True in the browser build (dist/browser.mjs): the Node-only paths are removed from it. */
declare const QUARRY_BROWSER: boolean;

declare module 'node:fs/promises' {
  export function readFile(path: string | URL): Promise<Uint8Array>;
}
