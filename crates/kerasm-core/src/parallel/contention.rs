//! Whether the pool's helpers are getting a core. On a shared host another process may hold a
//! core the pool counts on; a helper that is descheduled while it holds part of a loop makes the
//! caller wait for a scheduler slice (milliseconds) to finish work that takes microseconds, and a
//! helper spinning for work takes the core the caller needs. A helper kept from its core for
//! [`LATE_MS`] or more is reported (by itself when it gets the core back, or by the caller when a
//! summons waits that long: `warm.rs`); for [`BACK_OFF_MS`] after the last report the pool backs
//! off (`stays_inline` in `parallel.rs`), and it recovers by itself once reports stop.
use std::sync::atomic::{AtomicU64, Ordering};

/// A helper that waited this long for a core, to start work it was summoned to or between two
/// polls for work, was descheduled: a healthy wake-up takes tens of microseconds, a poll less
/// than one, while a scheduler slice is milliseconds.
pub(super) const LATE_MS: f64 = 0.5;
/// How long the pool backs off after the last report. Long enough that a workload of short loops
/// (a batch-1 prediction, ≈ 1 ms) does not pay a helper's descheduling every few calls while the
/// other process runs; short enough that the pool is back to full speed soon after it stops.
const BACK_OFF_MS: f64 = 100.0;

/// When a helper was last reported kept from its core (f64 milliseconds, as bits).
pub(super) struct Contention {
    last_report_ms: AtomicU64,
}

/// The pool's record.
pub(super) static CONTENTION: Contention = Contention::new();

impl Contention {
    pub(super) const fn new() -> Self {
        Contention { last_report_ms: AtomicU64::new(f64::NEG_INFINITY.to_bits()) }
    }

    /// A helper was kept from its core until `now_ms`. (Reports from several helpers land
    /// microseconds apart: whichever is stored last will do.)
    pub(super) fn report(&self, now_ms: f64) {
        self.last_report_ms.store(now_ms.to_bits(), Ordering::Relaxed);
    }

    /// Whether the pool backs off at `now_ms`: a helper reported within [`BACK_OFF_MS`].
    pub(super) fn backs_off(&self, now_ms: f64) -> bool {
        now_ms - f64::from_bits(self.last_report_ms.load(Ordering::Relaxed)) < BACK_OFF_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_backs_off_for_a_while_after_each_report() {
        let contention = Contention::new();
        assert!(!contention.backs_off(0.0), "no helper reported yet");
        contention.report(10.0);
        assert!(contention.backs_off(10.0));
        assert!(contention.backs_off(10.0 + BACK_OFF_MS - 1.0));
        assert!(!contention.backs_off(10.0 + BACK_OFF_MS), "reports stopped: the pool recovers");
        // Contention that persists keeps it backing off.
        contention.report(10.0 + BACK_OFF_MS);
        assert!(contention.backs_off(10.0 + 2.0 * BACK_OFF_MS - 1.0));
    }
}
