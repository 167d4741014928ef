// The demo: pick or drop a file, see its text or Markdown, metadata, tables and how long the
// extraction took, on this page's thread or in a worker of a pool. It uses quarry-wasm exactly as
// an application would, through its package name.
import { createWorkerPool, extractBytes, init, QuarryError, supportedFormats } from 'quarry-wasm';
import pkg from 'quarry-wasm/package.json';

const $ = (id) => document.getElementById(id);
const state = { name: '', bytes: null, pool: null, runs: 0 };

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatMs(ms) {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

function showValue(v) {
  if (Array.isArray(v)) return v.join(', ');
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function renderMetadata(metadata) {
  const table = $('metadata');
  table.replaceChildren();
  const entries = Object.entries(metadata);
  if (!entries.length) {
    table.innerHTML = '<tr><td class="none">none</td></tr>';
    return;
  }
  for (const [key, value] of entries) {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.textContent = key;
    tr.append(th);
    tr.insertCell().textContent = showValue(value);
  }
}

function renderTables(tables) {
  const box = $('tables');
  box.replaceChildren();
  $('table-count').textContent = tables.length ? `(${tables.length})` : '';
  if (!tables.length) {
    box.innerHTML = '<p class="none">none</p>';
    return;
  }
  for (const t of tables.slice(0, 10)) {
    const table = document.createElement('table');
    table.className = 'grid';
    t.cells.slice(0, 50).forEach((row, i) => {
      const tr = table.insertRow();
      for (const cell of row) {
        const c = document.createElement(i === 0 ? 'th' : 'td');
        c.textContent = cell;
        tr.append(c);
      }
    });
    box.append(table);
  }
}

function renderWarnings(warnings) {
  $('warnings-section').hidden = warnings.length === 0;
  $('warnings').replaceChildren(
    ...warnings.map((w) => {
      const li = document.createElement('li');
      li.textContent = `${w.code}: ${w.message}`;
      return li;
    }),
  );
}

function addHistory(text) {
  const li = document.createElement('li');
  li.textContent = text;
  const list = $('history');
  list.prepend(li);
  while (list.children.length > 8) list.lastChild.remove();
}

function showError(e) {
  const box = $('error');
  box.hidden = false;
  box.textContent = e instanceof QuarryError ? `${e.code}: ${e.message}` : String(e?.message ?? e);
}

async function run() {
  if (!state.bytes) return;
  const markdown = $('format-markdown').checked;
  const inWorker = $('use-worker').checked;
  const config = { outputFormat: markdown ? 'markdown' : 'plain' };
  $('error').hidden = true;
  document.body.classList.add('busy');
  try {
    if (inWorker && !state.pool) state.pool = createWorkerPool({ size: 1 });
    const t0 = performance.now();
    // The pool moves the bytes it is given to the worker: give it a copy, we keep ours.
    const result = inWorker
      ? await state.pool.extractBytes(state.bytes.slice(), state.name, config)
      : await extractBytes(state.bytes, state.name, config);
    const ms = performance.now() - t0;
    state.runs++;
    $('content-title').textContent = markdown ? 'Markdown' : 'Text';
    $('content').textContent = result.content;
    $('mime').textContent = result.mimeType;
    $('timing').textContent = `${formatMs(ms)} (${inWorker ? 'in a worker' : 'on the page'})`;
    renderMetadata(result.metadata);
    renderTables(result.tables);
    renderWarnings(result.warnings);
    addHistory(`${state.name} · ${markdown ? 'Markdown' : 'plain'} · ${formatMs(ms)} · ${inWorker ? 'worker' : 'page'}`);
    $('results').hidden = false;
    document.body.dataset.runs = String(state.runs);
  } catch (e) {
    $('results').hidden = true;
    showError(e);
  } finally {
    document.body.classList.remove('busy');
  }
}

async function open(file) {
  state.name = file.name;
  state.bytes = new Uint8Array(await file.arrayBuffer());
  $('file-name').textContent = file.name;
  $('file-size').textContent = formatBytes(file.size);
  $('summary').hidden = false;
  await run();
}

$('file-input').addEventListener('change', (e) => {
  const f = e.target.files?.[0];
  if (f) open(f);
});
for (const id of ['format-plain', 'format-markdown', 'use-worker']) $(id).addEventListener('change', run);

const drop = $('drop');
for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
}
for (const type of ['dragleave', 'drop']) drop.addEventListener(type, () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  const f = e.dataTransfer?.files?.[0];
  if (f) open(f);
});

// Load the module now, so the first extraction's time is the extraction's alone.
const t0 = performance.now();
init()
  .then(() => {
    $('load-timing').textContent = formatMs(performance.now() - t0);
    $('version').textContent = pkg.version;
    const exts = supportedFormats()
      .filter((f) => f.loaded)
      .flatMap((f) => f.extensions.slice(0, 2));
    $('formats').textContent = `.${exts.join(' .')}`;
    $('file-input').accept = exts.map((x) => `.${x}`).join(',');
    document.body.dataset.ready = 'true';
  })
  .catch(showError);
