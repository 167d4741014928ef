#!/usr/bin/env python3
"""Number-format cross-check cases, displayed by LibreOffice.

Usage: sheet_numfmt_cases.py OUT.inc

Writes a small XLSX (by hand: one row per format code x value, the value in a cell styled with
that code), has LibreOffice headless export it as CSV with "save cell contents as shown", and
writes a C++ table of {code, value, shown} for tests/unit/xlsx_test.cpp. Needs `soffice`
(Debian: libreoffice-calc-nogui). The table is committed, so the tests do not need LibreOffice.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

FORMATS = [
    "General", "0", "0.00", "0.000", "#,##0", "#,##0.00", "0%", "0.00%", "0.0%",
    "0.00E+00", "0.0E+0", "##0.0E+0", "00.00E+00", "#.##", "0.0#", "00000", "#,##0,", '0.0,,"M"',
    '"Total: "0', "0;(0)", '0;-0;"zero"', "[Red]0.00;[Blue]-0.00", '[>=1000]#,##0,"K";0',
    '#,##0.00 "EUR"', "$#,##0.00", "#,##0.00_);(#,##0.00)", "# ?/?", "# ??/??", "?/4", "# ?/8",
    "000-00-0000",
    "yyyy-mm-dd", "m/d/yyyy", "d-mmm-yy", "dd/mm/yy", "dddd, mmmm d, yyyy", "ddd d mmm yyyy", "mmm yyyy",
    "mmmmm", "h:mm", "h:mm:ss", "hh:mm", "h:mm AM/PM", "hh:mm:ss AM/PM", "[h]:mm:ss", "[mm]:ss",
    "mm:ss.0", "h:mm:ss.00", "yyyy-mm-dd hh:mm:ss", "m/d/yy h:mm",
]
NUMBER_VALUES = [0, 1, -1, 0.5, 2.5, 0.125, 1234.5678, -1234.5678, 1000000, 123456789, 0.001, 1e-5,
                 3.14159265358979, -0.001, 0.75, 12345.6789]
DATE_VALUES = [0.5, 1, 59, 61, 366, 36526.999999, 45321.75, 45321.0416666667, 1.25, 0.0000115740740740741,
               2.999988425925926]
DATE_CHARS = set("ymdhs")


def is_date(code):
    stripped = code.replace('"M"', "").replace('"K"', "").replace('"zero"', "").replace('"EUR"', "").replace('"Total: "', "")
    return any(c in stripped.lower() for c in DATE_CHARS) and "E+" not in code


def cases():
    out = []
    for code in FORMATS:
        for v in (DATE_VALUES if is_date(code) else NUMBER_VALUES):
            out.append((code, v))
    return out


def build_xlsx(path, rows):
    fmts = []
    for code, _ in rows:
        if code not in fmts:
            fmts.append(code)
    numfmts = "".join(f'<numFmt numFmtId="{164 + i}" formatCode="{escape(c, {chr(34): "&quot;"})}"/>' for i, c in enumerate(fmts))
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' + "".join(
        f'<xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>' for i in range(len(fmts)))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              f'<numFmts count="{len(fmts)}">{numfmts}</numFmts>'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              f'<cellXfs count="{len(fmts) + 1}">{xfs}</cellXfs></styleSheet>')
    sheet_rows = []
    for r, (code, v) in enumerate(rows, start=1):
        s = 1 + fmts.index(code)
        sheet_rows.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{escape(code)}</t></is></c>'
                          f'<c r="B{r}"><v>{v!r}</v></c><c r="C{r}" s="{s}"><v>{v!r}</v></c></row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<cols><col min="3" max="3" width="60" customWidth="1"/></cols>'
             f'<sheetData>{"".join(sheet_rows)}</sheetData></worksheet>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Formats" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>',
        "xl/styles.xml": styles,
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)


def c_string(s):
    # '?' is escaped so that "??/" never reads as a trigraph.
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("?", "\\?") + '"'


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = cases()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "numfmt.xlsx")
        build_xlsx(src, rows)
        # 44: comma, 34: '"', 76: UTF-8, 1: from line 1, (cell formats), 1033: en-US,
        # quote text cells, detect special numbers, save cell contents as shown.
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,true", "--outdir", tmp, src],
                       check=True, capture_output=True, timeout=300)
        with open(os.path.join(tmp, "numfmt.csv"), encoding="utf-8") as f:
            shown = list(csv.reader(f))
    if len(shown) != len(rows):
        sys.exit(f"LibreOffice gave {len(shown)} rows for {len(rows)} cases")
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write("// Generated by tools/sheet_numfmt_cases.py: {format code, value, what LibreOffice shows}.\n")
        for (code, v), row in zip(rows, shown):
            out.write(f"{{{c_string(code)}, {v!r}, {c_string(row[2])}}},\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
