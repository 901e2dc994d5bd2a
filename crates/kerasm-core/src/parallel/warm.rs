//! Helpers that stay awake between parallel loops. In WebAssembly the thread that calls kerasm
//! is the pool's first thread and the helpers sleep in `Atomics.wait` when idle; waking one takes
//! tens of microseconds in a VM, which a batch-1 prediction would pay at every layer. Keeping
//! warm is also where the helpers notice that they are not getting a core ([`super::contention`]):
//! a summons started late, or a gap between two polls.
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::clock::now_ms;
use super::contention::{CONTENTION, LATE_MS};

/// How long a warm helper polls for work after the last parallel loop before it goes back to sleep.
const WARM_MS: f64 = 1.0;
/// Helpers that run (or were summoned to run) [`stay_warm`].
static WARM_HELPERS: AtomicUsize = AtomicUsize::new(0);
/// Summonses (spawned [`stay_warm`] jobs) that no thread has started yet.
static UNSTARTED: AtomicUsize = AtomicUsize::new(0);
/// When the pool's first thread last summoned a helper (f64 milliseconds, as bits).
static SUMMONED_MS: AtomicU64 = AtomicU64::new(0);
/// When the pool's first thread last started a parallel loop (as bits): a warm helper's idle clock.
static LOOP_MS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static IS_WARM: Cell<bool> = const { Cell::new(false) };
}

/// Reports contention if a summons has waited [`LATE_MS`] for a helper to start it: the helpers
/// are not getting a core.
pub(super) fn report_unanswered_summons(now_ms: f64) {
    if UNSTARTED.load(Ordering::Relaxed) > 0 && now_ms - f64::from_bits(SUMMONED_MS.load(Ordering::Relaxed)) >= LATE_MS {
        CONTENTION.report(now_ms);
    }
}

/// Keeps the pool's helpers polling for work until [`WARM_MS`] after this parallel loop (started
/// at `now_ms`) instead of going to sleep at once, as OpenMP runtimes do. Called on the pool's
/// first thread before each parallel loop while the pool is not backing off; elsewhere (a caller
/// outside the pool, as native code usually is, or another pool thread) it does nothing.
pub(super) fn keep_helpers_warm(now_ms: f64) {
    if rayon::current_thread_index() != Some(0) {
        return;
    }
    LOOP_MS.store(now_ms.to_bits(), Ordering::Relaxed);
    let helpers = rayon::current_num_threads() - 1;
    while WARM_HELPERS.load(Ordering::Relaxed) < helpers {
        WARM_HELPERS.fetch_add(1, Ordering::Relaxed);
        UNSTARTED.fetch_add(1, Ordering::Relaxed);
        SUMMONED_MS.store(now_ms.to_bits(), Ordering::Relaxed);
        rayon::spawn(stay_warm);
    }
}

/// A summoned helper: reports a summons it started late (and goes back to sleep), else polls for
/// work while warm. Returns at once on the first thread (which would otherwise spin instead of
/// returning to JavaScript) and on a thread that is already warm.
fn stay_warm() {
    UNSTARTED.fetch_sub(1, Ordering::Relaxed);
    if rayon::current_thread_index() != Some(0) && !IS_WARM.replace(true) {
        if let Some(start_ms) = now_ms() {
            if start_ms - f64::from_bits(SUMMONED_MS.load(Ordering::Relaxed)) >= LATE_MS {
                CONTENTION.report(start_ms);
            } else {
                poll_while_warm(start_ms);
            }
        }
        IS_WARM.set(false);
    }
    WARM_HELPERS.fetch_sub(1, Ordering::Relaxed);
}

/// Runs the pool's jobs as they appear until none has run and no loop started for [`WARM_MS`],
/// the pool backs off, or the helper finds that it lost its core between two polls (reported).
fn poll_while_warm(start_ms: f64) {
    let (mut polled_ms, mut busy_ms) = (start_ms, start_ms);
    loop {
        let executed = rayon::yield_now() == Some(rayon::Yield::Executed);
        let Some(now_ms) = now_ms() else { return };
        if executed {
            busy_ms = now_ms;
        } else if now_ms - polled_ms >= LATE_MS {
            // An empty poll takes well under a microsecond: the helper was descheduled.
            CONTENTION.report(now_ms);
            return;
        }
        let last_loop_ms = f64::from_bits(LOOP_MS.load(Ordering::Relaxed));
        if CONTENTION.backs_off(now_ms) || now_ms - busy_ms.max(last_loop_ms) >= WARM_MS {
            return;
        }
        polled_ms = now_ms;
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::parallel::observed_worker_indices;

    #[test]
    fn a_warmed_helper_takes_part_and_then_goes_back_to_sleep() {
        // As in WebAssembly, the calling thread is the pool's first thread.
        let _pool = rayon::ThreadPoolBuilder::new().num_threads(2).use_current_thread().build().unwrap();
        assert_eq!(rayon::current_thread_index(), Some(0));
        keep_helpers_warm(now_ms().unwrap());
        assert_eq!(observed_worker_indices(8), vec![Some(0), Some(1)]);
        // The caller never runs the warm loop itself: draining its own queue (where the warm-up
        // job was pushed) returns.
        while rayon::yield_now() == Some(rayon::Yield::Executed) {}
        let deadline = Instant::now() + Duration::from_secs(10);
        while WARM_HELPERS.load(Ordering::Relaxed) != 0 {
            assert!(Instant::now() < deadline, "the helper is still polling 10 s after the last loop");
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}
