#!/usr/bin/env bash
# Scale benchmark: for each N, generate N needs x N offers with planted matches
# (`capmatch synth`), match them (`capmatch match --top 10 --truth`), and report wall
# time, peak memory (GNU time's maximum resident set size) and recall@10 of the
# planted pairs; the same with the compact `--format jsonl`; at the first size also
# the recall of `--exact` (no pruning); and at every size the recall of a sample of
# $SAMPLE needs (default 2000; 0 skips it) ranked against every offer and with the
# candidate index (`match --sample-needs`), which tells the index's loss from the
# scorer's where `--exact` on everything is out of reach.
#
#   scripts/scale.sh [N ...]        default: 10000 100000 1000000
#   GENERATOR=1 scripts/scale.sh    the synthetic generator of capmatch 0.1
#
# Files go to $SCALE_DIR (default ./scale-out). Needs GNU time at /usr/bin/time.
# "steal" is the share of the machine's CPU time the hypervisor gave to other
# virtual machines during the run (scripts/steal.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/steal.sh
sizes=("${@:-10000 100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
dir=${SCALE_DIR:-scale-out}
mkdir -p "$dir"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/capmatch

measure() { # label, command...
  local label=$1 mark; shift
  mark=$(steal_mark)
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" 2> "$dir/stderr.txt" || { cat "$dir/stderr.txt"; exit 1; }
  read -r secs kb < "$dir/time.txt"
  recall=$(grep -o 'recall@10 of planted pairs: [0-9.]*' "$dir/stderr.txt" | awk '{print $NF}' || true)
  printf '| %s | %s s | %.2f GiB | %s | %s |\n' "$label" "$secs" "$(awk -v kb="$kb" 'BEGIN { print kb / 1048576 }')" \
    "${recall:--}" "$(steal_since "$mark")"
}

echo "| run | wall time | peak memory | recall@10 | steal |"
echo "|---|---|---|---|---|"
first=1
for n in "${sizes[@]}"; do
  measure "synth $n x $n" "$bin" synth --needs "$n" --offers "$n" --seed 7 \
    --generator "${GENERATOR:-2}" --truth "$dir/truth-$n.json" -o "$dir/corpus-$n.json"
  measure "match $n x $n" "$bin" match --quiet --top 10 --truth "$dir/truth-$n.json" \
    -o "$dir/matches-$n.json" "$dir/corpus-$n.json"
  measure "match $n x $n --format jsonl" "$bin" match --quiet --top 10 --format jsonl \
    --truth "$dir/truth-$n.json" -o "$dir/matches-$n.jsonl" "$dir/corpus-$n.json"
  if [ "${SAMPLE:-2000}" != 0 ]; then
    "$bin" match --quiet --top 10 --truth "$dir/truth-$n.json" --sample-needs "${SAMPLE:-2000}" \
      "$dir/corpus-$n.json" 2>&1 | sed 's/^/    /'
  fi
  if [ "$first" = 1 ]; then
    measure "match $n x $n --exact" "$bin" match --quiet --exact --top 10 --truth "$dir/truth-$n.json" \
      -o "$dir/exact-$n.json" "$dir/corpus-$n.json"
    first=0
  fi
done
