// The documents the browser tests extract, and what the Node.js build of the same .wasm makes of
// them (the browser must give exactly the same results).
import * as q from '../dist/index.mjs';

export const HTML = `<!doctype html>
<html><head><title>Quarry page</title></head>
<body><h1>Heading one</h1><p>First <b>bold</b> paragraph with a <a href="https://example.com/">link</a>.</p>
<ul><li>alpha</li><li>beta</li></ul>
<table><tr><th>name</th><th>qty</th></tr><tr><td>bolts</td><td>12</td></tr></table></body></html>`;

export const MARKDOWN = `# Notes

Some *emphasis* and a [link](https://example.com).

- first item
- second item

| a | b |
|---|---|
| 1 | 2 |
`;

export const TEXT = 'Plain text in a browser\r\nsecond line\n';

/** What Node.js extracts, for comparison. */
export async function nodeResult(text, mimeType, config) {
  await q.init();
  return q.extractBytesSync(new TextEncoder().encode(text), mimeType, config);
}
