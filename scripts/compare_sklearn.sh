#!/usr/bin/env bash
# capmatch against a scikit-learn TF-IDF top-10 baseline, on the same corpus, in the
# same minutes: wall time and peak memory (GNU time -v) and recall@10 of planted pairs.
#
#   scripts/compare_sklearn.sh own N         # capmatch synth --needs N --offers N --seed 7
#   scripts/compare_sklearn.sh second N      # scripts/second_generator.py, seed 7
#   scripts/compare_sklearn.sh CORPUS.json TRUTH.json
#
# Environment: VENV (default /tmp/capmatch-sklearn-venv; made with python3 -m venv and
# `pip install scikit-learn numpy scipy` from PyPI when missing — nothing here is needed
# by cargo test), OUT (work files, default /tmp/capmatch-compare), SEED (default 7), THREADS
# (capmatch --threads; default: all cores), JOBS (sklearn worker processes to try,
# default "1 2"), RUNS (capmatch runs, whose median time counts; default 3), FORMAT
# (capmatch's --format: json, the default, with every match's components, evidence and
# contributions; or jsonl, need, offer, rank, score and tier only, the content of the
# CSV that sklearn writes). The
# sklearn chunk size and dtype are chosen by timing them on the first 4,096 needs of
# the corpus (scripts/compare_sklearn.py --tune). After each sklearn run capmatch
# runs RUNS times again, and a DRIFT line gives the ratio against the median of
# its runs just before and just after (the machine's speed drifts over minutes).
# capmatch is built with cargo as the environment says: RUSTFLAGS and CARGO_TARGET_DIR
# are honoured (for instance RUSTFLAGS="-C target-cpu=native", README "Building for
# this processor"). Every run is printed with its steal: the share of CPU time the
# hypervisor gave to other virtual machines meanwhile (scripts/steal.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/steal.sh
[ $# -eq 2 ] || { sed -n '2,/^set /{/^set /!p}' "$0"; exit 2; }
venv=${VENV:-/tmp/capmatch-sklearn-venv}
out=${OUT:-/tmp/capmatch-compare}
seed=${SEED:-7}
jobs=${JOBS:-1 2}
runs=${RUNS:-3}
format=${FORMAT:-json}
mkdir -p "$out"

if ! "$venv/bin/python" -c 'import sklearn, scipy, numpy' 2> /dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet scikit-learn numpy scipy
fi
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/capmatch

case $1 in
  own)
    corpus=$out/own-$2.json truth=$out/own-$2.truth.json
    "$bin" synth --needs "$2" --offers "$2" --seed "$seed" -o "$corpus" --truth "$truth" ;;
  second)
    corpus=$out/second-$2.json truth=$out/second-$2.truth.json
    python3 scripts/second_generator.py --needs "$2" --offers "$2" --seed "$seed" -o "$corpus" --truth "$truth" ;;
  *) corpus=$1 truth=$2 ;;
esac
name=$(basename "$corpus" .json)

timed() { # label, command... -> sets secs, gib, recall, steal
  local label=$1 mark; shift
  mark=$(steal_mark)
  /usr/bin/time -v -o "$out/$name.$label.time" "$@" > "$out/$name.$label.stdout" 2> "$out/$name.$label.stderr" \
    || { cat "$out/$name.$label.stderr"; exit 1; }
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$out/$name.$label.time")
  gib=$(awk -F': ' '/Maximum resident set size/ { printf "%.2f", $2 / 1048576 }' "$out/$name.$label.time")
  recall=$(grep -o 'recall@10 of planted pairs: [0-9.]*' "$out/$name.$label.stderr" | awk '{ print $NF }')
  steal=$(steal_since "$mark")
}

echo "corpus $corpus; load before: $(uptime | sed 's/.*load average: //')"
threads_flag=()
[ -n "${THREADS:-}" ] && threads_flag=(--threads "$THREADS")
# capmatch runs RUNS times and its median time counts: one run of a few seconds is
# decided by the shared machine's momentary load (5.11 s and 2.82 s minutes apart
# at 30k), while scikit-learn's run of minutes averages it out.
median() { printf '%s\n' "$@" | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
capmatch_runs() { # -> run_secs, run_steal (of RUNS runs), gib, recall
  run_secs=() run_steal=()
  for r in $(seq "$runs"); do
    timed capmatch "$bin" "${threads_flag[@]}" match --quiet --top 10 --format "$format" --truth "$truth" -o "$out/$name.capmatch.$format" "$corpus"
    run_secs+=("$secs") run_steal+=("$steal")
  done
}
capmatch_runs
cm_all=("${run_secs[@]}") cm_steal=("${run_steal[@]}")
cm_secs=$(median "${cm_all[@]}")
cm_gib=$gib cm_recall=$recall
echo "capmatch (threads: ${THREADS:-all $(nproc) cores}; --format $format): median $cm_secs s of ${cm_all[*]} s (steal ${cm_steal[*]}), $cm_gib GiB, recall@10 $cm_recall"

tune=$("$venv/bin/python" scripts/compare_sklearn.py "$corpus" "$truth" --tune 2> "$out/$name.tune.stderr")
chunk=$("$venv/bin/python" -c 'import json, sys; print(json.loads(sys.argv[1])["chunk"])' "$tune")
dtype=$("$venv/bin/python" -c 'import json, sys; print(json.loads(sys.argv[1])["dtype"])' "$tune")
sed 's/^/  /' "$out/$name.tune.stderr"
echo "sklearn settings chosen: chunk $chunk, $dtype"

for j in $jobs; do
  timed "sklearn-j$j" "$venv/bin/python" scripts/compare_sklearn.py "$corpus" "$truth" --top 10 \
    --chunk "$chunk" --dtype "$dtype" --jobs "$j" --output "$out/$name.sklearn-j$j.csv"
  echo "sklearn (jobs $j): $secs s, $gib GiB, recall@10 $recall, steal $steal; phases $(cat "$out/$name.sklearn-j$j.stdout")"
  printf 'SUMMARY %s | capmatch %s s (%s GiB) recall %s | sklearn jobs %s: %s s (%s GiB) recall %s | sklearn/capmatch time %.1fx | load %s | steal capmatch %s, sklearn %s\n' \
    "$name" "$cm_secs" "$cm_gib" "$cm_recall" "$j" "$secs" "$gib" "$recall" \
    "$(awk -v a="$secs" -v b="$cm_secs" 'BEGIN { print a / b }')" "$(uptime | sed 's/.*load average: //')" \
    "${cm_steal[*]}" "$steal"
  # The machine's speed drifts over minutes: capmatch runs again right after, and
  # the ratio against the median of its runs before and after shows how much
  # the minute decided (the SUMMARY line above keeps the runs before only).
  sk_secs=$secs
  capmatch_runs
  around=$(median "${cm_all[@]}" "${run_secs[@]}")
  printf 'DRIFT %s | capmatch after sklearn jobs %s: median %s s of %s s (steal %s) | sklearn/capmatch time %.1fx against the median of the runs before and after (%s s)\n' \
    "$name" "$j" "$(median "${run_secs[@]}")" "${run_secs[*]}" "${run_steal[*]}" "$(awk -v a="$sk_secs" -v b="$around" 'BEGIN { print a / b }')" "$around"
  cm_all=("${run_secs[@]}") cm_steal=("${run_steal[@]}")
done
