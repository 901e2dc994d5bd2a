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
