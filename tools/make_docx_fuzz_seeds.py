#!/usr/bin/env python3
"""Writes small DOCX seeds for fuzz_docx into fuzz/seeds/docx/. Their parts are stored, not
deflated, so the fuzzer's mutations reach the XML instead of only breaking the deflate stream.

Usage: tools/make_docx_fuzz_seeds.py
"""
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "seeds", "docx")

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"{extra}/>' for i, t, target, extra in items)
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


def package(name, body, parts=None, doc_rels=()):
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": rels([("rId1", "officeDocument", "word/document.xml", "")]),
        "word/document.xml": f"<w:document {NS}><w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels": rels(doc_rels),
    }
    files.update(parts or {})
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_STORED) as z:
        for n, data in files.items():
            z.writestr(zipfile.ZipInfo(n, (1980, 1, 1, 0, 0, 0)), data)


def p(text, style=""):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def main():
    os.makedirs(OUT, exist_ok=True)
    styles = (f'<w:styles {NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Sub"><w:basedOn w:val="H1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
              '<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style></w:styles>')
    numbering = (f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'
                 '</w:numbering>')
    item = lambda t, lvl: (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                           f'<w:r><w:t>{t}</w:t></w:r></w:p>')
    body = (p("Title", "H1") + p("Section", "Sub") +
            '<w:p><w:r><w:t xml:space="preserve">Plain </w:t></w:r><w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>bold</w:t></w:r>'
            '<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve"> strong</w:t></w:r><w:tab/>'
            '<w:hyperlink r:id="rIdL"><w:r><w:t>link</w:t></w:r></w:hyperlink><w:r><w:br/><w:sym w:font="Symbol" w:char="F061"/>'
            '<w:softHyphen/><w:noBreakHyphen/><w:footnoteReference w:id="1"/></w:r>'
            '<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>kept</w:t></w:r></w:ins>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "http://x"</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>field</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="b" descr="alt"/>'
            '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>' + p("In a box") + '</w:txbxContent></wps:txbx>'
            '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
            '<w:txbxContent>' + p("In a box") + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
            '<w:r><w:drawing><wp:inline><wp:docPr id="2" name="pic" descr="a picture"/><a:graphic><a:graphicData><pic:pic>'
            '<pic:blipFill><a:blip r:embed="rIdI"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>'
            '<w:br w:type="page"/></w:r></w:p>' +
            item("one", 0) + item("two", 1) + item("three", 0) +
            '<w:sdt><w:sdtPr/><w:sdtContent>' + p("control") + '</w:sdtContent></w:sdt>'
            '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>')
    package("features.docx", body, {
        "word/styles.xml": styles,
        "word/numbering.xml": numbering,
        "word/footnotes.xml": f'<w:footnotes {NS}><w:footnote w:id="1">{p("A note.")}</w:footnote></w:footnotes>',
        "word/header1.xml": f'<w:hdr {NS}>{p("Header")}</w:hdr>',
        "word/comments.xml": f'<w:comments {NS}><w:comment w:id="0" w:author="A">{p("Hm.")}</w:comment></w:comments>',
        "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>2</Pages></Properties>',
    }, [("rIdS", "styles", "styles.xml", ""), ("rIdN", "numbering", "numbering.xml", ""),
        ("rIdF", "footnotes", "footnotes.xml", ""), ("rIdH", "header", "header1.xml", ""),
        ("rIdC", "comments", "comments.xml", ""), ("rIdL", "hyperlink", "http://example.com", ' TargetMode="External"'),
        ("rIdI", "image", "media/image1.png", "")])

    cell = lambda t, props="": f'<w:tc><w:tcPr>{props}</w:tcPr>{p(t)}</w:tc>'
    inner = f'<w:tbl><w:tr>{cell("i1")}{cell("i2")}</w:tr></w:tbl>'
    span = '<w:gridSpan w:val="2"/>'
    restart = '<w:vMerge w:val="restart"/>'
    tables = (f'<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{cell("a")}{cell("b")}</w:tr>'
              f'<w:tr>{cell("wide", span)}</w:tr>'
              f'<w:tr>{cell("m", restart)}<w:tc>{p("outer")}{inner}</w:tc></w:tr>'
              f'<w:tr>{cell("", "<w:vMerge/>")}{cell("z")}</w:tr></w:tbl>')
    package("tables.docx", tables)

    r = lambda t: f"<m:r><m:t>{t}</m:t></m:r>"
    math = (f'<w:p><m:oMathPara><m:oMath>{r("x=")}<m:f><m:num>{r("-b")}</m:num><m:den>{r("2a")}</m:den></m:f>'
            f'<m:sSup><m:e>{r("r")}</m:e><m:sup>{r("2")}</m:sup></m:sSup><m:rad><m:deg/><m:e>{r("y")}</m:e></m:rad>'
            f'<m:d><m:dPr><m:begChr m:val="["/></m:dPr><m:e>{r("a")}</m:e><m:e>{r("b")}</m:e></m:d>'
            f'<m:nary><m:sub>{r("i")}</m:sub><m:sup>{r("n")}</m:sup><m:e>{r("i")}</m:e></m:nary></m:oMath></m:oMathPara></w:p>')
    package("math.docx", math)


if __name__ == "__main__":
    main()
