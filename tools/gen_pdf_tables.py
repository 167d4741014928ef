#!/usr/bin/env python3
"""Generates the PDF data tables (src/formats/pdf/tables.hpp declares them) from files Debian ships:
  - the Adobe Glyph List: Ghostscript's Resource/Init/gs_agl.ps (package libgs10-common);
  - the standard 14 fonts' metrics and built-in encodings: the metric-compatible URW base-35 AFM
    files (package fonts-urw-base35); StandardEncoding is the code column of the Times AFM;
  - WinAnsiEncoding and MacRomanEncoding: Python's cp1252 and mac_roman codecs, adjusted as the PDF
    specification (Annex D) says; PDFDocEncoding: Latin-1 plus the Annex D differences below;
  - ZapfDingbats: the Unicode Dingbats block follows the font's code order; the exceptions below.
Usage: gen_pdf_tables.py OUTPUT.inc [--agl FILE] [--afm-dir DIR]
"""
import argparse
import glob
import os
import re
import sys

STD14 = [  # PDF name, URW file
    ("Times-Roman", "NimbusRoman-Regular"), ("Times-Bold", "NimbusRoman-Bold"),
    ("Times-Italic", "NimbusRoman-Italic"), ("Times-BoldItalic", "NimbusRoman-BoldItalic"),
    ("Helvetica", "NimbusSans-Regular"), ("Helvetica-Bold", "NimbusSans-Bold"),
    ("Helvetica-Oblique", "NimbusSans-Italic"), ("Helvetica-BoldOblique", "NimbusSans-BoldItalic"),
    ("Courier", "NimbusMonoPS-Regular"), ("Courier-Bold", "NimbusMonoPS-Bold"),
    ("Courier-Oblique", "NimbusMonoPS-Italic"), ("Courier-BoldOblique", "NimbusMonoPS-BoldItalic"),
    ("Symbol", "StandardSymbolsPS"), ("ZapfDingbats", "D050000L"),
]

# PDF 32000-1 Annex D.2: PDFDocEncoding codes that differ from Latin-1.
PDFDOC = {0x18: 0x02D8, 0x19: 0x02C7, 0x1A: 0x02C6, 0x1B: 0x02D9, 0x1C: 0x02DD, 0x1D: 0x02DB,
          0x1E: 0x02DA, 0x1F: 0x02DC, 0x7F: 0, 0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026,
          0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044, 0x88: 0x2039, 0x89: 0x203A,
          0x8A: 0x2212, 0x8B: 0x2030, 0x8C: 0x201E, 0x8D: 0x201C, 0x8E: 0x201D, 0x8F: 0x2018,
          0x90: 0x2019, 0x91: 0x201A, 0x92: 0x2122, 0x93: 0xFB01, 0x94: 0xFB02, 0x95: 0x0141,
          0x96: 0x0152, 0x97: 0x0160, 0x98: 0x0178, 0x99: 0x017D, 0x9A: 0x0131, 0x9B: 0x0142,
          0x9C: 0x0153, 0x9D: 0x0161, 0x9E: 0x017E, 0x9F: 0, 0xA0: 0x20AC, 0xAD: 0}

# Unicode's Dingbats block was laid out in ITC Zapf Dingbats' code order; these codes went elsewhere.
DINGBAT_EXCEPTIONS = {0x25: 0x260E, 0x2A: 0x261B, 0x2B: 0x261E, 0x48: 0x2605, 0x6C: 0x25CF,
                      0x6E: 0x25A0, 0x73: 0x25B2, 0x74: 0x25BC, 0x75: 0x25C6, 0x77: 0x25D7,
                      0xA8: 0x2663, 0xA9: 0x2666, 0xAA: 0x2665, 0xAB: 0x2660, 0xD5: 0x2192,
                      0xD6: 0x2194, 0xD7: 0x2195}


def dingbat_unicode(code):
    if code in DINGBAT_EXCEPTIONS:
        return DINGBAT_EXCEPTIONS[code]
    if code == 0x20:
        return 0x20
    if 0x21 <= code <= 0x7E:
        return 0x2700 + code - 0x20
    if 0x80 <= code <= 0x8D:
        return 0x2768 + code - 0x80
    if 0xA1 <= code <= 0xA7:
        return 0x2761 + code - 0xA1
    if 0xAC <= code <= 0xB5:
        return 0x2460 + code - 0xAC
    if 0xB6 <= code <= 0xD4:
        return 0x2776 + code - 0xB6
    if 0xD8 <= code <= 0xEF:
        return 0x2798 + code - 0xD8
    if 0xF1 <= code <= 0xFE:
        return 0x27B1 + code - 0xF1
    return 0


def find_agl():
    hits = sorted(glob.glob("/usr/share/ghostscript/*/Resource/Init/gs_agl.ps"))
    if not hits:
        sys.exit("gen_pdf_tables: gs_agl.ps not found (install libgs10-common: scripts/bootstrap)")
    return hits[-1]


def read_agl(path):
    agl = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith(".dicttomark"):
                break  # the second dictionary maps the other way
            m = re.match(r"^/(\S+)\s+16#([0-9A-Fa-f]+)\s*$", line)
            if m:
                agl[m.group(1)] = int(m.group(2), 16)
    if len(agl) < 4000:
        sys.exit(f"gen_pdf_tables: {path} has only {len(agl)} glyph names")
    return agl


def read_afm(path):
    widths, codes = {}, {}
    ascent = descent = 0
    fixed = False
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("IsFixedPitch"):
                fixed = line.split()[1] == "true"
            elif line.startswith("FontBBox"):
                bbox = [int(float(v)) for v in line.split()[1:5]]
                descent, ascent = bbox[1], bbox[3]
            elif line.startswith("C "):
                fields = dict()
                for part in line.split(";"):
                    kv = part.split()
                    if len(kv) >= 2:
                        fields[kv[0]] = kv[1]
                name, code, wx = fields.get("N"), int(fields.get("C", "-1")), fields.get("WX")
                if name is None or wx is None:
                    continue
                widths[name] = int(round(float(wx)))
                if 0 <= code <= 255 and code not in codes:
                    codes[code] = name
    return widths, codes, ascent, descent, fixed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--agl")
    ap.add_argument("--afm-dir", default="/usr/share/fonts/type1/urw-base35")
    args = ap.parse_args()

    agl = read_agl(args.agl or find_agl())
    fonts = []
    for pdf_name, urw in STD14:
        path = os.path.join(args.afm_dir, urw + ".afm")
        if not os.path.exists(path):
            sys.exit(f"gen_pdf_tables: {path} not found (install fonts-urw-base35: scripts/bootstrap)")
        fonts.append((pdf_name,) + read_afm(path))

    unicode_of = dict(agl)
    names = set(agl)
    for f in fonts:
        names.update(f[1])
    dingbat_codes = fonts[13][2]
    for code, name in dingbat_codes.items():
        if name not in unicode_of:
            unicode_of[name] = dingbat_unicode(code)

    # Unicode -> glyph name, for the encodings built from codecs: prefer a name the AFMs use.
    afm_names = set(fonts[0][1])
    by_unicode = {}
    for name, cp in sorted(agl.items()):
        if cp not in by_unicode or (name in afm_names and by_unicode[cp] not in afm_names):
            by_unicode[cp] = name

    def from_codec(codec, fix):
        enc = [None] * 256
        for b in range(32, 256):
            try:
                cp = ord(bytes([b]).decode(codec))
            except UnicodeDecodeError:
                cp = 0
            cp = fix.get(b, cp)
            if cp:
                enc[b] = by_unicode.get(cp) or f"uni{cp:04X}"
        return enc

    standard = [fonts[0][2].get(c) for c in range(256)]
    # WinAnsi (Annex D): 0x7F and the codes cp1252 leaves unassigned are bullets; 0xA0 is a space,
    # 0xAD a hyphen.
    winansi = from_codec("cp1252", {0x7F: 0x2022, 0x81: 0x2022, 0x8D: 0x2022, 0x8F: 0x2022,
                                    0x90: 0x2022, 0x9D: 0x2022, 0xA0: 0x20, 0xAD: 0x2D})
    # MacRoman (Annex D): 0xDB is currency, not the euro of later Mac OS; no Apple logo.
    macroman = from_codec("mac_roman", {0xDB: 0xA4, 0xF0: 0})
    pdfdoc = from_codec("latin-1", {})
    for b, cp in PDFDOC.items():
        pdfdoc[b] = (by_unicode.get(cp) or f"uni{cp:04X}") if cp else None
    for b in range(0x18, 0x20):
        pdfdoc[b] = by_unicode.get(PDFDOC[b])
    symbol = [fonts[12][2].get(c) for c in range(256)]
    dingbats = [dingbat_codes.get(c) for c in range(256)]
    encodings = [("standard", standard), ("winansi", winansi), ("macroman", macroman),
                 ("pdfdoc", pdfdoc), ("symbol", symbol), ("zapfdingbats", dingbats)]
    for _, enc in encodings:
        for n in enc:
            if n:
                names.add(n)
                if n not in unicode_of and n.startswith("uni"):
                    unicode_of[n] = int(n[3:], 16)

    ordered = sorted(names)  # byte order, as std::string_view compares
    index = {n: i for i, n in enumerate(ordered)}

    out = []
    w = out.append
    w("// Generated by tools/gen_pdf_tables.py from the Adobe Glyph List (Ghostscript's gs_agl.ps),")
    w("// the URW base-35 AFM metrics and the PDF specification's encoding tables. Do not edit.")
    w(f"inline constexpr std::size_t glyph_name_count = {len(ordered)};")
    blob, offsets = [], []
    pos = 0
    for n in ordered:
        offsets.append(pos)
        blob.append(n)
        pos += len(n) + 1
    w("inline constexpr char glyph_name_chars[] =")
    line = ""
    for n in ordered:
        piece = n + "\\0"
        if len(line) + len(piece) > 96:
            w(f'    "{line}"')
            line = ""
        line += piece
    w(f'    "{line}";')

    def array(ctype, name, values, per_line=12):
        w(f"inline constexpr {ctype} {name}[] = {{")
        for i in range(0, len(values), per_line):
            w("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
        w("};")

    array("std::uint32_t", "glyph_name_offsets", offsets)
    array("char32_t", "glyph_name_unicode", [f"0x{unicode_of.get(n, 0):X}" for n in ordered])
    w("/// Glyph name index + 1 per code (0: no glyph), in the order of enum base_encoding.")
    w(f"inline constexpr std::uint16_t encoding_glyphs[{len(encodings)}][256] = {{")
    for ename, enc in encodings:
        w(f"  {{  // {ename}")
        vals = [str(index[n] + 1) if n else "0" for n in enc]
        for i in range(0, 256, 16):
            w("    " + ", ".join(vals[i:i + 16]) + ",")
        w("  },")
    w("};")
    widths, spans = [], []
    for pdf_name, fw, codes, ascent, descent, fixed in fonts:
        entries = sorted((index[n], wx) for n, wx in fw.items())
        spans.append((pdf_name, len(widths), len(entries), ascent, descent, fixed,
                      fw.get("space", 250)))
        widths.extend(entries)
    w("inline constexpr std14_width std14_widths[] = {")
    for i in range(0, len(widths), 8):
        w("    " + ", ".join(f"{{{g}, {wx}}}" for g, wx in widths[i:i + 8]) + ",")
    w("};")
    w("inline constexpr std14_metrics std14_fonts[] = {")
    for pdf_name, first, count, ascent, descent, fixed, space in spans:
        w(f'    {{"{pdf_name}", {first}, {count}, {ascent}, {descent}, {space}, {"true" if fixed else "false"}}},')
    w("};")
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    tmp = args.output + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(out) + "\n")
    os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
