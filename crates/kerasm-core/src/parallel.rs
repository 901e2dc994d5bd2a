//! The one place element-wise work is split over rayon's pool: large buffers are cut into
//! disjoint chunks, small ones run inline so that tiny tensors do not pay for a fork. While the
//! helpers are not getting a core (another process busy on the same cores) the pool backs off:
//! only long loops go to it, and no helper spins for work.
mod clock;
mod contention;
mod warm;

use rayon::prelude::*;

pub use clock::set_clock;
use contention::CONTENTION;

/// Below this many elements a loop runs on the calling thread: waking pool threads (an
/// `Atomics.wait` round trip in WebAssembly) costs about what a loop over 2^17 floats does.
pub const PARALLEL_MIN_LEN: usize = 1 << 17;
/// Below this many multiply-adds a product or convolution runs on the calling thread. With the
/// caller in the pool and the helpers kept warm a split costs a few microseconds, so this is
/// low: the convolution (10.6 M) and the 9216 → 128 Dense layer (1.2 M) of one W6 image both
/// run faster on two threads (the Dense layer streams 4.7 MB of weights, faster from two cores).
pub const PARALLEL_MIN_WORK: usize = 1 << 20;
/// While the pool backs off, loops go to it only from this many times the thresholds above: a
/// few milliseconds of work (2^26 multiply-adds, 2^23 elements), which the scheduler slice a
/// descheduled helper may keep the caller waiting does not outweigh.
pub const BACK_OFF_FACTOR: usize = 64;
/// Elements per parallel task: large enough to amortise scheduling, small enough to balance.
pub const CHUNK_LEN: usize = 1 << 13;

/// Whether a loop of `len` elements should run on the calling thread (see [`stays_inline`]).
pub fn runs_inline(len: usize) -> bool {
    stays_inline(len, PARALLEL_MIN_LEN)
}

/// Whether a product or convolution of `multiply_adds` should run on the calling thread.
pub fn work_runs_inline(multiply_adds: usize) -> bool {
    stays_inline(multiply_adds, PARALLEL_MIN_WORK)
}

/// Whether a loop of `amount` (elements or multiply-adds) runs on the calling thread: it is
/// below `min`, the pool has a single thread, or the pool backs off and it is below
/// `min` × [`BACK_OFF_FACTOR`]. A loop that goes to a pool that is not backing off first keeps
/// the helpers awake for what follows ([`warm::keep_helpers_warm`]).
fn stays_inline(amount: usize, min: usize) -> bool {
    if amount < min || rayon::current_num_threads() < 2 {
        return true;
    }
    let long = amount >= min * BACK_OFF_FACTOR;
    // Without a clock the pool cannot tell whether its helpers get a core: it backs off.
    let Some(now_ms) = clock::now_ms() else { return !long };
    warm::report_unanswered_summons(now_ms);
    if CONTENTION.backs_off(now_ms) {
        return !long;
    }
    warm::keep_helpers_warm(now_ms);
    false
}

/// `Zip::for_each` on the calling thread for fewer than [`PARALLEL_MIN_LEN`] elements (`$len`),
/// rayon's `par_for_each` otherwise: from the JavaScript thread a pool round trip costs more than
/// a small loop.
#[macro_export]
macro_rules! zip_for_each {
    ($zip:expr, $len:expr, $f:expr) => {{
        let zip = $zip;
        if $crate::parallel::runs_inline($len) {
            zip.for_each($f)
        } else {
            zip.par_for_each($f)
        }
    }};
}

/// `dst[i] = f(src[i])`.
pub fn map(src: &[f32], dst: &mut [f32], f: impl Fn(f32) -> f32 + Sync) {
    map_slices(src, dst, |s, d| d.iter_mut().zip(s).for_each(|(d, &s)| *d = f(s)));
}

/// `dst[i] = f(a[i], b[i])`.
pub fn zip_map(a: &[f32], b: &[f32], dst: &mut [f32], f: impl Fn(f32, f32) -> f32 + Sync) {
    zip_slices(a, b, dst, |a, b, d| d.iter_mut().zip(a.iter().zip(b)).for_each(|(d, (&x, &y))| *d = f(x, y)));
}

/// `f(src, dst)` over matching chunks of the two slices.
pub fn map_slices(src: &[f32], dst: &mut [f32], f: impl Fn(&[f32], &mut [f32]) + Sync) {
    debug_assert_eq!(src.len(), dst.len());
    if runs_inline(dst.len()) {
        f(src, dst);
    } else {
        dst.par_chunks_mut(CHUNK_LEN).zip(src.par_chunks(CHUNK_LEN)).for_each(|(d, s)| f(s, d));
    }
}

/// `f(a, b, dst)` over matching chunks of the three slices.
pub fn zip_slices(a: &[f32], b: &[f32], dst: &mut [f32], f: impl Fn(&[f32], &[f32], &mut [f32]) + Sync) {
    debug_assert!(a.len() == dst.len() && b.len() == dst.len());
    if runs_inline(dst.len()) {
        f(a, b, dst);
    } else {
        dst.par_chunks_mut(CHUNK_LEN).zip(a.par_chunks(CHUNK_LEN).zip(b.par_chunks(CHUNK_LEN))).for_each(|(d, (a, b))| f(a, b, d));
    }
}

/// `f(a, b, c, dst)` over matching chunks: backward passes that need the input, output and gradient.
pub fn zip3_slices(a: &[f32], b: &[f32], c: &[f32], dst: &mut [f32], f: impl Fn(&[f32], &[f32], &[f32], &mut [f32]) + Sync) {
    debug_assert!(a.len() == dst.len() && b.len() == dst.len() && c.len() == dst.len());
    if runs_inline(dst.len()) {
        f(a, b, c, dst);
    } else {
        dst.par_chunks_mut(CHUNK_LEN)
            .zip(a.par_chunks(CHUNK_LEN).zip(b.par_chunks(CHUNK_LEN).zip(c.par_chunks(CHUNK_LEN))))
            .for_each(|(d, (a, (b, c)))| f(a, b, c, d));
    }
}

/// `f` over `full` and `row` repeated end to end along it (`dst.len()` is a multiple of
/// `row.len()`): `f(full, row…, dst)`, or `f(row…, full, dst)` with `row_first`. A short row (a
/// bias, a scalar) is first repeated into a block of a few hundred values, so that `f` runs over
/// long slices.
pub fn zip_rows(full: &[f32], row: &[f32], dst: &mut [f32], row_first: bool, f: impl Fn(&[f32], &[f32], &mut [f32]) + Sync) {
    debug_assert!(full.len() == dst.len() && (row.is_empty() || dst.len().is_multiple_of(row.len())));
    if dst.is_empty() {
        return;
    }
    let block = row.repeat((BLOCK_MIN_LEN / row.len()).max(1));
    let run = |s: &[f32], d: &mut [f32]| {
        for (s, d) in s.chunks(block.len()).zip(d.chunks_mut(block.len())) {
            let r = &block[..d.len()];
            if row_first {
                f(r, s, d);
            } else {
                f(s, r, d);
            }
        }
    };
    if runs_inline(dst.len()) {
        run(full, dst);
    } else {
        let chunk = (CHUNK_LEN / block.len()).max(1) * block.len();
        dst.par_chunks_mut(chunk).zip(full.par_chunks(chunk)).for_each(|(d, s)| run(s, d));
    }
}

/// `f(index, block)` over the consecutive `block_len`-long blocks of `dst` (an image, a row): on
/// the calling thread when `work` (the multiply-adds of the whole loop) is small, one task per
/// block otherwise. Each task owns its block, so no two threads write the same element.
pub fn for_each_block(dst: &mut [f32], block_len: usize, work: usize, f: impl Fn(usize, &mut [f32]) + Sync) {
    if block_len == 0 {
        return;
    }
    if runs_inline(work) {
        dst.chunks_mut(block_len).enumerate().for_each(|(i, block)| f(i, block));
    } else {
        dst.par_chunks_mut(block_len).enumerate().for_each(|(i, block)| f(i, block));
    }
}

/// The shortest block [`zip_rows`] repeats a row into.
const BLOCK_MIN_LEN: usize = 256;

/// The distinct rayon worker indices that took part in a parallel loop of `tasks` tasks: how
/// the runtime proves that work really runs on several threads (None: a calling thread outside
/// the pool, as natively; in WebAssembly the calling thread is pool thread 0).
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
