// The document formats the bench knows: the corpus folder name → MIME type, and the Quarry group
// (the smallest wasm variant that will contain it, DESIGN.md).

/** format → {mime, group} */
export const FORMATS = {
  txt: { mime: 'text/plain', group: 'core' },
  html: { mime: 'text/html', group: 'core' },
  markdown: { mime: 'text/markdown', group: 'core' },
  csv: { mime: 'text/csv', group: 'core' },
  tsv: { mime: 'text/tab-separated-values', group: 'core' },
  json: { mime: 'application/json', group: 'core' },
  xml: { mime: 'application/xml', group: 'core' },
  yaml: { mime: 'application/x-yaml', group: 'core' },
  toml: { mime: 'application/toml', group: 'core' },
  pdf: { mime: 'application/pdf', group: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', group: 'office' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', group: 'office' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', group: 'office' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', group: 'office' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', group: 'office' },
  epub: { mime: 'application/epub+zip', group: 'office' },
  rtf: { mime: 'application/rtf', group: 'office' },
  eml: { mime: 'message/rfc822', group: 'office' },
};

/** The MIME type for a file of a format; macro-enabled OOXML files keep their own type. */
export function mimeFor(format, path) {
  if (path.endsWith('.xlsm')) return 'application/vnd.ms-excel.sheet.macroEnabled.12';
  if (path.endsWith('.pptm')) return 'application/vnd.ms-powerpoint.presentation.macroEnabled.12';
  return FORMATS[format].mime;
}

/** Formats in report order. */
export const FORMAT_ORDER = Object.keys(FORMATS);
