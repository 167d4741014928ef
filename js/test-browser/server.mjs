// A small static file server for the browser tests, bound to 127.0.0.1 on a free port. It serves
// the repository (read-only, nothing outside it), sends the right MIME type for .wasm (so
// WebAssembly.compileStreaming works) and for modules, forbids caching (every page load fetches
// again, so the request log tells what a page loaded), and logs every request.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.yaml': 'application/yaml',
  '.toml': 'application/toml',
  '.map': 'application/json',
};

/** Starts serving `root`. Resolves to { url, log, requests(pattern), clear(), close() }; `log`
 *  holds { method, path, status, type } per request, in order. */
export function startServer(root) {
  const base = resolve(root);
  const log = [];
  const server = createServer((req, res) => {
    const entry = { method: req.method, path: '', status: 0, type: '' };
    log.push(entry);
    const done = (status, type) => {
      entry.status = status;
      entry.type = type ?? '';
    };
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      path = '/';
    }
    entry.path = path;
    let file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      done(403);
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const size = statSync(file).size;
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      done(200, type);
      res.writeHead(200, { 'content-type': type, 'content-length': size, 'cache-control': 'no-store' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      done(404);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolveStart, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolveStart({
        url: `http://127.0.0.1:${port}`,
        log,
        /** The logged requests whose path matches. */
        requests: (pattern) => log.filter((e) => pattern.test(e.path)),
        clear: () => {
          log.length = 0;
        },
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
