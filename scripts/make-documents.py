#!/usr/bin/env python3
"""Renders CTAP text files as Word documents laid out like real CTAPs.

Usage: make-documents.py [--plain-tables] [--a4] OUT_DIR FILE.txt...

Each FILE.txt becomes OUT_DIR/FILE.docx (scripts/make-documents.sh then prints
them to PDF with LibreOffice). The text is read the way a person retyping it
into the APEC template would lay it out:

- the header fields (ECONOMY, CALENDAR YEAR, LAST UPDATED) go in a two-column
  table, label | value;
- the executive summary's parts and, in each section, the template headings and
  the three questions go in the left cell of a two-column table, with their
  answer in the right cell; section titles are one cell merged across the row
  (gridSpan); contact points are a three-column table, "Contact Point:" | Name |
  Title over Telephone | Fax | Email;
- bullets become list paragraphs (w:numPr, with bullets and numbers from
  numbering.xml, sub-bullets one level down);
- lines already split by tabs (a flattened Word table) become table rows, one
  cell per tab; a line that only continues the previous row's last cell becomes
  another paragraph of that cell;
- markup is turned into Word formatting: ~~struck~~ a struck-through run,
  **bold**, <u>underline</u>, [text](#) a hyperlink;
- so that every reader path is exercised, each document also gets: a tracked
  deletion (w:del), a struck-through and a doubly struck run at the end of its
  first needs answer (text that is not in the text version and must not be read),
  the economy's name as a field result (w:fldSimple) and LAST UPDATED as a
  complex field (fldChar begin/separate/end; DOCPROPERTY fields, whose cached
  result LibreOffice keeps) whose instruction must not be read,
  the first line of the document in a text box, and a page header and footer
  with a page-number field (headers and footers are not body text).

--plain-tables leaves the tables without borders (python-docx's default table
style) and --a4 sets A4 paper with 2 cm margins, to check the readers on other
layouts than the committed one.

Word residue lines of the text version ("Formatted: Font: Bold", the balloons a
Word-to-text conversion prints) are not content and are left out; hard-wrapped
lines are joined into one paragraph.

The text of these fixtures is the test data of this repository; this script
only lays it out.
"""

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn

# VML, for text boxes; python-docx does not register it.
nsmap.setdefault("v", "urn:schemas-microsoft-com:vml")
from docx.shared import Pt

# ---------------------------------------------------------------- reading text

QUESTION_HEADS = (
    "LEADERS",
    "MEASURES UNDERTAKEN",
    "MEASURES TAKEN SINCE",
    "FURTHER MEASURES PLANNED",
    "PLEASE DESCRIBE THE APEC",
    "WHAT SPECIFIC CAPACITY",
    "WHAT KIND OF EXPERTISE",
    "CAPACITY BUILDING NEEDS",
    "ASSISTANCE AND EXPERTISE TO OFFER",
    "POSSIBLE ASSISTANCE AND EXPERTISE",
)
QUESTION_TAILS = ("PLEASE BE AS SPECIFIC",)
SUMMARY_PART = re.compile(r"^\s*[123]\.\s+Summary of", re.I)
SECTION_LABEL = re.compile(r"^\s*(?:[A-H]\.\s?\d{1,2}\.?|[A-H]\d\.|[A-H]\.)\s+\S")
KNOWN_TITLES = {
    "protect cargo",
    "protect port facilities and ships engaged in international voyages",
    "protect ships engaged in international voyages",
    "protect international aviation",
    "protect people in transit",
    "combat threats to security",
    "halting terrorist financing",
    "promoting cyber security",
    "secure supply chains",
    "secure travel",
    "secure finance",
    "secure infrastructure",
}
CONTACT = re.compile(r"^\s*(?:[\w ]*Point of Contact|Contact Point[^:]*|Telephone Number)\s*:", re.I)
CONTACT_LABELS = re.compile(r"(Name:|Title:|Telephone Number:|Fax Number:|Email Address:)")
HEADER_FIELD = re.compile(r"^\s*(ECONOMY|CALENDAR YEAR|YEAR|LAST UPDATED)\s*:\s*(.*)$", re.I)
RESIDUE = re.compile(r"^(Formatted|Deleted:|Inserted:|Comment \[|Commented \[|Field Code Changed)")
# A page footer or number left in a text made from a PDF ("APEC CTAP 2016 – Peru   Page 1 of 4").
FOOTER = re.compile(r"(^|\s)Page \d+( of \d+)?\s*$|^\s*-?\s*\d{1,3}\s*-?\s*$")
# Prefixes that keep their hyphen when a word is split after them at a line end.
KEEP_HYPHEN = {
    "counter", "cyber", "non", "co", "self", "cross", "multi", "inter", "anti", "pre", "post", "e", "well",
    "follow", "long", "short", "high", "low", "real", "risk", "capacity", "sub", "trans", "semi", "x", "end",
    "on", "off",
}


def join_wrapped(a, b):
    """Joins a hard-wrapped line onto the text before it, mending a word hyphenated at the break."""
    b = b.strip()
    m = re.search(r"([A-Za-z]+)-$", a)
    if m and b[:1].islower():
        return a + b if m.group(1).lower() in KEEP_HYPHEN else a[:-1] + b
    return a + " " + b
# Bullets as typed or pasted: dashes, dots, Word's second-level "o", notes, numbers,
# letters, and Symbol/Wingdings glyphs (private-use characters).
BULLET = re.compile(r"^(\s*)([-–•·●◦○▪■►➢*o※\ue000-\uf8ff]|\(\d+\)|\d+\)|[a-z]\)|\([ivx]+\))\s+(.*)$")


def plain(line):
    """The line without markup, for deciding what it is."""
    s = re.sub(r"~~.*?~~", "", line)
    s = re.sub(r"</?u>|\*\*", "", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    return s.strip()


def is_question(line):
    up = plain(line).upper()
    return up.startswith(QUESTION_HEADS)


def is_question_tail(line):
    return plain(line).upper().startswith(QUESTION_TAILS)


def is_section(line):
    p = plain(line).rstrip(":. ")
    if not p or len(p) > 120:
        return False
    if p.lower() in KNOWN_TITLES:
        return True
    if SECTION_LABEL.match(p) and not re.search(r"[a-z]{3,}.*\.\s", p):
        title = re.sub(r"^\s*[A-H]\.?\s?\d{0,2}\.?\s*", "", p)
        return len(title.split()) <= 14 and (title.isupper() or title.istitle() or title.lower() in KNOWN_TITLES
                                            or all(w[:1].isupper() or len(w) <= 3 for w in title.split()))
    return False


def is_contact(line):
    return bool(CONTACT.match(plain(line)))


def bullet(line):
    """(level, marker, text) of a bullet line, or None."""
    m = BULLET.match(line)
    if not m:
        return None
    indent = len(m.group(1).replace("\t", "    "))
    return (1 if indent >= 1 else 0, m.group(2), m.group(3))


class Para:
    """A paragraph: text with markup, and a list marker and level when it is a list item."""

    def __init__(self, text, marker=None, level=0, bold=False, field=None):
        self.text, self.marker, self.level, self.bold, self.field = text, marker, level, bold, field


class Table:
    """Rows of cells; a cell is a list of Para; `span` maps (row, cell) to a gridSpan."""

    def __init__(self, cols):
        self.cols, self.rows = cols, []


def read(text):
    """Text → a list of Para and Table blocks."""
    lines = [
        l.replace("\f", "")
        for l in text.split("\n")
        if not RESIDUE.match(l.strip()) and not FOOTER.search(l.replace("\f", "").strip())
    ]
    blocks = []
    i = 0
    body_table = None  # the open two-column table of a section
    summary = False
    cur = None  # the cell (list of Para) answers go into
    last_blank = True

    def close():
        nonlocal body_table, cur
        body_table, cur = None, None

    def two_col():
        nonlocal body_table
        if body_table is None:
            body_table = Table(2)
            blocks.append(body_table)
        return body_table

    def add_para(target, line, joinable):
        b = bullet(line)
        if b:
            target.append(Para(b[2], b[1], b[0]))
        elif joinable and target and not last_blank and cur is not None:
            target[-1].text = join_wrapped(target[-1].text, line)
        else:
            target.append(Para(line.strip()))

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            last_blank = True
            i += 1
            continue
        if "\t" in line.strip():
            # A flattened table row (a tab between two cells; a leading tab is only
            # indentation): it and the tab lines after it are one table.
            close()
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                cells = [c.strip() for c in lines[i].rstrip().split("\t")]
                while len(cells) > 1 and cells[-1] == "":
                    cells.pop()
                nonempty = [k for k, c in enumerate(cells) if c]
                if rows and cells[0] == "" and len(nonempty) == 1 and len(rows[-1]) > nonempty[0]:
                    rows[-1][nonempty[0]].append(Para(cells[nonempty[0]]))
                else:
                    rows.append([[Para(c)] if c else [] for c in cells])
                i += 1
            t = Table(max(len(r) for r in rows))
            for r in rows:
                for cell in r:
                    for p in cell:
                        b = bullet(p.text)
                        if b:
                            p.text, p.marker, p.level = b[2], b[1], b[0]
            t.rows = rows
            blocks.append(t)
            last_blank = True
            continue
        m = HEADER_FIELD.match(plain(line))
        if m and not summary and not re.search(r"(?i)(calendar year|last updated)\s*:", m.group(2)):
            # ECONOMY: | value rows of the header table.
            close()
            t = Table(2)
            while i < len(lines) and lines[i].strip():
                m = HEADER_FIELD.match(plain(lines[i]))
                if not m:
                    break
                label = lines[i].strip()[: lines[i].strip().index(":") + 1]
                field = {"ECONOMY": "economy", "LAST UPDATED": "updated"}.get(m.group(1).upper())
                t.rows.append([[Para(label)], [Para(m.group(2), field=field)] if m.group(2) else []])
                i += 1
                while i < len(lines) and not lines[i].strip() and i + 1 < len(lines) and HEADER_FIELD.match(plain(lines[i + 1])):
                    i += 1
            blocks.append(t)
            last_blank = True
            continue
        if SUMMARY_PART.match(plain(line)):
            summary = True
            t = two_col()
            cur = []
            head = Para(line.strip())
            i += 1
            # A part's title wrapped over lines (a text made from a PDF).
            while (
                i < len(lines)
                and lines[i].strip()
                and not head.text.rstrip().endswith(".")
                and not bullet(lines[i])
                and not is_section(lines[i])
            ):
                head.text = join_wrapped(head.text, lines[i])
                i += 1
            t.rows.append([[head], cur])
            last_blank = True
            continue
        if is_section(line) and (not summary or starts_body(lines, i)):
            summary = False
            close()
            t = two_col()
            t.rows.append([[Para(line.strip(), bold=True)]])  # one cell: merged across the row
            cur = None
            last_blank = True
            i += 1
            continue
        if not summary and is_contact(line):
            body = body_table
            close()
            t = Table(3)
            while i < len(lines) and lines[i].strip() and is_contact(lines[i]):
                parts = [p.strip() for p in CONTACT_LABELS.split(lines[i].strip()) if p.strip()]
                cells = []
                k = 0
                while k < len(parts):
                    if CONTACT_LABELS.fullmatch(parts[k]) and k + 1 < len(parts) and not CONTACT_LABELS.fullmatch(parts[k + 1]):
                        cells.append(parts[k] + " " + parts[k + 1])
                        k += 2
                    else:
                        cells.append(parts[k])
                        k += 1
                # Name and Title after the "Contact Point:" label; the phone row apart.
                phone = next((k for k, c in enumerate(cells) if c.startswith("Telephone")), len(cells))
                first, second = cells[:phone], cells[phone:]
                for row in (first, second):
                    if row:
                        t.rows.append([[Para(c)] for c in row])
                i += 1
            t.cols = max(len(r) for r in t.rows)
            blocks.append(t)
            if body is not None:
                # The section's template rows continue in a new table.
                pass
            last_blank = True
            continue
        if not summary and is_question(line):
            t = two_col()
            q = [Para(line.strip())]
            i += 1
            # A question split over lines ("WHAT SPECIFIC …" / "PLEASE BE AS SPECIFIC …").
            while i < len(lines) and lines[i].strip() and (is_question_tail(lines[i]) or wraps_question(lines[i - 1], lines[i])):
                q[-1].text += " " + lines[i].strip()
                i += 1
            # "CAPACITY BUILDING NEEDS: the answer" → the answer in the right cell.
            head, answer = split_inline(q[0].text)
            q[0].text = head
            cur = []
            if answer:
                add_para(cur, answer, False)
            t.rows.append([q, cur])
            last_blank = not answer
            continue
        # Text: into the open answer cell, else a paragraph of its own.
        if cur is not None:
            add_para(cur, line, True)
        else:
            close()
            add_para(blocks_paras(blocks), line, True)
        last_blank = False
        i += 1
    return blocks


def blocks_paras(blocks):
    """The list of loose paragraphs at the end of `blocks` (a new one after a table)."""
    if not blocks or not isinstance(blocks[-1], list):
        blocks.append([])
    return blocks[-1]


def wraps_question(prev, line):
    """A question hard-wrapped over lines: all capitals, no bullet."""
    p = plain(line)
    return p.isupper() and not bullet(line) and not is_section(line) and not is_question(line) and len(p) > 20 and plain(prev).isupper()


def split_inline(text):
    m = re.match(r"^((?:CAPACITY BUILDING NEEDS|ASSISTANCE AND EXPERTISE TO OFFER)\s*:)\s*(.+)$", text, re.I)
    if m:
        return m.group(1), m.group(2)
    return text, ""


def starts_body(lines, i):
    """Whether the section heading at line i starts the body (not a summary sub-heading):
    a section-numbered heading, or a group heading right before one, followed by a contact
    point or a template heading within a few lines."""
    seen = 0
    for l in lines[i + 1:]:
        if not l.strip():
            continue
        seen += 1
        if is_contact(l) or is_question(l):
            return True
        if is_section(l):
            continue
        if seen > 3:
            return False
        if bullet(l):
            return False
    return False


# ---------------------------------------------------------------- writing Word

INLINE = re.compile(r"(~~.*?~~|\*\*.*?\*\*|<u>.*?</u>|\[[^\]]*\]\([^)]*\)|\\\$)")


def add_runs(p, text, bold=False):
    """Adds `text` to paragraph `p`, turning markup into Word formatting."""
    for piece in INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("~~") and piece.endswith("~~") and len(piece) >= 4:
            r = p.add_run(piece[2:-2])
            r.font.strike = True
        elif piece.startswith("**") and piece.endswith("**") and len(piece) >= 4:
            r = p.add_run(piece[2:-2])
            r.bold = True
        elif piece.startswith("<u>"):
            r = p.add_run(piece[3:-4])
            r.underline = True
            r.bold = bold
        elif piece.startswith("[") and "](" in piece:
            add_hyperlink(p, piece[1 : piece.index("](")])
        elif piece == "\\$":
            p.add_run("$").bold = bold
        else:
            p.add_run(piece.replace("<u>", "").replace("</u>", "")).bold = bold


def add_hyperlink(p, text):
    h = OxmlElement("w:hyperlink")
    h.set(qn("w:anchor"), "ref")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    h.append(r)
    p._p.append(h)


def run_el(text, tag="w:t"):
    r = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def add_tracked(p, kind, text, rid):
    el = OxmlElement(kind)
    el.set(qn("w:id"), str(rid))
    el.set(qn("w:author"), "CTWG Secretariat")
    el.set(qn("w:date"), "2020-01-15T10:00:00Z")
    el.append(run_el(text, "w:delText" if kind == "w:del" else "w:t"))
    p._p.append(el)


def add_simple_field(p, instr, result):
    f = OxmlElement("w:fldSimple")
    f.set(qn("w:instr"), instr)
    f.append(run_el(result))
    p._p.append(f)


def add_complex_field(p, instr, result):
    def fld(kind):
        r = OxmlElement("w:r")
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        r.append(c)
        return r

    p._p.append(fld("begin"))
    p._p.append(run_el(instr, "w:instrText"))
    p._p.append(fld("separate"))
    p._p.append(run_el(result))
    p._p.append(fld("end"))


def add_text_box(p, text):
    """A VML text box anchored in paragraph `p`, as Word and LibreOffice write them."""
    r = OxmlElement("w:r")
    pict = OxmlElement("w:pict")
    shape = OxmlElement("v:shape")
    shape.set("style", "width:300pt;height:24pt")
    shape.set("type", "#_x0000_t202")
    box = OxmlElement("v:textbox")
    content = OxmlElement("w:txbxContent")
    inner = OxmlElement("w:p")
    inner.append(run_el(text))
    content.append(inner)
    box.append(content)
    shape.append(box)
    pict.append(shape)
    r.append(pict)
    p._p.append(r)


class Numbering:
    """Bullet and number definitions added to numbering.xml, one list instance per list."""

    FORMATS = {
        "-": ("bullet", "•"),
        "•": ("bullet", "•"),
        "·": ("bullet", "•"),
        "*": ("bullet", "•"),
        "o": ("bullet", "o"),
        "▪": ("bullet", "▪"),
        "※": ("bullet", "※"),
    }

    def __init__(self, doc):
        self.root = doc.part.numbering_part.element
        self.abstract = {}
        self.next_abstract = 900
        self.next_num = 900

    def style_of(self, marker):
        if marker in self.FORMATS:
            return self.FORMATS[marker]
        if re.fullmatch(r"\(\d+\)", marker):
            return ("decimal", "(%1)")
        if re.fullmatch(r"\d+\)", marker):
            return ("decimal", "%1)")
        if re.fullmatch(r"[a-z]\)", marker):
            return ("lowerLetter", "%1)")
        if re.fullmatch(r"\([ivx]+\)", marker):
            return ("lowerRoman", "(%1)")
        return ("bullet", "•")

    def new_list(self, fmt):
        """A new list instance (counting from 1) of format `fmt` = (numFmt, lvlText)."""
        if fmt not in self.abstract:
            a = OxmlElement("w:abstractNum")
            a.set(qn("w:abstractNumId"), str(self.next_abstract))
            for lvl in range(3):
                l = OxmlElement("w:lvl")
                l.set(qn("w:ilvl"), str(lvl))
                start = OxmlElement("w:start")
                start.set(qn("w:val"), "1")
                nf = OxmlElement("w:numFmt")
                nf.set(qn("w:val"), fmt[0])
                lt = OxmlElement("w:lvlText")
                lt.set(qn("w:val"), fmt[1].replace("%1", "%" + str(lvl + 1)))
                ppr = OxmlElement("w:pPr")
                ind = OxmlElement("w:ind")
                ind.set(qn("w:left"), str(360 * (lvl + 1)))
                ind.set(qn("w:hanging"), "360")
                ppr.append(ind)
                for e in (start, nf, lt, ppr):
                    l.append(e)
                a.append(l)
            first_num = self.root.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(a)
            else:
                self.root.append(a)
            self.abstract[fmt] = self.next_abstract
            self.next_abstract += 1
        n = OxmlElement("w:num")
        n.set(qn("w:numId"), str(self.next_num))
        aid = OxmlElement("w:abstractNumId")
        aid.set(qn("w:val"), str(self.abstract[fmt]))
        n.append(aid)
        for lvl in range(3):
            o = OxmlElement("w:lvlOverride")
            o.set(qn("w:ilvl"), str(lvl))
            s = OxmlElement("w:startOverride")
            s.set(qn("w:val"), "1")
            o.append(s)
            n.append(o)
        self.root.append(n)
        self.next_num += 1
        return self.next_num - 1


def set_num(p, num_id, level):
    ppr = p._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.append(numpr)


PLAIN_TABLES = False
A4 = False


class Writer:
    def __init__(self):
        self.doc = Document()
        if A4:
            from docx.shared import Cm

            sec = self.doc.sections[0]
            sec.page_width, sec.page_height = Cm(21), Cm(29.7)
            sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = Cm(2)
        self.doc.styles["Normal"].font.name = "Liberation Serif"
        self.doc.styles["Normal"].font.size = Pt(11)
        self.numbering = Numbering(self.doc)
        self.revision = 1
        self.decorated_needs = False
        self.boxed = False
        section = self.doc.sections[0]
        hp = section.header.paragraphs[0]
        hp.text = "APEC Counter-Terrorism Working Group"
        fp = section.footer.paragraphs[0]
        fp.text = "Counter-Terrorism Action Plan    Page "
        add_simple_field(fp, " PAGE ", "1")

    def paragraphs(self, container, paras):
        """Writes paras into a cell or the body; list paragraphs of one run share a list."""
        lists = {}
        first = True
        for para in paras:
            if container is None:
                p = self.doc.add_paragraph()
            elif first:
                p = container.paragraphs[0]
            else:
                p = container.add_paragraph()
            first = False
            if para.marker is not None:
                fmt = self.numbering.style_of(para.marker)
                if para.level == 0:
                    # Sub-levels restart under each new top-level list.
                    lists = {k: v for k, v in lists.items() if k[0] == 0}
                key = (para.level, fmt)
                if key not in lists:
                    lists[key] = self.numbering.new_list(fmt)
                set_num(p, lists[key], para.level)
                p.style = self.doc.styles["List Paragraph"]
            else:
                lists = {}
            self.text(p, para)

    def text(self, p, para):
        text = para.text
        if not self.boxed:
            # The first line of the document in a text box anchored here.
            self.boxed = True
            add_text_box(p, plain(text).replace("\\$", "$"))
            return
        if para.field == "economy":
            add_simple_field(p, ' DOCPROPERTY "Economy" ', plain(text))
            return
        if para.field == "updated":
            add_complex_field(p, ' DOCPROPERTY "LastUpdated" ', plain(text))
            return
        add_runs(p, text, para.bold)

    def table(self, t):
        # Header-field rows ("ECONOMY:" | value) and contact rows as they are.
        table = self.doc.add_table(rows=0, cols=t.cols)
        if not PLAIN_TABLES:
            table.style = self.doc.styles["Table Grid"]
        needs_cell = None
        for row in t.rows:
            r = table.add_row()
            cells = r.cells
            if len(row) < t.cols:
                # The last cell takes the rest of the row (merged: gridSpan).
                last = len(row) - 1
                cells[last].merge(cells[t.cols - 1])
            for k, cell in enumerate(row):
                self.paragraphs(r.cells[k], cell)
            if (
                needs_cell is None
                and not self.decorated_needs
                and len(row) == 2
                and row[0]
                and plain(row[0][0].text).upper().startswith(("WHAT SPECIFIC", "CAPACITY BUILDING NEEDS"))
                and row[1]
                and not plain(row[1][0].text).upper().startswith(("NIL", "N/A", "NONE", "-", "--"))
            ):
                needs_cell = r.cells[1]
        if needs_cell is not None:
            self.decorated_needs = True
            p = needs_cell.paragraphs[0]
            add_tracked(p, "w:del", " Draft wording withdrawn by the drafter.", self.revision)
            self.revision += 1
            r = p.add_run(" Struck wording that was never sent.")
            r.font.strike = True
            rd = p.add_run(" Doubly struck wording.")
            rd.font.double_strike = True
        self.doc.add_paragraph()

    def write(self, blocks, out):
        for b in blocks:
            if isinstance(b, Table):
                self.table(b)
            else:
                self.paragraphs(None, b)
        self.doc.save(out)


def main():
    global PLAIN_TABLES, A4
    args = sys.argv[1:]
    PLAIN_TABLES = "--plain-tables" in args
    A4 = "--a4" in args
    args = [a for a in args if a not in ("--plain-tables", "--a4")]
    if len(args) < 2:
        sys.exit("usage: make-documents.py [--plain-tables] [--a4] OUT_DIR FILE.txt...")
    out_dir = Path(args[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in args[1:]:
        src = Path(name)
        text = src.read_text(encoding="utf-8")
        blocks = read(text)
        out = out_dir / (src.stem + ".docx")
        Writer().write(blocks, str(out))
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
