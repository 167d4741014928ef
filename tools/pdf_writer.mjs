// Writes simple, valid PDFs of any length (Helvetica text lines per page, an optional image per page)
// for the JS tests and the bench's many-page documents. Our own writer: every object is plain and
// uncompressed, with a correct cross-reference table.

/**
 * pages: array of pages, each an array of text lines (ASCII).
 * options.image: draw a (never decoded) 32×16 JPEG-tagged image XObject on every page.
 * Returns the PDF bytes.
 */
export function makePdf(pages, options = {}) {
  const objects = []; // [number, body string]
  const add = (body) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add(null);
  const tree = add(null);
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = options.image
    ? add('<< /Type /XObject /Subtype /Image /Width 32 /Height 16 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode /Length 2 >>\nstream\nxx\nendstream')
    : 0;
  const kids = [];
  for (const lines of pages) {
    let content = 'BT /F1 11 Tf 14 TL 72 740 Td\n';
    for (const line of lines) content += `(${line.replace(/[\\()]/g, (c) => '\\' + c)}) Tj T*\n`;
    content += 'ET\n';
    if (image) content += 'q 64 0 0 32 72 72 cm /Im0 Do Q\n';
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`);
    const xobj = image ? ` /XObject << /Im0 ${image} 0 R >>` : '';
    kids.push(add(`<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 612 792] /Contents ${stream} 0 R /Resources << /Font << /F1 ${font} 0 R >>${xobj} >> >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R >>`;
  objects[tree - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const parts = ['%PDF-1.4\n'];
  let offset = parts[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const text = `${i + 1} 0 obj\n${body}\nendobj\n`;
    parts.push(text);
    offset += Buffer.byteLength(text, 'latin1');
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  parts.push(xref, `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`);
  return new Uint8Array(Buffer.from(parts.join(''), 'latin1'));
}

/** `count` pages of numbered prose lines (about 2 KB of text per page). */
export function manyPagePdf(count, options = {}) {
  const words = 'the quick brown fox jumps over a lazy dog while seven wizards quietly judge boxing matches'.split(' ');
  const pages = [];
  for (let p = 1; p <= count; p++) {
    const lines = [`Page ${p} of ${count}`];
    for (let l = 0; l < 40; l++) {
      const line = [];
      for (let w = 0; w < 9; w++) line.push(words[(p * 7 + l * 3 + w * 5) % words.length]);
      lines.push(line.join(' '));
    }
    pages.push(lines);
  }
  return makePdf(pages, options);
}
