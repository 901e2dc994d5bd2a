//! The GRU step, in Keras's gate order z, r, h:
//! `z = σ(x_z + h·U_z)`, `r = σ(x_r + h·U_r)`, `h' = z·h + (1 − z)·act(x_h + cand)`, where the
//! candidate's recurrent part is `r · (h·U_h + b_rh)` with `reset_after` (the bias's second row
//! holding the recurrent biases of all three gates) and `(r·h)·U_h` without.
use super::{Cell, Run};
use crate::kernels::gemm::{sgemm_serial, MatRef};

/// One step. `saved` rows hold z, r, the candidate and a fourth block: with `reset_after` the
/// candidate's recurrent projection `h·U_h + b_rh`, without it `r·h`.
pub(super) fn forward(run: &Run, xw: &[f32], h_prev: &[f32], h: &mut [f32], saved: &mut [f32], scratch: &mut [f32]) {
    let (u, w, kept) = (run.units, 3 * run.units, 4 * run.units);
    let reset_after = run.args.cell == Cell::Gru { reset_after: true };
    // The recurrent projection of h: all three blocks with reset_after, z and r only without.
    let projected_width = if reset_after { w } else { 2 * u };
    let (projected, candidate) = scratch.split_at_mut(run.batch * projected_width);
    sgemm_serial(MatRef::row_major(h_prev, run.batch, u), run.recurrent_blocks(0, projected_width / u), projected, false);
    if let Some(bias) = &run.recurrent_bias {
        projected.chunks_exact_mut(w).for_each(|row| row.iter_mut().zip(bias).for_each(|(v, b)| *v += b));
    }
    let (act, gate) = (run.args.activation, run.args.recurrent_activation);
    for b in 0..run.batch {
        let (x, m, s) = (&xw[b * w..][..w], &projected[b * projected_width..][..projected_width], &mut saved[b * kept..][..kept]);
        for j in 0..u {
            s[j] = gate.apply(x[j] + m[j]);
            s[u + j] = gate.apply(x[u + j] + m[u + j]);
            s[3 * u + j] = if reset_after { m[2 * u + j] } else { s[u + j] * h_prev[b * u + j] };
        }
    }
    if !reset_after {
        let reset_h = MatRef { data: &saved[3 * u..], rows: run.batch, cols: u, row_stride: kept, col_stride: 1 };
        sgemm_serial(reset_h, run.recurrent_blocks(2, 1), candidate, false);
    }
    for b in 0..run.batch {
        let (x, s) = (&xw[b * w..][..w], &mut saved[b * kept..][..kept]);
        for j in 0..u {
            let recurrent = if reset_after { s[u + j] * s[3 * u + j] } else { candidate[b * u + j] };
            let hh = act.apply(x[2 * u + j] + recurrent);
            s[2 * u + j] = hh;
            h[b * u + j] = s[j] * h_prev[b * u + j] + (1.0 - s[j]) * hh;
        }
    }
}

/// Where one step's gradients go: the input projection's (z, r, h blocks), with `reset_after`
/// the recurrent projection's, the previous state's, and without `reset_after` a copy of the
/// step's `r·h` for the recurrent kernel's gradient.
pub(super) struct Outputs<'a> {
    pub d_input: &'a mut [f32],
    pub d_recurrent: Option<&'a mut [f32]>,
    pub dh_prev: &'a mut [f32],
    pub reset_state: Option<&'a mut [f32]>,
}

pub(super) fn backward(run: &Run, saved: &[f32], h_prev: &[f32], dh: &[f32], out: Outputs, scratch: &mut [f32]) {
    let (u, w, kept) = (run.units, 3 * run.units, 4 * run.units);
    let (act, gate) = (run.args.activation, run.args.recurrent_activation);
    for b in 0..run.batch {
        let (s, d) = (&saved[b * kept..][..kept], &mut out.d_input[b * w..][..w]);
        for j in 0..u {
            let (z, hh, g) = (s[j], s[2 * u + j], dh[b * u + j]);
            d[j] = g * (h_prev[b * u + j] - hh) * gate.derivative(z);
            d[2 * u + j] = g * (1.0 - z) * act.derivative(hh);
            out.dh_prev[b * u + j] = g * z;
        }
    }
    match (out.d_recurrent, out.reset_state) {
        (Some(d_rec), _) => {
            for b in 0..run.batch {
                let (s, d, dr) = (&saved[b * kept..][..kept], &mut out.d_input[b * w..][..w], &mut d_rec[b * w..][..w]);
                for j in 0..u {
                    let (r, projected, d_candidate) = (s[u + j], s[3 * u + j], d[2 * u + j]);
                    d[u + j] = d_candidate * projected * gate.derivative(r);
                    (dr[j], dr[u + j], dr[2 * u + j]) = (d[j], d[u + j], d_candidate * r);
                }
            }
            sgemm_serial(MatRef::row_major(d_rec, run.batch, w), run.recurrent_blocks(0, 3).t(), out.dh_prev, true);
        }
        (None, Some(reset_state)) => {
            // The gradient of r·h comes from the candidate's product: d(r·h) = d_candidate · U_hᵀ.
            let d_reset_h = &mut scratch[..run.batch * u];
            let d_candidate = MatRef { data: &out.d_input[2 * u..], rows: run.batch, cols: u, row_stride: w, col_stride: 1 };
            sgemm_serial(d_candidate, run.recurrent_blocks(2, 1).t(), d_reset_h, false);
            for b in 0..run.batch {
                let (s, d) = (&saved[b * kept..][..kept], &mut out.d_input[b * w..][..w]);
                for j in 0..u {
                    let (r, hp, g) = (s[u + j], h_prev[b * u + j], d_reset_h[b * u + j]);
                    d[u + j] = g * hp * gate.derivative(r);
                    out.dh_prev[b * u + j] += g * r;
                    reset_state[b * u + j] = s[3 * u + j];
                }
            }
            let d_gates = MatRef { data: out.d_input, rows: run.batch, cols: 2 * u, row_stride: w, col_stride: 1 };
            sgemm_serial(d_gates, run.recurrent_blocks(0, 2).t(), out.dh_prev, true);
        }
        (None, None) => unreachable!("a GRU keeps either recurrent gradients or r·h"),
    }
}
