//! Helpers that stay awake between parallel loops. In WebAssembly the thread that calls kerasm
//! is the pool's first thread and the helpers sleep in `Atomics.wait` when idle; waking one takes
//! tens of microseconds in a VM, which a batch-1 prediction would pay at every layer.
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Idle polls a warm helper makes before it goes back to sleep: about a millisecond.
const WARM_IDLE_ROUNDS: u32 = 20_000;
/// Helpers that run (or are about to run) [`stay_warm`].
static WARM_HELPERS: AtomicUsize = AtomicUsize::new(0);
/// Bumped by every parallel loop the pool's first thread starts: a warm helper's idle clock.
static ACTIVITY: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static IS_WARM: Cell<bool> = const { Cell::new(false) };
}

/// Keeps the pool's helpers polling for work for a while (about a millisecond after the last
/// parallel loop) instead of going to sleep at once, as OpenMP runtimes do. Called on the pool's
/// first thread before each parallel loop; elsewhere (a caller outside the pool, as native code
/// usually is, or another pool thread) it does nothing.
pub fn keep_helpers_warm() {
    if rayon::current_thread_index() != Some(0) {
        return;
    }
    ACTIVITY.fetch_add(1, Ordering::Relaxed);
    let helpers = rayon::current_num_threads() - 1;
    while WARM_HELPERS.load(Ordering::Relaxed) < helpers {
        WARM_HELPERS.fetch_add(1, Ordering::Relaxed);
        rayon::spawn(stay_warm);
    }
}

/// A helper's warm loop: runs the pool's jobs as they appear until none has for
/// [`WARM_IDLE_ROUNDS`] polls and no new loop started. Returns at once on the first thread (which
/// would otherwise spin instead of returning to JavaScript) and on a thread that is already warm.
fn stay_warm() {
    if rayon::current_thread_index() != Some(0) && !IS_WARM.replace(true) {
        let mut seen = ACTIVITY.load(Ordering::Relaxed);
        let mut idle = 0;
        while idle < WARM_IDLE_ROUNDS {
            let now = ACTIVITY.load(Ordering::Relaxed);
            if rayon::yield_now() == Some(rayon::Yield::Executed) || now != seen {
                (seen, idle) = (now, 0);
            } else {
                idle += 1;
            }
        }
        IS_WARM.set(false);
    }
    WARM_HELPERS.fetch_sub(1, Ordering::Relaxed);
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
        keep_helpers_warm();
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
