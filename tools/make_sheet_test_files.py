#!/usr/bin/env python3
"""Regenerates the spreadsheet golden inputs with LibreOffice (headless) from our own data.

Usage: make_sheet_test_files.py [--quarry PATH]

  tests/golden/xlsx/sources/NAME.csv  ->  tests/golden/xlsx/NAME.xlsx and tests/golden/ods/NAME.ods
      (CSV import with "detect special numbers": dates, times, percentages, currency, scientific
      notation become numbers with number formats, as a user's import would make them)
  workbook.fods (written here from the same CSVs, plus a hidden sheet, a merged range and a
      comment)  ->  tests/golden/xlsx/workbook.xlsx and tests/golden/ods/workbook.ods

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
