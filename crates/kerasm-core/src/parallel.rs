//! The one place element-wise work is split over rayon's pool: large buffers are cut into
//! disjoint chunks, small ones run inline so that tiny tensors do not pay for a fork.
use rayon::prelude::*;

/// Below this many elements a loop runs on the calling thread: waking pool threads (an
/// `Atomics.wait` round trip in WebAssembly) costs about what a loop over 2^17 floats does.
pub const PARALLEL_MIN_LEN: usize = 1 << 17;
/// Elements per parallel task: large enough to amortise scheduling, small enough to balance.
pub const CHUNK_LEN: usize = 1 << 13;

/// Whether a loop of `len` elements should run on the calling thread: it is small, or the pool
/// has a single thread (handing work to it would only add a round trip).
pub fn runs_inline(len: usize) -> bool {
    len < PARALLEL_MIN_LEN || rayon::current_num_threads() < 2
}

/// `dst[i] = f(src[i])`.
pub fn map(src: &[f32], dst: &mut [f32], f: impl Fn(f32) -> f32 + Sync) {
    debug_assert_eq!(src.len(), dst.len());
    if runs_inline(dst.len()) {
        dst.iter_mut().zip(src).for_each(|(d, &s)| *d = f(s));
    } else {
        dst.par_chunks_mut(CHUNK_LEN).zip(src.par_chunks(CHUNK_LEN)).for_each(|(d, s)| {
            d.iter_mut().zip(s).for_each(|(d, &s)| *d = f(s));
        });
    }
}

/// `dst[i] = f(a[i], b[i])`.
pub fn zip_map(a: &[f32], b: &[f32], dst: &mut [f32], f: impl Fn(f32, f32) -> f32 + Sync) {
    debug_assert!(a.len() == dst.len() && b.len() == dst.len());
    if runs_inline(dst.len()) {
        dst.iter_mut().zip(a.iter().zip(b)).for_each(|(d, (&x, &y))| *d = f(x, y));
    } else {
        dst.par_chunks_mut(CHUNK_LEN)
            .zip(a.par_chunks(CHUNK_LEN).zip(b.par_chunks(CHUNK_LEN)))
            .for_each(|(d, (a, b))| d.iter_mut().zip(a.iter().zip(b)).for_each(|(d, (&x, &y))| *d = f(x, y)));
    }
}

/// `dst[i] = f(a[i], b[i], c[i])`: backward passes that need the input, output and gradient.
pub fn zip3_map(a: &[f32], b: &[f32], c: &[f32], dst: &mut [f32], f: impl Fn(f32, f32, f32) -> f32 + Sync) {
    debug_assert!(a.len() == dst.len() && b.len() == dst.len() && c.len() == dst.len());
    let run = |d: &mut [f32], a: &[f32], b: &[f32], c: &[f32]| {
        for i in 0..d.len() {
            d[i] = f(a[i], b[i], c[i]);
        }
    };
    if runs_inline(dst.len()) {
        run(dst, a, b, c);
    } else {
        dst.par_chunks_mut(CHUNK_LEN)
            .zip(a.par_chunks(CHUNK_LEN).zip(b.par_chunks(CHUNK_LEN).zip(c.par_chunks(CHUNK_LEN))))
            .for_each(|(d, (a, (b, c)))| run(d, a, b, c));
    }
}

/// The distinct rayon worker indices that took part in a parallel loop of `tasks` tasks: how
/// the runtime proves that work really runs on several threads (None: the calling thread).
pub fn observed_worker_indices(tasks: usize) -> Vec<Option<usize>> {
    let mut seen: Vec<Option<usize>> = (0..tasks)
        .into_par_iter()
        .map(|i| {
            // Enough work per task that one worker cannot drain the queue before the others wake.
            let mut x = i as f64;
            for _ in 0..200_000 {
                x = (x * 1.000_001).sin().abs() + 1.0;
            }
            std::hint::black_box(x);
            rayon::current_thread_index()
        })
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen
}
