#!/usr/bin/env python3
"""Regenerates the spreadsheet golden inputs with LibreOffice (headless) from our own data.

Usage: make_sheet_test_files.py [--quarry PATH]

  tests/golden/xlsx/sources/NAME.csv  ->  tests/golden/xlsx/NAME.xlsx and tests/golden/ods/NAME.ods
      (CSV import with "detect special numbers": dates, times, percentages, currency, scientific
      notation become numbers with number formats, as a user's import would make them)
  workbook.fods (written here from the same CSVs, plus a hidden sheet, a merged range and a
      comment)  ->  tests/golden/xlsx/workbook.xlsx and tests/golden/ods/workbook.ods

Also writes the fuzz seeds: small workbooks with stored (uncompressed) parts, so that mutations
reach the XML rather than breaking the deflate streams (fuzz/seeds/xlsx/, fuzz/seeds/odf/ods-*).

With --quarry, also writes the expected outputs (NAME.EXT.txt and NAME.EXT.md) with that CLI:
review them by eye before committing. Needs `soffice` (Debian: libreoffice-calc-nogui). The
generated files are committed, so the tests never need LibreOffice.
"""
import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "tests", "golden", "xlsx", "sources")
XLSX_DIR = os.path.join(ROOT, "tests", "golden", "xlsx")
ODS_DIR = os.path.join(ROOT, "tests", "golden", "ods")

# CSV import: ',' '"' UTF-8, from line 1, standard columns, en-US, quoted fields not forced to
# text, detect special numbers.
CSV_FILTER = "CSV:44,34,76,1,,1033,false,true"


def soffice(profile, out_dir, fmt, src, infilter=None):
    cmd = ["soffice", "--headless", f"-env:UserInstallation=file://{profile}"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", fmt, "--outdir", out_dir, src]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)


NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def fods_cell(text):
    if text == "":
        return "<table:table-cell/>"
    if NUMBER.match(text):
        return (f'<table:table-cell office:value-type="float" office:value="{text}">'
                f"<text:p>{text}</text:p></table:table-cell>")
    paras = "".join(f"<text:p>{escape(p)}</text:p>" for p in text.split("\n"))
    return f'<table:table-cell office:value-type="string">{paras}</table:table-cell>'


def fods_table(name, rows, style="ta1", extra_rows=""):
    body = "".join("<table:table-row>" + "".join(fods_cell(c) for c in r) + "</table:table-row>" for r in rows)
    return f'<table:table table:name="{escape(name)}" table:style-name="{style}">{body}{extra_rows}</table:table>'


def write_workbook_fods(path):
    tables = []
    for name in ("types", "text"):
        with open(os.path.join(SOURCES, name + ".csv"), encoding="utf-8", newline="") as f:
            tables.append(fods_table(name.capitalize(), list(csv.reader(f))))
    # A sheet with a merged header over two columns and a comment on one cell.
    merged = ('<table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string">'
              "<text:p>Quarter one</text:p></table:table-cell><table:covered-table-cell/>"
              '<table:table-cell office:value-type="string"><text:p>Notes</text:p></table:table-cell></table:table-row>'
              '<table:table-row><table:table-cell office:value-type="string"><text:p>Jan</text:p></table:table-cell>'
              '<table:table-cell office:value-type="float" office:value="10"><office:annotation><dc:creator>Ada</dc:creator>'
              "<text:p>Checked twice</text:p></office:annotation><text:p>10</text:p></table:table-cell>"
              '<table:table-cell office:value-type="string"><text:p>cold</text:p></table:table-cell></table:table-row>')
    tables.append(f'<table:table table:name="Merged" table:style-name="ta1">{merged}</table:table>')
    tables.append(fods_table("Hidden", [["secret", "42"]], style="ta2"))
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:meta><dc:title>Quarry test workbook</dc:title></office:meta>
<office:automatic-styles>
<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body>
</office:document>
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def write_stored_zip(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in files:
            z.writestr(name, data)


def write_seeds():
    xlsx_dir = os.path.join(ROOT, "fuzz", "seeds", "xlsx")
    odf_dir = os.path.join(ROOT, "fuzz", "seeds", "odf")
    os.makedirs(xlsx_dir, exist_ok=True)
    os.makedirs(odf_dir, exist_ok=True)
    rels = (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")
    wb = (f'<workbook xmlns="{NS}" xmlns:r="{REL}"><workbookPr date1904="0"/><sheets>'
          '<sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Hidden" sheetId="2" r:id="rId2" state="hidden"/>'
          "</sheets></workbook>")
    wb_rels = (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
               f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/>'
               f'<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
               f'<Relationship Id="rId4" Type="{REL}/styles" Target="styles.xml"/></Relationships>')
    sst = (f'<sst xmlns="{NS}"><si><t>Name</t></si><si><r><t>Ri</t></r><r><t>ch</t></r><rPh><t>x</t></rPh></si>'
           "<si><t>a_x000D_b</t></si></sst>")
    styles = (f'<styleSheet xmlns="{NS}"><numFmts><numFmt numFmtId="164" formatCode="[h]:mm:ss.00;@"/>'
              '<numFmt numFmtId="165" formatCode="#,##0.00_);[Red](#,##0.00);&quot;-&quot;;@&quot; kg&quot;"/>'
              '<numFmt numFmtId="166" formatCode="# ??/??"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/>'
              '<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="14"/><xf numFmtId="11"/></cellXfs></styleSheet>')
    sheet1 = (f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
              '<c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" s="1"><v>1.5</v></c><c r="B2" s="2"><v>-1234.5</v></c>'
              '<c r="C2" s="3"><v>3.25</v></c><c r="D2" s="4"><v>45321</v></c><c r="E2" s="5"><v>6.02E23</v></c></row>'
              '<row r="4"><c r="B4" t="b"><v>1</v></c><c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="str"><f>A1</f><v>x</v></c>'
              '<c r="E4" t="inlineStr"><is><t>inline</t></is></c><c r="F4" t="d"><v>2024-01-30T12:00:00</v></c></row>'
              '</sheetData><mergeCells><mergeCell ref="A4:A5"/></mergeCells></worksheet>')
    sheet2 = f'<worksheet xmlns="{NS}"><sheetData><row><c><v>42</v></c></row></sheetData></worksheet>'
    sheet_rels = (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/comments" Target="../comments1.xml"/>'
                  "</Relationships>")
    comments = (f'<comments xmlns="{NS}"><authors><author>Ada</author></authors><commentList>'
                '<comment ref="B2" authorId="0"><text><r><t>note</t></r></text></comment></commentList></comments>')
    write_stored_zip(os.path.join(xlsx_dir, "stored-features.xlsx"), [
        ("_rels/.rels", rels), ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", wb_rels),
        ("xl/sharedStrings.xml", sst), ("xl/styles.xml", styles), ("xl/worksheets/sheet1.xml", sheet1),
        ("xl/worksheets/sheet2.xml", sheet2), ("xl/worksheets/_rels/sheet1.xml.rels", sheet_rels),
        ("xl/comments1.xml", comments)])
    write_stored_zip(os.path.join(xlsx_dir, "stored-minimal.xlsx"), [
        ("xl/workbook.xml", f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
                                       'Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{NS}"><sheetData><row><c t="inlineStr"><is><t>hi</t></is></c>'
                                     "<c><v>1</v></c></row></sheetData></worksheet>")])
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
               '<office:automatic-styles><style:style style:name="ta2" style:family="table">'
               '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
               '<office:body><office:spreadsheet><table:table table:name="S"><table:table-row>'
               '<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p>'
               '</table:table-cell><table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="1.5">'
               '<office:annotation><dc:creator>Ada</dc:creator><text:p>n</text:p></office:annotation><text:p>1.5</text:p>'
               '</table:table-cell><table:covered-table-cell/></table:table-row>'
               '<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="percentage" office:value="0.5"/>'
               '</table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell '
               'table:number-columns-repeated="1024"/></table:table-row></table:table>'
               '<table:table table:name="H" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="time" '
               'office:time-value="PT1H2M3S"/></table:table-row></table:table></office:spreadsheet></office:body>'
               "</office:document-content>")
    write_stored_zip(os.path.join(odf_dir, "ods-stored.ods"), [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content)])
    return [os.path.join(xlsx_dir, "stored-features.xlsx"), os.path.join(xlsx_dir, "stored-minimal.xlsx"),
            os.path.join(odf_dir, "ods-stored.ods")]


def expected_outputs(quarry, path):
    for flag, ext in (([], ".txt"), (["--markdown"], ".md")):
        p = subprocess.run([quarry, *flag, path], capture_output=True, check=True)
        with open(path + ext, "wb") as f:
            f.write(p.stdout.rstrip(b"\n") + b"\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quarry", help="the quarry CLI, to write the expected outputs too")
    a = ap.parse_args()
    if not shutil.which("soffice"):
        sys.exit("soffice not found: apt-get install -y libreoffice-calc-nogui")
    os.makedirs(ODS_DIR, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        for name in sorted(os.listdir(SOURCES)):
            if not name.endswith(".csv"):
                continue
            src = os.path.join(SOURCES, name)
            stem = name[:-4]
            for fmt, out_dir in (("xlsx", XLSX_DIR), ("ods", ODS_DIR)):
                soffice(profile, tmp, fmt, src, CSV_FILTER)
                dst = os.path.join(out_dir, f"{stem}.{fmt}")
                shutil.move(os.path.join(tmp, f"{stem}.{fmt}"), dst)
                made.append(dst)
        fods = os.path.join(tmp, "workbook.fods")
        write_workbook_fods(fods)
        for fmt, out_dir in (("xlsx", XLSX_DIR), ("ods", ODS_DIR)):
            soffice(profile, tmp, fmt, fods)
            dst = os.path.join(out_dir, f"workbook.{fmt}")
            shutil.move(os.path.join(tmp, f"workbook.{fmt}"), dst)
            made.append(dst)
    for path in made:
        print(os.path.relpath(path, ROOT))
        if a.quarry:
            expected_outputs(a.quarry, path)
    for path in write_seeds():
        print(os.path.relpath(path, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
