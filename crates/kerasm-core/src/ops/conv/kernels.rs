//! The three passes of a convolution, channels-last, as im2col + the packed GEMM.
//!
//! The output positions of the whole batch form the rows of one `rows × (k… · Cin/groups)` patch
//! matrix, built a tile of rows at a time so that it stays in cache. Tiles of the output are
//! disjoint, so the forward pass runs them over rayon; the input gradient splits over the batch
//! (a sample's patches only touch that sample); the filter gradient sums one partial per worker.
use rayon::prelude::*;

use super::geometry::Geometry;
use crate::kernels::gemm::{sgemm, BlockScratch, MatRef, PackedB, MR};
use crate::parallel::work_runs_inline;

/// Patch-matrix floats per tile: large enough for the GEMM to block well, small enough to stay
/// in the L2 cache.
const TILE_FLOATS: usize = 1 << 17;

/// Rows per tile for `rows` output positions with `width` patch values each, shared among
/// `threads` threads: about eight tiles per thread, so that a thread that starts late (or runs
/// slower) leaves little for the others to wait on at the end; a multiple of the micro-kernel's
/// rows, so that no tile is padded.
fn tile_rows(rows: usize, width: usize, threads: usize) -> usize {
    let by_cache = (TILE_FLOATS / width.max(1)).max(16);
    let by_threads = if threads > 1 { rows.div_ceil(8 * threads).max(16) } else { rows };
    by_cache.min(by_threads).next_multiple_of(MR).min(rows).max(1)
}

/// For output position `pos` (within one sample), calls `f(tap, offset)` for each kernel tap,
/// with the offset of the input pixel it reads (in pixels, within the sample) or None when the
/// tap falls in the padding.
#[inline]
fn for_each_tap(geo: &Geometry, pos: usize, mut f: impl FnMut(usize, Option<usize>)) {
    let [_, o1, o2] = geo.output;
    let (d, h, w) = (pos / (o1 * o2), (pos / o2) % o1, pos % o2);
    let start = |i: usize, o: usize| (o * geo.strides[i]) as isize - geo.pad[i] as isize;
    let (s0, s1, s2) = (start(0, d), start(1, h), start(2, w));
    let [i0, i1, i2] = geo.input;
    let mut tap = 0;
    for kd in 0..geo.kernel[0] {
        let id = s0 + (kd * geo.dilation[0]) as isize;
        for kh in 0..geo.kernel[1] {
            let ih = s1 + (kh * geo.dilation[1]) as isize;
            for kw in 0..geo.kernel[2] {
                let iw = s2 + (kw * geo.dilation[2]) as isize;
                let inside = (0..i0 as isize).contains(&id) && (0..i1 as isize).contains(&ih) && (0..i2 as isize).contains(&iw);
                f(tap, inside.then(|| (id as usize * i1 + ih as usize) * i2 + iw as usize));
                tap += 1;
            }
        }
    }
}

/// Fills `col` (`rows × taps × cg`) with the patches of output rows `row0..` of the batch,
/// channels `c0..c0 + cg`.
fn im2col(geo: &Geometry, x: &[f32], row0: usize, c0: usize, col: &mut [f32]) {
    let width = geo.kernel_volume() * geo.group_in();
    for (r, dst) in col.chunks_exact_mut(width).enumerate() {
        im2col_row(geo, x, row0 + r, c0, dst);
    }
}

/// Fills `dst` (`taps × cg`) with the patch of output row `row` of the batch, channels
/// `c0..c0 + cg`.
fn im2col_row(geo: &Geometry, x: &[f32], row: usize, c0: usize, dst: &mut [f32]) {
    let (cin, cg, out_vol) = (geo.in_channels, geo.group_in(), geo.out_volume());
    let ([_, o1, o2], [i0, i1, i2], [_, k1, k2]) = (geo.output, geo.input, geo.kernel);
    let (sample, pos) = (&x[(row / out_vol) * geo.in_volume() * cin..], row % out_vol);
    let start = |i: usize, o: usize| (o * geo.strides[i]) as isize - geo.pad[i] as isize;
    let (s0, s1, s2) = (start(0, pos / (o1 * o2)), start(1, (pos / o2) % o1), start(2, pos % o2));
    // With unit dilation along W and all the channels, one kernel row reads k2 adjacent pixels:
    // a single run of k2·cin floats.
    if !(geo.dilation[2] == 1 && cg == cin && s2 >= 0 && s2 as usize + k2 <= i2) {
        for_each_tap(geo, pos, |tap, offset| {
            let d = &mut dst[tap * cg..(tap + 1) * cg];
            match offset {
                Some(p) => copy_floats(d, &sample[p * cin + c0..p * cin + c0 + cg]),
                None => d.fill(0.0),
            }
        });
        return;
    }
    let run = k2 * cin;
    for (kernel_row, d) in dst.chunks_exact_mut(run).enumerate() {
        let id = s0 + ((kernel_row / k1) * geo.dilation[0]) as isize;
        let ih = s1 + ((kernel_row % k1) * geo.dilation[1]) as isize;
        if (0..i0 as isize).contains(&id) && (0..i1 as isize).contains(&ih) {
            let p = (id as usize * i1 + ih as usize) * i2 + s2 as usize;
            copy_floats(d, &sample[p * cin..p * cin + run]);
        } else {
            d.fill(0.0);
        }
    }
}

/// `dst.copy_from_slice(src)` for the short runs of im2col, in 8-float blocks of constant
/// length: WebAssembly's `memory.copy`, which a variable-length copy becomes, is a call into
/// the engine that costs more than moving a few vectors.
#[inline]
fn copy_floats(dst: &mut [f32], src: &[f32]) {
    let (mut d, mut s) = (dst.chunks_exact_mut(8), src.chunks_exact(8));
    for (d8, s8) in (&mut d).zip(&mut s) {
        let s8: &[f32; 8] = s8.try_into().expect("8-float chunks");
        d8.copy_from_slice(s8);
    }
    for (d, &s) in d.into_remainder().iter_mut().zip(s.remainder()) {
        *d = s;
    }
}

/// Adds the patch gradients `col` of one sample's output rows `pos0..` back into that sample's
/// input gradient `dx`, channels `c0..c0 + cg`.
fn col2im(geo: &Geometry, col: &[f32], pos0: usize, c0: usize, dx: &mut [f32]) {
    let (cin, cg) = (geo.in_channels, geo.group_in());
    let width = geo.kernel_volume() * cg;
    for (r, src) in col.chunks_exact(width).enumerate() {
        for_each_tap(geo, pos0 + r, |tap, offset| {
            if let Some(p) = offset {
                let d = &mut dx[p * cin + c0..p * cin + c0 + cg];
                d.iter_mut().zip(&src[tap * cg..(tap + 1) * cg]).for_each(|(d, s)| *d += s);
            }
        });
    }
}

/// Group `g`'s slice of the kernel, `(taps · cg) × (cout / groups)`, as a strided view.
fn kernel_view<'a>(geo: &Geometry, w: &'a [f32], g: usize) -> MatRef<'a> {
    let go = geo.group_out();
    MatRef { data: &w[g * go..], rows: geo.kernel_volume() * geo.group_in(), cols: go, row_stride: geo.out_channels, col_stride: 1 }
}

/// Group `g`'s columns of a `rows × cout` matrix, as a strided view.
fn group_columns<'a>(geo: &Geometry, m: &'a [f32], rows: usize, g: usize) -> MatRef<'a> {
    let go = geo.group_out();
    MatRef { data: &m[g * go..], rows, cols: go, row_stride: geo.out_channels, col_stride: 1 }
}

/// True when the patch matrix is the input itself (a 1×1 kernel, unit strides, no padding,
/// one group).
fn is_pointwise(geo: &Geometry) -> bool {
    geo.kernel_volume() == 1 && geo.strides == [1; 3] && geo.pad == [0; 3] && geo.groups == 1 && geo.input == geo.output
}

/// The output, `(batch, out spatial…, cout)`.
pub fn forward(geo: &Geometry, x: &[f32], w: &[f32]) -> Vec<f32> {
    let (cout, go) = (geo.out_channels, geo.group_out());
    let rows = geo.batch * geo.out_volume();
    let width = geo.kernel_volume() * geo.group_in();
    let mut out = vec![0.0; rows * cout];
    if out.is_empty() || width == 0 {
        return out;
    }
    let inline = work_runs_inline(rows * width * cout);
    let tile = tile_rows(rows, width, if inline { 1 } else { rayon::current_num_threads() });
    let pointwise = is_pointwise(geo);
    if geo.groups == 1 && !pointwise {
        if let Some(kernel) = PackedB::new(kernel_view(geo, w, 0)) {
            forward_packed(geo, x, &kernel, &mut out, tile, inline);
            return out;
        }
    }
    // Each worker reuses one patch buffer (and one group buffer) for all its tiles.
    let buffers = || (if pointwise { Vec::new() } else { vec![0.0; tile * width] }, if geo.groups > 1 { vec![0.0; tile * go] } else { Vec::new() });
    let run_tile = |(col, part): &mut (Vec<f32>, Vec<f32>), (t, o): (usize, &mut [f32])| {
        let (row0, r) = (t * tile, o.len() / cout);
        let col = &mut col[..if pointwise { 0 } else { r * width }];
        let part = &mut part[..if geo.groups > 1 { r * go } else { 0 }];
        for g in 0..geo.groups {
            let a = if pointwise {
                MatRef::row_major(&x[row0 * width..(row0 + r) * width], r, width)
            } else {
                im2col(geo, x, row0, g * geo.group_in(), col);
                MatRef::row_major(col, r, width)
            };
            if geo.groups == 1 {
                sgemm(a, kernel_view(geo, w, 0), o, false);
            } else {
                sgemm(a, kernel_view(geo, w, g), part, false);
                for (o_row, p_row) in o.chunks_exact_mut(cout).zip(part.chunks_exact(go)) {
                    o_row[g * go..(g + 1) * go].copy_from_slice(p_row);
                }
            }
        }
    };
    if inline {
        let mut bufs = buffers();
        out.chunks_mut(tile * cout).enumerate().for_each(|item| run_tile(&mut bufs, item));
    } else {
        out.par_chunks_mut(tile * cout).enumerate().for_each_init(buffers, run_tile);
    }
    out
}

/// The forward pass for one group with the kernel packed once: each tile's patches are built a
/// cache-sized block of rows at a time and multiplied at once.
fn forward_packed(geo: &Geometry, x: &[f32], kernel: &PackedB, out: &mut [f32], tile: usize, inline: bool) {
    let cout = geo.out_channels;
    let run_tile = |scratch: &mut BlockScratch, (t, o): (usize, &mut [f32])| {
        kernel.multiply(o, scratch, |r, row| im2col_row(geo, x, t * tile + r, 0, row));
    };
    if inline {
        let mut scratch = BlockScratch::default();
        out.chunks_mut(tile * cout).enumerate().for_each(|item| run_tile(&mut scratch, item));
    } else {
        out.par_chunks_mut(tile * cout).enumerate().for_each_init(BlockScratch::default, run_tile);
    }
}

/// The gradient of the inputs, `(batch, in spatial…, cin)`, from the output's gradient `dy`.
pub fn backward_input(geo: &Geometry, dy: &[f32], w: &[f32]) -> Vec<f32> {
    let (cout, cg) = (geo.out_channels, geo.group_in());
    let sample_len = geo.in_volume() * geo.in_channels;
    let out_vol = geo.out_volume();
    let width = geo.kernel_volume() * cg;
    let mut dx = vec![0.0; geo.batch * sample_len];
    if dx.is_empty() || width == 0 || out_vol == 0 || cout == 0 {
        return dx;
    }
    let inline = work_runs_inline(geo.batch * out_vol * width * cout);
    let tile = tile_rows(out_vol, width, if inline { 1 } else { rayon::current_num_threads() });
    let run_sample = |col: &mut Vec<f32>, (n, dx_n): (usize, &mut [f32])| {
        let dy_n = &dy[n * out_vol * cout..(n + 1) * out_vol * cout];
        for pos0 in (0..out_vol).step_by(tile) {
            let r = tile.min(out_vol - pos0);
            let col = &mut col[..r * width];
            let dy_tile = &dy_n[pos0 * cout..(pos0 + r) * cout];
            for g in 0..geo.groups {
                // dcol = dy[:, group] · W_gᵀ
                sgemm(group_columns(geo, dy_tile, r, g), kernel_view(geo, w, g).t(), col, false);
                if is_pointwise(geo) {
                    dx_n[pos0 * width..(pos0 + r) * width].copy_from_slice(col);
                } else {
                    col2im(geo, col, pos0, g * cg, dx_n);
                }
            }
        }
    };
    if inline {
        let mut col = vec![0.0; tile * width];
        dx.chunks_mut(sample_len).enumerate().for_each(|item| run_sample(&mut col, item));
    } else {
        dx.par_chunks_mut(sample_len).enumerate().for_each_init(|| vec![0.0; tile * width], run_sample);
    }
    dx
}

/// The gradient of the kernel, `(k…, cin / groups, cout)`, from the inputs `x` and `dy`.
pub fn backward_filter(geo: &Geometry, x: &[f32], dy: &[f32]) -> Vec<f32> {
    let (cout, go) = (geo.out_channels, geo.group_out());
    let rows = geo.batch * geo.out_volume();
    let width = geo.kernel_volume() * geo.group_in();
    let len = width * cout;
    if len == 0 || rows == 0 {
        return vec![0.0; len];
    }
    let threads = if work_runs_inline(rows * width * cout) { 1 } else { rayon::current_num_threads() };
    let tile = tile_rows(rows, width, threads);
    let tiles = rows.div_ceil(tile);
    let workers = threads.min(tiles).max(1);
    let partial = |worker: usize| {
        let mut dw = vec![0.0; len];
        let mut col = vec![0.0; tile * width];
        let mut part = if geo.groups > 1 { vec![0.0; width * go] } else { Vec::new() };
        for t in (worker..tiles).step_by(workers) {
            let (row0, r) = (t * tile, tile.min(rows - t * tile));
            let col = &mut col[..r * width];
            let dy_tile = &dy[row0 * cout..(row0 + r) * cout];
            for g in 0..geo.groups {
                let a = if is_pointwise(geo) {
                    MatRef::row_major(&x[row0 * width..(row0 + r) * width], r, width)
                } else {
                    im2col(geo, x, row0, g * geo.group_in(), col);
                    MatRef::row_major(col, r, width)
                };
                if geo.groups == 1 {
                    sgemm(a.t(), MatRef::row_major(dy_tile, r, cout), &mut dw, true);
                } else {
                    sgemm(a.t(), group_columns(geo, dy_tile, r, g), &mut part, false);
                    for (d_row, p_row) in dw.chunks_exact_mut(cout).zip(part.chunks_exact(go)) {
                        d_row[g * go..(g + 1) * go].iter_mut().zip(p_row).for_each(|(d, p)| *d += p);
                    }
                }
            }
        }
        dw
    };
    if workers == 1 {
        return partial(0);
    }
    (0..workers)
        .into_par_iter()
        .map(partial)
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(&b).for_each(|(a, b)| *a += b);
            a
        })
        .unwrap_or_else(|| vec![0.0; len])
}
