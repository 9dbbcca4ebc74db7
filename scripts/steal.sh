# Sourced by the benchmark scripts (scale.sh, compare_sklearn.sh): how much of the
# machine's CPU time the hypervisor gave to other virtual machines while a command
# ran ("steal", the eighth number of /proc/stat's cpu line). On the shared machine
# capmatch is developed on it ranged from 0 to 28% within one hour, and the same
# build's wall time moves with it: a figure taken while steal is high is not
# comparable with one taken while it is low. Where /proc/stat has no such field
# (not Linux), the share is "n/a".

# A mark to measure from: total CPU ticks and steal ticks so far.
steal_mark() {
  awk '/^cpu / { if (NF < 9) exit; t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $9; exit }' /proc/stat 2> /dev/null || true
}

# The share of CPU time stolen since MARK (from steal_mark), as "N%", or "n/a".
steal_since() {
  local after
  after=$(steal_mark)
  if [ -z "$1" ] || [ -z "$after" ]; then echo n/a; return; fi
  awk -v b="$1" -v a="$after" 'BEGIN {
    split(b, x, " "); split(a, y, " "); t = y[1] - x[1]
    printf "%.0f%%\n", (t > 0 ? 100 * (y[2] - x[2]) / t : 0) }'
}
