//! The pool when its helper does not get a core, in a process of its own (the pool's state is
//! global, and other tests' pools would share it): the caller finishes the loop by itself, and
//! the pool backs off.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kerasm_core::parallel::{map, runs_inline, BACK_OFF_FACTOR, PARALLEL_MIN_LEN};

#[test]
fn a_helper_that_never_arrives_leaves_the_loop_to_the_caller_and_the_pool_backs_off() {
    // As in WebAssembly, the calling thread is the pool's first thread.
    let _pool = rayon::ThreadPoolBuilder::new().num_threads(2).use_current_thread().build().unwrap();
    let (occupied, released) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
    // The helper is kept busy, as a helper descheduled by another process would be.
    rayon::spawn({
        let (occupied, released) = (occupied.clone(), released.clone());
        move || {
            occupied.store(true, Ordering::Release);
            while !released.load(Ordering::Acquire) {
                std::hint::spin_loop();
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while !occupied.load(Ordering::Acquire) {
        assert!(Instant::now() < deadline, "the helper never took its job");
        std::thread::sleep(Duration::from_millis(1));
    }

    // Large enough for the pool: the helper is summoned, and every chunk is left to the caller.
    let len = 2 * PARALLEL_MIN_LEN;
    let src: Vec<f32> = (0..len).map(|i| i as f32).collect();
    let mut dst = vec![0.0; len];
    map(&src, &mut dst, |x| 2.0 * x + 1.0);
    assert!(dst.iter().enumerate().all(|(i, &y)| y == 2.0 * i as f32 + 1.0));

    // Half a millisecond later the summons is still not started: the next loop reports it, and
    // the pool backs off. Loops of that size then stay on the caller; only long ones go to the pool.
    std::thread::sleep(Duration::from_millis(2));
    assert!(runs_inline(len), "the pool should back off while its helper has no core");
    assert!(!runs_inline(BACK_OFF_FACTOR * PARALLEL_MIN_LEN));
    released.store(true, Ordering::Release);
}
