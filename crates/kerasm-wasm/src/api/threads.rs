//! What JavaScript needs to know about the thread pool.
use wasm_bindgen::prelude::*;

/// The number of threads rayon runs kernels on (1 in the single-thread variant).
#[wasm_bindgen]
pub fn thread_count() -> usize {
    rayon::current_num_threads()
}

/// How many distinct pool threads took part in a parallel loop of `tasks` tasks.
#[wasm_bindgen]
pub fn observed_thread_count(tasks: usize) -> usize {
    kerasm_core::parallel::observed_worker_indices(tasks).len()
}

/// The calling thread's index in the pool: 0 when it is the pool's first thread, as both builds
/// make it; -1 outside any pool.
#[wasm_bindgen]
pub fn caller_thread_index() -> i32 {
    rayon::current_thread_index().map_or(-1, |i| i as i32)
}
