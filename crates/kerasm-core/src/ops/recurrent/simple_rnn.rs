//! The SimpleRNN step: `h' = act(x·W + b + h·U)`.
use super::Run;
use crate::kernels::gemm::{sgemm_serial, MatRef};

pub(super) fn forward(run: &Run, xw: &[f32], h_prev: &[f32], h: &mut [f32], scratch: &mut [f32]) {
    let u = run.units;
    sgemm_serial(MatRef::row_major(h_prev, run.batch, u), run.recurrent_blocks(0, 1), scratch, false);
    let act = run.args.activation;
    h.iter_mut().zip(xw.iter().zip(scratch.iter())).for_each(|(h, (x, m))| *h = act.apply(x + m));
}

/// One step back from the step's output `h`: `dz` receives the pre-activation's gradient.
pub(super) fn backward(run: &Run, h: &[f32], dh: &[f32], dz: &mut [f32], dh_prev: &mut [f32]) {
    let act = run.args.activation;
    dz.iter_mut().zip(h.iter().zip(dh)).for_each(|(dz, (h, dh))| *dz = dh * act.derivative(*h));
    sgemm_serial(MatRef::row_major(dz, run.batch, run.units), run.recurrent_blocks(0, 1).t(), dh_prev, false);
}
