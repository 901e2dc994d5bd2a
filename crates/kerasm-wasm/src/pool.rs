//! rayon's global pool on JavaScript threads, with the thread that loaded the module as one of
//! its members.
//!
//! JavaScript starts `threads - 1` helper threads (Web Workers, or Node's worker threads), each
//! instantiates the module on the shared memory and calls [`run_pool_thread`]; once they all do,
//! [`build_pool`] on the loading thread builds the pool. The loading thread is pool thread 0
//! (`use_current_thread`): a parallel loop it starts runs its first part itself while the
//! helpers steal the rest, instead of handing the whole loop to the pool and sleeping until it
//! is done. On two cores that is one helper rather than two threads competing with the caller,
//! and a split costs one wake-up rather than two. The pool tells by the host's clock whether its
//! helpers get a core (`kerasm_core::parallel`): [`build_pool`] installs it.
use std::sync::{Condvar, Mutex};

use kerasm_core::parallel::set_clock;
use rayon::{ThreadBuilder, ThreadPoolBuilder};
use wasm_bindgen::prelude::*;

/// Pool threads that `build_pool` made and no helper has taken yet. A condition variable, not a
/// channel: a helper blocked in std's channel `recv` was never woken by the `send` (seen as a
/// hang at start-up), while condition variables are what rayon itself sleeps on.
static WAITING: Mutex<Vec<ThreadBuilder>> = Mutex::new(Vec::new());
static ARRIVED: Condvar = Condvar::new();

/// Builds the global pool of `threads` threads, the calling thread included. Returns once every
/// helper runs its pool thread, so each of the `threads - 1` helpers must already be in (or on
/// its way to) [`run_pool_thread`].
#[wasm_bindgen]
pub fn build_pool(threads: usize) -> Result<(), JsError> {
    if threads == 0 {
        return Err(JsError::new("a thread pool needs at least one thread"));
    }
    set_clock(host_now_ms);
    ThreadPoolBuilder::new()
        .num_threads(threads)
        .use_current_thread()
        .spawn_handler(|thread| {
            WAITING.lock().map_err(|_| std::io::Error::other("the thread pool's hand-off was poisoned"))?.push(thread);
            ARRIVED.notify_one();
            Ok(())
        })
        .build_global()
        .map_err(|e| JsError::new(&format!("could not start the thread pool: {e}")))
}

/// Runs on a helper thread: waits for a pool thread from [`build_pool`] and runs rayon's work
/// loop in it, which never returns.
#[wasm_bindgen]
pub fn run_pool_thread() -> Result<(), JsError> {
    let poisoned = |_| JsError::new("the thread pool's hand-off was poisoned");
    let mut waiting = ARRIVED.wait_while(WAITING.lock().map_err(poisoned)?, |w| w.is_empty()).map_err(poisoned)?;
    let thread = waiting.pop().expect("woken with a thread waiting");
    drop(waiting);
    thread.run();
    Ok(())
}

#[wasm_bindgen]
extern "C" {
    type Performance;
    #[wasm_bindgen(thread_local_v2, js_name = performance)]
    static PERFORMANCE: Performance;
    #[wasm_bindgen(method, getter = timeOrigin)]
    fn time_origin(this: &Performance) -> f64;
    #[wasm_bindgen(method)]
    fn now(this: &Performance) -> f64;
}

thread_local! {
    /// This thread's `performance.timeOrigin`: each worker counts `performance.now()` from its own
    /// start, so the pool's threads compare times from the page's (or process's) epoch instead.
    static TIME_ORIGIN_MS: f64 = PERFORMANCE.with(Performance::time_origin);
}

/// The pool's clock (see `kerasm_core::parallel::set_clock`): milliseconds since the Unix epoch,
/// with `performance.now()`'s resolution, the same on every thread.
fn host_now_ms() -> f64 {
    TIME_ORIGIN_MS.with(|origin| origin + PERFORMANCE.with(Performance::now))
}

/// The compiled module, for the helpers to instantiate on the same memory.
#[wasm_bindgen]
pub fn wasm_module() -> JsValue {
    wasm_bindgen::module()
}
