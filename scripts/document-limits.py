#!/usr/bin/env python3
"""Measures how capmatch reads or refuses big and hostile documents.

Usage: scripts/document-limits.py [OUT_DIR]   (default: target/document-limits)

Writes documents of up to 100 MB (PDFs of dense text, one huge page, a
compression bomb, garbage after a PDF header; Word documents whose XML unpacks
to 640 MB, with 30 MB of XML, with a 99 MB image, with 900,000 parts), then runs
`target/release/capmatch parse --quiet` on each under `/usr/bin/time -v` and
prints the result, the wall time and the peak resident set. Build first with
`cargo build --release`. Needs python3 only; takes a few minutes and about 1 GB
of disk.
"""

import os
import re
import subprocess
import sys
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "document-limits")
LINES = [
    l.replace("\\", "").replace("(", "[").replace(")", "]").encode("latin-1", "replace").decode("latin-1")[:95]
    for l in open(os.path.join(ROOT, "tests/data/ctap/rok-2014.txt"), encoding="utf-8").read().split("\n")
]


def pdf(pages, compress=False):
    """A PDF whose pages have these content streams (Helvetica as /F1)."""
    n = len(pages)
    kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, content in enumerate(pages):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (5 + 2 * i)
        )
        data = content.encode("latin-1")
        if compress:
            data = zlib.compress(data, 9)
            objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data))
        else:
            objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (k + 1, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def page(k, lines):
    s = "BT /F1 10 Tf 12 TL 40 760 Td\n"
    for j in range(lines):
        s += "(%s) Tj T*\n" % LINES[(k * lines + j) % len(LINES)]
    return s + "ET"


def word_xml(size):
    head = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    parts, n, k = [head], len(head), 0
    while n < size:
        text = LINES[k % len(LINES)].replace("&", "&amp;").replace("<", "&lt;")
        p = '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text
        parts.append(p)
        n += len(p)
        k += 1
    parts.append("</w:body></w:document>")
    return "".join(parts)


def docx(path, xml, image=None, empty_parts=0):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
        if image is not None:
            z.writestr(zipfile.ZipInfo("word/media/image1.png"), image, compress_type=zipfile.ZIP_STORED)
        for i in range(empty_parts):
            z.writestr("x/%07d" % i, "")


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        "text-2000-pages.pdf": lambda p: open(p, "wb").write(pdf([page(k, 250) for k in range(2000)])),
        "text-2000-pages-big.pdf": lambda p: open(p, "wb").write(pdf([page(k, 800) for k in range(2000)])),
        "one-page.pdf": lambda p: open(p, "wb").write(pdf([page(0, 1_600_000)])),
        "flate-bomb.pdf": lambda p: open(p, "wb").write(
            pdf(["BT /F1 10 Tf 40 760 Td\n" + "(%s) Tj\n" % ("A" * 63) * 15_000_000 + "ET"], compress=True)
        ),
        "garbage.pdf": lambda p: open(p, "wb").write(b"%PDF-1.7\n" + os.urandom(100_000_000)),
        "xml-640mb.docx": lambda p: docx(p, word_xml(640_000_000)),
        "xml-30mb.docx": lambda p: docx(p, word_xml(30_000_000)),
        "image-99mb.docx": lambda p: docx(p, word_xml(200_000), image=os.urandom(99_000_000)),
        "900k-parts.docx": lambda p: docx(p, word_xml(1000), empty_parts=900_000),
    }
    binary = os.path.join(ROOT, "target", "release", "capmatch")
    for name, make in files.items():
        path = os.path.join(OUT, name)
        if not os.path.exists(path):
            make(path)
        run = subprocess.run(
            ["/usr/bin/time", "-v", binary, "parse", "--quiet", path, "-o", os.path.join(OUT, "out.json")],
            capture_output=True,
            text=True,
        )
        err = run.stderr
        wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", err).group(1)
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
        said = next((l for l in err.splitlines() if l.startswith("error:")), "read")
        mb = os.path.getsize(path) / 1e6
        print(f"{name:26} {mb:6.1f} MB  {wall:>8}  {rss / 1024 / 1024:5.2f} GiB  {said}")


if __name__ == "__main__":
    main()
