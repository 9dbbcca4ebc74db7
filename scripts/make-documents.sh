#!/usr/bin/env bash
# Renders the bundled CTAPs and the variants to Word (python-docx, real Word tables)
# and PDF (LibreOffice, headless) under tests/data/documents/, which the tests read;
# they need neither tool. Run it again after changing scripts/make-documents.py.
#
# Needs python3 (python-docx is installed into a private venv) and LibreOffice
# (Debian: apt-get install -y libreoffice-writer-nogui).
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/data/documents
venv=${VENV:-target/docs-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'python-docx==1.2.0'
fi
inputs=(
  tests/data/ctap/hkc-2020.txt
  tests/data/ctap/rok-2014.txt
  tests/data/ctap/variants/chl-2005-cttf.txt
  tests/data/ctap/variants/nz-2009-no-summary.txt
  tests/data/ctap/variants/phl-2012-numbered.txt
  tests/data/ctap/variants/tha-2018-glued-header.txt
  tests/data/ctap/variants/vn-2019-table.txt
  tests/data/ctap/variants/pe-2016-pdf.txt
  tests/data/ctap/variants/pe-2016-act-anticorruption.txt
)
mkdir -p "$out"
"$venv/bin/python" scripts/make-documents.py "$out" "${inputs[@]}"
# One LibreOffice profile of our own, so a running office does not get in the way.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for docx in "$out"/*.docx; do
  soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$out" "$docx" > /dev/null
  echo "wrote ${docx%.docx}.pdf"
done
# The same documents saved again by LibreOffice: another writer's Word XML (its own
# numbering, text boxes as mc:AlternateContent, hyperlinks and page numbers as
# complex fields), which the Word reader must read the same.
mkdir -p "$out/libreoffice"
for docx in "$out"/*.docx; do
  case $docx in *anticorruption*) continue ;; esac
  soffice -env:UserInstallation=file://"$profile" --headless --convert-to docx:"MS Word 2007 XML" \
    --outdir "$out/libreoffice" "$docx" > /dev/null
  echo "wrote $out/libreoffice/$(basename "$docx")"
done
