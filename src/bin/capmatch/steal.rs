//! How much of the machine's CPU time went to other virtual machines while a command
//! ran: the "steal" of Linux's `/proc/stat`, printed beside `match --timings`.
//!
//! On a shared virtual machine the hypervisor runs other guests on the same
//! processors, and the time it takes from this one is counted as steal. On the
//! machine capmatch is developed on it went from 0 to 28% within one hour, and the
//! same build's wall time moved with it: a time read without it cannot be compared
//! with another. Where `/proc/stat` is missing or has no steal field (not Linux, or a
//! kernel before 2.6.11), nothing is printed.

use std::fs;

/// CPU ticks since boot, over all processors: in total, and stolen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StealMark {
    total: u64,
    steal: u64,
}

impl StealMark {
    /// The machine's counts now, if it reports steal.
    pub(crate) fn now() -> Option<StealMark> {
        parse(&fs::read_to_string("/proc/stat").ok()?)
    }

    /// The share of the machine's CPU time stolen between `self` and `later`, in
    /// [0, 1], if any CPU time passed.
    pub(crate) fn share_until(self, later: StealMark) -> Option<f64> {
        let total = later.total.checked_sub(self.total).filter(|&t| t > 0)?;
        let steal = later.steal.checked_sub(self.steal)?;
        Some((steal as f64 / total as f64).clamp(0.0, 1.0))
    }
}

/// The first line of `/proc/stat`, `cpu  user nice system idle iowait irq softirq
/// steal [guest guest_nice]`: guest time is already inside user time, so the total
/// is the first eight numbers.
fn parse(stat: &str) -> Option<StealMark> {
    let line = stat.lines().find(|l| l.split_whitespace().next() == Some("cpu"))?;
    let ticks: Vec<u64> =
        line.split_whitespace().skip(1).take(8).map(|f| f.parse().ok()).collect::<Option<_>>()?;
    let &steal = ticks.get(7)?;
    Some(StealMark { total: ticks.iter().sum(), steal })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_machine_line_gives_total_and_stolen_ticks() {
        let stat = "cpu  100 5 20 800 10 1 2 62 40 0\ncpu0 50 2 10 400 5 0 1 31 20 0\nintr 1 2 3\n";
        assert_eq!(parse(stat), Some(StealMark { total: 1000, steal: 62 }));
    }

    #[test]
    fn without_a_steal_field_there_is_no_mark() {
        assert_eq!(parse("cpu  100 5 20 800 10 1 2\n"), None);
        assert_eq!(parse("cpu0 1 2 3 4 5 6 7 8\n"), None);
        assert_eq!(parse("cpu  1 2 x 4 5 6 7 8\n"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn the_share_is_of_the_ticks_between_two_marks() {
        let before = StealMark { total: 1000, steal: 62 };
        let after = StealMark { total: 1400, steal: 162 };
        assert_eq!(before.share_until(after), Some(0.25));
        assert_eq!(before.share_until(before), None);
        // Counters that went backwards (a different machine's file) give nothing.
        assert_eq!(after.share_until(before), None);
    }
}
