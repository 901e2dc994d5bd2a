//! The LSTM step: `z = x·W + b + h·U`, split into Keras's gates i, f, c, o;
//! `c' = f·c + i·act(z_c)` and `h' = o·act(c')` (the gates through the recurrent activation).
use super::Run;
use crate::kernels::gemm::{sgemm_serial, MatRef};

/// The states around one step: read before it, written by it.
pub(super) struct States<'a> {
    pub h_prev: &'a [f32],
    pub c_prev: &'a [f32],
    pub h: &'a mut [f32],
    pub c: &'a mut [f32],
}

/// One step; `saved` receives the gate activations i, f, g, o (each row `4·units`).
pub(super) fn forward(run: &Run, xw: &[f32], st: States, saved: &mut [f32], scratch: &mut [f32]) {
    let (u, w) = (run.units, 4 * run.units);
    sgemm_serial(MatRef::row_major(st.h_prev, run.batch, u), run.recurrent_blocks(0, 4), scratch, false);
    let (act, gate) = (run.args.activation, run.args.recurrent_activation);
    for b in 0..run.batch {
        let (x, m, kept) = (&xw[b * w..][..w], &scratch[b * w..][..w], &mut saved[b * w..][..w]);
        let (c_prev, c, h) = (&st.c_prev[b * u..][..u], &mut st.c[b * u..][..u], &mut st.h[b * u..][..u]);
        for j in 0..u {
            let i = gate.apply(x[j] + m[j]);
            let f = gate.apply(x[u + j] + m[u + j]);
            let g = act.apply(x[2 * u + j] + m[2 * u + j]);
            let o = gate.apply(x[3 * u + j] + m[3 * u + j]);
            c[j] = f * c_prev[j] + i * g;
            h[j] = o * act.apply(c[j]);
            (kept[j], kept[u + j], kept[2 * u + j], kept[3 * u + j]) = (i, f, g, o);
        }
    }
}

/// The gradients around one step: of its states (in) and of the previous ones (out).
pub(super) struct Grads<'a> {
    pub c_prev: &'a [f32],
    pub c: &'a [f32],
    pub dh: &'a [f32],
    pub dc: &'a [f32],
    pub dh_prev: &'a mut [f32],
    pub dc_prev: &'a mut [f32],
}

/// One step back: `dz` receives the gradient of the gates' pre-activations.
pub(super) fn backward(run: &Run, saved: &[f32], gr: Grads, dz: &mut [f32]) {
    let (u, w) = (run.units, 4 * run.units);
    let (act, gate) = (run.args.activation, run.args.recurrent_activation);
    for b in 0..run.batch {
        let (kept, dz) = (&saved[b * w..][..w], &mut dz[b * w..][..w]);
        let row = b * u;
        for j in 0..u {
            let (i, f, g, o) = (kept[j], kept[u + j], kept[2 * u + j], kept[3 * u + j]);
            let (dh, tanh_c) = (gr.dh[row + j], act.apply(gr.c[row + j]));
            let dc = gr.dc[row + j] + dh * o * act.derivative(tanh_c);
            dz[j] = dc * g * gate.derivative(i);
            dz[u + j] = dc * gr.c_prev[row + j] * gate.derivative(f);
            dz[2 * u + j] = dc * i * act.derivative(g);
            dz[3 * u + j] = dh * tanh_c * gate.derivative(o);
            gr.dc_prev[row + j] = dc * f;
        }
    }
    sgemm_serial(MatRef::row_major(dz, run.batch, w), run.recurrent_blocks(0, 4).t(), gr.dh_prev, false);
}
