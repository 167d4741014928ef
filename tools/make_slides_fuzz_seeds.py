#!/usr/bin/env python3
"""Writes small PPTX and OpenDocument seeds for fuzz_pptx and fuzz_odf into fuzz/seeds/pptx/ and
fuzz/seeds/odf/. Their parts are stored, not deflated, so the fuzzer's mutations reach the XML
instead of only breaking the deflate stream.

Usage: tools/make_slides_fuzz_seeds.py
"""
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       f'xmlns:r="{REL}" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
ONS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
       'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
       'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
       'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
       'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
       'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"')


def write(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"{extra}/>' for i, t, target, extra in items)
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


def tree(shapes, root="p:sld"):
    return (f'<{root} {PNS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
            f'</p:nvGrpSpPr><p:grpSpPr/>{shapes}</p:spTree></p:cSld></{root}>')


def sp(paras, ph="", xy=None):
    pos = f'<a:xfrm><a:off x="{xy[0]}" y="{xy[1]}"/><a:ext cx="9" cy="9"/></a:xfrm>' if xy else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="s"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr>{pos}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp>')


def para(text, ppr=""):
    return f'<a:p>{ppr}<a:r><a:rPr b="1"><a:hlinkClick r:id="rId9"/></a:rPr><a:t>{text}</a:t></a:r><a:br/></a:p>'


def pptx(name, slides, extra=None, slide_rels=()):
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": rels([("rId1", "officeDocument", "ppt/presentation.xml", "")]),
        "ppt/presentation.xml": f'<p:presentation {PNS}><p:sldIdLst>' +
        "".join(f'<p:sldId id="{256 + i}" r:id="rId{i + 2}"/>' for i in range(len(slides))) + "</p:sldIdLst></p:presentation>",
        "ppt/_rels/presentation.xml.rels": rels([(f"rId{i + 2}", "slide", f"slides/slide{i + 1}.xml", "") for i in range(len(slides))]),
    }
    for i, s in enumerate(slides):
        files[f"ppt/slides/slide{i + 1}.xml"] = s
        files[f"ppt/slides/_rels/slide{i + 1}.xml.rels"] = rels(
            [("rIdL", "slideLayout", "../slideLayouts/slideLayout1.xml", ""),
             ("rId9", "hyperlink", "https://example.com/", ' TargetMode="External"')] + list(slide_rels))
    files["ppt/slideLayouts/slideLayout1.xml"] = tree(sp("", '<p:ph idx="1"/>', (10, 500)), "p:sldLayout")
    files["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] = rels([("rId1", "slideMaster", "../slideMasters/slideMaster1.xml", "")])
    files["ppt/slideMasters/slideMaster1.xml"] = tree(sp("", '<p:ph type="body" idx="1"/>', (0, 400)), "p:sldMaster").replace(
        "</p:sldMaster>", '<p:txStyles><p:bodyStyle><a:lvl1pPr><a:buChar char="*"/></a:lvl1pPr></p:bodyStyle></p:txStyles></p:sldMaster>')
    files.update(extra or {})
    write(os.path.join(ROOT, "fuzz", "seeds", "pptx", name), files)


def odf(name, mime, body, kind="text", automatic="", styles=""):
    files = {
        "mimetype": mime,
        "content.xml": f'<office:document-content {ONS}><office:automatic-styles>{automatic}</office:automatic-styles>'
                       f'<office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>',
        "meta.xml": f'<office:document-meta {ONS}><office:meta><dc:title>T</dc:title><meta:creation-date>2024-01-02T03:04:05'
                    '</meta:creation-date><meta:document-statistic meta:page-count="1"/></office:meta></office:document-meta>',
    }
    if styles:
        files["styles.xml"] = styles
    write(os.path.join(ROOT, "fuzz", "seeds", "odf", name), files)


def main():
    os.makedirs(os.path.join(ROOT, "fuzz", "seeds", "pptx"), exist_ok=True)
    os.makedirs(os.path.join(ROOT, "fuzz", "seeds", "odf"), exist_ok=True)
    title = sp('<a:p><a:r><a:t>Title</a:t></a:r></a:p>', '<p:ph type="title"/>')
    body = sp(para("one") + para("two", '<a:pPr lvl="1"/>') + para("three", '<a:pPr><a:buAutoNum type="arabicPeriod"/></a:pPr>'),
              '<p:ph idx="1"/>')
    group = ('<p:grpSp><p:nvGrpSpPr><p:cNvPr id="5" name="g"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
             '<a:off x="5" y="5"/><a:ext cx="10" cy="10"/><a:chOff x="0" y="0"/><a:chExt cx="20" cy="20"/></a:xfrm></p:grpSpPr>'
             + sp(para("grouped"), xy=(1, 1)) + "</p:grpSp>")
    table = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="6" name="t"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
             '<p:xfrm><a:off x="0" y="900"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
             '<a:tbl><a:tr><a:tc gridSpan="2"><a:txBody><a:p><a:r><a:t>a</a:t></a:r></a:p></a:txBody></a:tc><a:tc hMerge="1"/></a:tr>'
             '<a:tr><a:tc><a:txBody><a:p><a:r><a:t>b</a:t></a:r></a:p></a:txBody></a:tc><a:tc vMerge="1"/></a:tr></a:tbl>'
             '</a:graphicData></a:graphic></p:graphicFrame>')
    pic = ('<p:pic><p:nvPicPr><p:cNvPr id="7" name="p" descr="alt text"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
           '<p:blipFill><a:blip r:embed="rId8"/></p:blipFill><p:spPr/></p:pic>')
    alt = ('<mc:AlternateContent><mc:Choice Requires="p14">' + sp(para("choice")) + '</mc:Choice><mc:Fallback>'
           + sp(para("fallback")) + '</mc:Fallback></mc:AlternateContent>')
    notes = tree(sp(para("notes text"), '<p:ph type="body" idx="1"/>') + sp(para("3"), '<p:ph type="sldNum"/>'), "p:notes")
    pptx("basic.pptx", [tree(title + body), tree(group + table + pic + alt)],
         {"ppt/notesSlides/notesSlide1.xml": notes}, [("rIdN", "notesSlide", "../notesSlides/notesSlide1.xml", ""),
                                                     ("rId8", "image", "../media/image1.png", "")])
    pptx("hidden.pptx", [tree(sp(para("hidden")), "p:sld").replace("<p:sld ", '<p:sld show="0" ')])

    odt = "application/vnd.oasis.opendocument.text"
    automatic = ('<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
                 '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1"/></text:list-style>')
    styles = (f'<office:document-styles {ONS}><office:master-styles><style:master-page style:name="S"><style:header>'
              '<text:p>Header</text:p></style:header></style:master-page></office:master-styles></office:document-styles>')
    odf("text.odt", odt,
        '<text:h text:outline-level="2">Heading</text:h><text:p>a<text:s text:c="3"/><text:span text:style-name="T1">b</text:span>'
        '<text:tab/><text:line-break/><text:a xlink:href="https://example.com/">link</text:a><text:note><text:note-citation>1'
        '</text:note-citation><text:note-body><text:p>note</text:p></text:note-body></text:note></text:p>'
        '<text:list text:style-name="L1"><text:list-item><text:p>one</text:p><text:list><text:list-item><text:p>sub</text:p>'
        '</text:list-item></text:list></text:list-item></text:list>'
        '<table:table><table:table-row><table:table-cell table:number-columns-repeated="2"><text:p>c</text:p></table:table-cell>'
        '</table:table-row></table:table><text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p>'
        '</text:deletion></text:changed-region></text:tracked-changes>'
        '<text:p><draw:frame><draw:text-box><text:p>box</text:p></draw:text-box></draw:frame></text:p>',
        automatic=automatic, styles=styles)
    odf("slides.odp", "application/vnd.oasis.opendocument.presentation",
        '<draw:page><draw:frame presentation:class="title" svg:y="1cm"><draw:text-box><text:p>T</text:p></draw:text-box>'
        '</draw:frame><draw:g><draw:custom-shape svg:x="1in" svg:y="2in"><text:p>shape</text:p></draw:custom-shape></draw:g>'
        '<presentation:notes><draw:frame presentation:class="notes"><draw:text-box><text:p>n</text:p></draw:text-box>'
        '</draw:frame></presentation:notes></draw:page>', kind="presentation")


if __name__ == "__main__":
    main()
