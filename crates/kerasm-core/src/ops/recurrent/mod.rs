//! The recurrent layers' whole-sequence kernel: LSTM, GRU (both `reset_after` forms) and
//! SimpleRNN run a sequence in one call and record ONE tape node for it.
//!
//! Forward: the input projection `x·W + b` of every step is one GEMM up front; each step is one
//! GEMM of the previous state against the recurrent kernel (all gates at once) followed by the
//! cell's fused element-wise gate math. Masked rows carry their state and output through, as
//! Keras's `rnn` does. Each step's gate activations are kept once for backpropagation through
//! time, which walks the steps in reverse with one GEMM per step for the state's gradient and
//! leaves the weight gradients to three large GEMMs over all steps at the end.
//!
//! The result packs everything a layer returns into one tensor, `(batch, steps + extra, units)`:
//! the outputs of the steps in processing order (reversed with `go_backwards`), whose last is
//! also the final `h`, then for an LSTM the final carry `c` (extra = 1; 0 for the others).
mod activation;
mod gru;
mod lstm;
mod simple_rnn;
#[cfg(test)]
mod tests;

use ndarray::{ArrayD, IxDyn};

pub use activation::Activation;
use crate::error::{fail, shape_str, Result};
use crate::kernels::gemm::{sgemm, MatRef};
use crate::tape::{F32Array, Tape};
use crate::tensor::Tensor;

const OP: &str = "recurrent";

/// Which cell runs the sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    SimpleRnn,
    Gru { reset_after: bool },
    Lstm,
}

impl Cell {
    /// Blocks of `units` columns in the kernels (Keras's gate order: LSTM i f c o, GRU z r h).
    fn gates(self) -> usize {
        match self {
            Cell::SimpleRnn => 1,
            Cell::Gru { .. } => 3,
            Cell::Lstm => 4,
        }
    }

    /// States carried between steps: `h`, and `c` for an LSTM.
    pub fn state_count(self) -> usize {
        if self == Cell::Lstm { 2 } else { 1 }
    }

    /// Values kept per batch row and unit from each step for backward.
    fn saved_per_unit(self) -> usize {
        match self {
            Cell::SimpleRnn => 0,
            Cell::Gru { .. } | Cell::Lstm => 4,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct RecurrentArgs {
    pub cell: Cell,
    pub activation: Activation,
    pub recurrent_activation: Activation,
    pub go_backwards: bool,
}

/// The tensors of one call: `x` (batch, steps, features), the kernels in Keras's layout, the
/// bias (`(gates·units,)`, or `(2, 3·units)` for a GRU with `reset_after`), the initial
/// states (each (batch, units)) and an optional (batch, steps) mask, non-zero where a step counts.
pub struct RecurrentInputs<'a> {
    pub x: &'a Tensor,
    pub kernel: &'a Tensor,
    pub recurrent_kernel: &'a Tensor,
    pub bias: Option<&'a Tensor>,
    pub states: &'a [&'a Tensor],
    pub mask: Option<&'a Tensor>,
}

/// Runs the sequence; see the module documentation for the packed result.
pub fn recurrent(tape: &mut Tape, inputs: &RecurrentInputs, args: RecurrentArgs) -> Result<Tensor> {
    let run = Run::new(inputs, args)?;
    let x = inputs.x.as_f32(OP)?.clone();
    let kernel = inputs.kernel.as_f32(OP)?.clone();
    let bias = inputs.bias.map(|b| b.as_f32(OP).map(|b| slice(b).to_vec())).transpose()?;
    let x_steps = run.step_major(slice(&x), run.input_dim);
    let xw = run.input_projection(&x_steps, slice(&kernel), bias.as_deref());
    let initial: Vec<Vec<f32>> = inputs.states.iter().map(|s| s.to_f32_vec()).collect();
    let forward = run.forward(&xw, &initial);
    drop(xw);
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&run.packed_shape()), run.pack(&forward.states)).expect("packed size"));

    let mut taped: Vec<&Tensor> = vec![inputs.x, inputs.kernel, inputs.recurrent_kernel];
    taped.extend(inputs.bias);
    taped.extend(inputs.states.iter().copied());
    let has_bias = inputs.bias.is_some();
    tape.record(&taped, &out, move |g| {
        if g.shape() != run.packed_shape().as_slice() {
            return fail(OP, format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(&run.packed_shape())));
        }
        let g = g.as_standard_layout();
        let grads = run.backward(g.as_slice().expect("standard layout"), &forward);
        Ok(run.input_grads(grads, &forward, &x_steps, slice(&kernel), has_bias))
    });
    Ok(out)
}

fn slice(a: &F32Array) -> &[f32] {
    a.as_slice().expect("tensors are kept in standard layout")
}

/// The sizes, recurrent weights and mask of one call, shared by forward and backward.
struct Run {
    args: RecurrentArgs,
    batch: usize,
    steps: usize,
    input_dim: usize,
    units: usize,
    recurrent_kernel: F32Array,
    /// A GRU with `reset_after`: the bias added to the recurrent projection (the bias's row 1).
    recurrent_bias: Option<Vec<f32>>,
    /// Whether row b of step s counts, at `s·batch + b` (None: all do).
    mask: Option<Vec<bool>>,
}

/// The per-step values the forward pass keeps: each state at every step boundary
/// (`(steps + 1)·batch·units`, step-major, the initial state first) and the cell's saved values.
struct Forward {
    states: Vec<Vec<f32>>,
    saved: Vec<f32>,
}

/// What backward produces before the weight products: the gradients of the input projection
/// and (for a GRU with `reset_after`, where they differ) of the recurrent projection at every
/// step, the candidate's recurrent operand `r·h` of a GRU without `reset_after`, and the
/// initial states' gradients.
struct StepGrads {
    d_input: Vec<f32>,
    d_recurrent: Option<Vec<f32>>,
    reset_states: Option<Vec<f32>>,
    d_initial: Vec<Vec<f32>>,
}

impl Run {
    fn new(inputs: &RecurrentInputs, args: RecurrentArgs) -> Result<Run> {
        let cell = args.cell;
        let [batch, steps, input_dim] = *inputs.x.shape() else {
            return fail(OP, format!("inputs must be (batch, timesteps, features), received shape {}", shape_str(inputs.x.shape())));
        };
        let [units, width] = *inputs.recurrent_kernel.shape() else {
            return fail(OP, format!("recurrent_kernel must be 2-D, received shape {}", shape_str(inputs.recurrent_kernel.shape())));
        };
        if steps == 0 {
            return fail(OP, "the sequence has no timesteps");
        }
        if width != cell.gates() * units {
            return fail(OP, format!("recurrent_kernel of shape {} does not hold {} gates of {units} units", shape_str(&[units, width]), cell.gates()));
        }
        if inputs.kernel.shape() != [input_dim, width] {
            return fail(OP, format!("kernel of shape {} does not match inputs of shape {} and {width} gate columns", shape_str(inputs.kernel.shape()), shape_str(inputs.x.shape())));
        }
        let bias_shape: &[usize] = if cell == (Cell::Gru { reset_after: true }) { &[2, width] } else { &[width] };
        if let Some(b) = inputs.bias.filter(|b| b.shape() != bias_shape) {
            return fail(OP, format!("bias of shape {} should be {}", shape_str(b.shape()), shape_str(bias_shape)));
        }
        if inputs.states.len() != cell.state_count() {
            return fail(OP, format!("expected {} initial state(s), received {}", cell.state_count(), inputs.states.len()));
        }
        if let Some(s) = inputs.states.iter().find(|s| s.shape() != [batch, units]) {
            return fail(OP, format!("an initial state of shape {} should be {}", shape_str(s.shape()), shape_str(&[batch, units])));
        }
        let mask = match inputs.mask {
            Some(m) if m.shape() != [batch, steps] => {
                return fail(OP, format!("mask of shape {} should be {} for inputs of shape {}", shape_str(m.shape()), shape_str(&[batch, steps]), shape_str(inputs.x.shape())));
            }
            Some(m) => {
                let values = m.to_f32_vec();
                let time = |s: usize| if args.go_backwards { steps - 1 - s } else { s };
                Some((0..steps).flat_map(|s| (0..batch).map(move |b| (b, time(s)))).map(|(b, t)| values[b * steps + t] != 0.0).collect())
            }
            None => None,
        };
        let recurrent_bias = match (cell, inputs.bias) {
            (Cell::Gru { reset_after: true }, Some(b)) => Some(slice(b.as_f32(OP)?)[width..].to_vec()),
            _ => None,
        };
        // Every tensor but the mask must be float32.
        for t in [inputs.x, inputs.kernel].into_iter().chain(inputs.bias).chain(inputs.states.iter().copied()) {
            t.as_f32(OP)?;
        }
        Ok(Run { args, batch, steps, input_dim, units, recurrent_kernel: inputs.recurrent_kernel.as_f32(OP)?.clone(), recurrent_bias, mask })
    }

    fn width(&self) -> usize {
        self.args.cell.gates() * self.units
    }

    /// `count` blocks of `units` columns of the recurrent kernel from block `first`, as a view.
    fn recurrent_blocks(&self, first: usize, count: usize) -> MatRef<'_> {
        let data = &slice(&self.recurrent_kernel)[first * self.units..];
        MatRef { data, rows: self.units, cols: count * self.units, row_stride: self.width(), col_stride: 1 }
    }

    /// The time index that processing step `s` reads.
    fn time(&self, s: usize) -> usize {
        if self.args.go_backwards { self.steps - 1 - s } else { s }
    }

    fn counts(&self, s: usize, b: usize) -> bool {
        self.mask.as_ref().is_none_or(|m| m[s * self.batch + b])
    }

    /// `(batch, steps, n)` values reordered to `(steps, batch, n)` in processing order.
    fn step_major(&self, values: &[f32], n: usize) -> Vec<f32> {
        let mut out = vec![0.0; values.len()];
        for s in 0..self.steps {
            for b in 0..self.batch {
                let from = (b * self.steps + self.time(s)) * n;
                out[(s * self.batch + b) * n..][..n].copy_from_slice(&values[from..from + n]);
            }
        }
        out
    }

    /// The inverse of [`Run::step_major`].
    fn batch_major(&self, values: &[f32], n: usize) -> Vec<f32> {
        let mut out = vec![0.0; values.len()];
        for s in 0..self.steps {
            for b in 0..self.batch {
                let to = (b * self.steps + self.time(s)) * n;
                out[to..to + n].copy_from_slice(&values[(s * self.batch + b) * n..][..n]);
            }
        }
        out
    }

    /// `x·W + b_input` for every step at once: `(steps·batch, gates·units)`.
    fn input_projection(&self, x_steps: &[f32], kernel: &[f32], bias: Option<&[f32]>) -> Vec<f32> {
        let (rows, width) = (self.steps * self.batch, self.width());
        let mut xw = vec![0.0; rows * width];
        sgemm(MatRef::row_major(x_steps, rows, self.input_dim), MatRef::row_major(kernel, self.input_dim, width), &mut xw, false);
        if let Some(bias) = bias {
            xw.chunks_exact_mut(width).for_each(|row| row.iter_mut().zip(&bias[..width]).for_each(|(v, b)| *v += b));
        }
        xw
    }

    fn forward(&self, xw: &[f32], initial: &[Vec<f32>]) -> Forward {
        let (bu, width) = (self.batch * self.units, self.width());
        let saved_len = self.batch * self.args.cell.saved_per_unit() * self.units;
        let mut states: Vec<Vec<f32>> = initial
            .iter()
            .map(|s| {
                let mut all = vec![0.0; (self.steps + 1) * bu];
                all[..bu].copy_from_slice(s);
                all
            })
            .collect();
        let mut saved = vec![0.0; self.steps * saved_len];
        let mut scratch = vec![0.0; self.batch * width];
        for s in 0..self.steps {
            let xw = &xw[s * self.batch * width..][..self.batch * width];
            let saved = &mut saved[s * saved_len..][..saved_len];
            match (self.args.cell, &mut states[..]) {
                (Cell::Lstm, [h_all, c_all]) => {
                    let ((h_prev, h), (c_prev, c)) = (step_pair(h_all, s, bu), step_pair(c_all, s, bu));
                    lstm::forward(self, xw, lstm::States { h_prev, c_prev, h, c }, saved, &mut scratch);
                }
                (Cell::Gru { .. }, [h_all]) => {
                    let (h_prev, h) = step_pair(h_all, s, bu);
                    gru::forward(self, xw, h_prev, h, saved, &mut scratch);
                }
                (Cell::SimpleRnn, [h_all]) => {
                    let (h_prev, h) = step_pair(h_all, s, bu);
                    simple_rnn::forward(self, xw, h_prev, h, &mut scratch);
                }
                _ => unreachable!("Run::new checked the state count"),
            }
            for all in &mut states {
                self.carry_masked_rows(all, s);
            }
        }
        Forward { states, saved }
    }

    /// Rows of step `s` that do not count keep the previous step's state (and so output).
    fn carry_masked_rows(&self, all: &mut [f32], s: usize) {
        let (bu, u) = (self.batch * self.units, self.units);
        let (prev, next) = step_pair(all, s, bu);
        for b in (0..self.batch).filter(|&b| !self.counts(s, b)) {
            next[b * u..][..u].copy_from_slice(&prev[b * u..][..u]);
        }
    }

    /// `(batch, steps + extra, units)`: outputs per step, then an LSTM's final carry.
    fn packed_shape(&self) -> Vec<usize> {
        vec![self.batch, self.packed_rows(), self.units]
    }

    fn packed_rows(&self) -> usize {
        self.steps + self.args.cell.state_count() - 1
    }

    fn pack(&self, states: &[Vec<f32>]) -> Vec<f32> {
        let (u, bu, rows) = (self.units, self.batch * self.units, self.packed_rows());
        let mut out = vec![0.0; self.batch * rows * u];
        for b in 0..self.batch {
            for s in 0..self.steps {
                out[(b * rows + s) * u..][..u].copy_from_slice(&states[0][(s + 1) * bu + b * u..][..u]);
            }
            if let Some(c_all) = states.get(1) {
                out[(b * rows + self.steps) * u..][..u].copy_from_slice(&c_all[self.steps * bu + b * u..][..u]);
            }
        }
        out
    }

    /// Backpropagation through time: the steps in reverse, each turning the gradient of its
    /// outputs and states into those of its projections and of the previous states.
    fn backward(&self, g: &[f32], forward: &Forward) -> StepGrads {
        let cell = self.args.cell;
        let (u, bu, width, rows) = (self.units, self.batch * self.units, self.width(), self.packed_rows());
        let saved_len = self.batch * cell.saved_per_unit() * u;
        let mut d_input = vec![0.0; self.steps * self.batch * width];
        let mut d_recurrent = (cell == Cell::Gru { reset_after: true }).then(|| vec![0.0; d_input.len()]);
        let mut reset_states = (cell == Cell::Gru { reset_after: false }).then(|| vec![0.0; self.steps * bu]);
        // The carried gradients of h (and c), for the step being processed.
        let mut dh = vec![0.0; bu];
        let mut dc = vec![0.0; bu];
        if cell == Cell::Lstm {
            for b in 0..self.batch {
                dc[b * u..][..u].copy_from_slice(&g[(b * rows + self.steps) * u..][..u]);
            }
        }
        let (mut dh_prev, mut dc_prev) = (vec![0.0; bu], vec![0.0; bu]);
        let mut scratch = vec![0.0; self.batch * width];
        for s in (0..self.steps).rev() {
            for b in 0..self.batch {
                dh[b * u..][..u].iter_mut().zip(&g[(b * rows + s) * u..][..u]).for_each(|(d, g)| *d += g);
            }
            // A masked row passes its gradients straight to the previous step; its gates get none.
            let passed: Vec<(usize, Vec<f32>, Vec<f32>)> = (0..self.batch)
                .filter(|&b| !self.counts(s, b))
                .map(|b| (b, dh[b * u..][..u].to_vec(), dc[b * u..][..u].to_vec()))
                .collect();
            for (b, _, _) in &passed {
                dh[b * u..][..u].fill(0.0);
                dc[b * u..][..u].fill(0.0);
            }
            let d_in = &mut d_input[s * self.batch * width..][..self.batch * width];
            let saved = &forward.saved[s * saved_len..][..saved_len];
            let state = |i: usize, at: usize| &forward.states[i][at * bu..][..bu];
            match cell {
                Cell::Lstm => {
                    let states = lstm::Grads { c_prev: state(1, s), c: state(1, s + 1), dh: &dh, dc: &dc, dh_prev: &mut dh_prev, dc_prev: &mut dc_prev };
                    lstm::backward(self, saved, states, d_in);
                }
                Cell::Gru { .. } => {
                    let d_rec = d_recurrent.as_mut().map(|d| &mut d[s * self.batch * width..][..self.batch * width]);
                    let reset = reset_states.as_mut().map(|r| &mut r[s * bu..][..bu]);
                    gru::backward(self, saved, state(0, s), &dh, gru::Outputs { d_input: d_in, d_recurrent: d_rec, dh_prev: &mut dh_prev, reset_state: reset }, &mut scratch);
                }
                Cell::SimpleRnn => simple_rnn::backward(self, state(0, s + 1), &dh, d_in, &mut dh_prev),
            }
            for (b, dh_b, dc_b) in passed {
                dh_prev[b * u..][..u].iter_mut().zip(&dh_b).for_each(|(d, g)| *d += g);
                dc_prev[b * u..][..u].iter_mut().zip(&dc_b).for_each(|(d, g)| *d += g);
            }
            std::mem::swap(&mut dh, &mut dh_prev);
            std::mem::swap(&mut dc, &mut dc_prev);
        }
        let d_initial = if cell == Cell::Lstm { vec![dh, dc] } else { vec![dh] };
        StepGrads { d_input, d_recurrent, reset_states, d_initial }
    }

    /// The gradients of the recorded inputs (x, kernel, recurrent kernel, bias, states) from
    /// the per-step gradients: three GEMMs over all steps and column sums for the bias.
    fn input_grads(&self, grads: StepGrads, forward: &Forward, x_steps: &[f32], kernel: &[f32], has_bias: bool) -> Vec<Option<F32Array>> {
        let (rows, width, u, d) = (self.steps * self.batch, self.width(), self.units, self.input_dim);
        let d_input = MatRef::row_major(&grads.d_input, rows, width);
        let mut dx_steps = vec![0.0; rows * d];
        sgemm(d_input, MatRef::row_major(kernel, d, width).t(), &mut dx_steps, false);
        let mut d_kernel = vec![0.0; d * width];
        sgemm(MatRef::row_major(x_steps, rows, d).t(), d_input, &mut d_kernel, false);
        let d_rec = grads.d_recurrent.as_deref().unwrap_or(&grads.d_input);
        // h at the start of every step, step-major: the forward's states without the last.
        let h_prev = &forward.states[0][..rows * u];
        let mut d_rk = vec![0.0; u * width];
        match grads.reset_states.as_deref() {
            // Without reset_after the candidate block multiplies r·h, the others h.
            Some(reset) => {
                let two = 2 * u;
                let d_zr = MatRef { data: d_rec, rows, cols: two, row_stride: width, col_stride: 1 };
                let d_h = MatRef { data: &d_rec[two..], rows, cols: u, row_stride: width, col_stride: 1 };
                let mut zr = vec![0.0; u * two];
                sgemm(MatRef::row_major(h_prev, rows, u).t(), d_zr, &mut zr, false);
                let mut hh = vec![0.0; u * u];
                sgemm(MatRef::row_major(reset, rows, u).t(), d_h, &mut hh, false);
                for i in 0..u {
                    d_rk[i * width..][..two].copy_from_slice(&zr[i * two..][..two]);
                    d_rk[i * width + two..][..u].copy_from_slice(&hh[i * u..][..u]);
                }
            }
            None => sgemm(MatRef::row_major(h_prev, rows, u).t(), MatRef::row_major(d_rec, rows, width), &mut d_rk, false),
        }
        let mut out = vec![
            Some(array(&[self.batch, self.steps, d], self.batch_major(&dx_steps, d))),
            Some(array(&[d, width], d_kernel)),
            Some(array(&[u, width], d_rk)),
        ];
        if has_bias {
            let mut bias = column_sums(&grads.d_input, width);
            if self.recurrent_bias.is_some() {
                bias.extend(column_sums(d_rec, width));
                out.push(Some(array(&[2, width], bias)));
            } else {
                out.push(Some(array(&[width], bias)));
            }
        }
        out.extend(grads.d_initial.into_iter().map(|g| Some(array(&[self.batch, u], g))));
        out
    }
}

/// The state at step boundary `s` (read) and `s + 1` (written), `len` values each.
fn step_pair(all: &mut [f32], s: usize, len: usize) -> (&[f32], &mut [f32]) {
    let (before, after) = all.split_at_mut((s + 1) * len);
    (&before[s * len..], &mut after[..len])
}

fn column_sums(rows: &[f32], width: usize) -> Vec<f32> {
    let mut sums = vec![0.0; width];
    rows.chunks_exact(width).for_each(|row| sums.iter_mut().zip(row).for_each(|(s, v)| *s += v));
    sums
}

fn array(shape: &[usize], values: Vec<f32>) -> F32Array {
    ArrayD::from_shape_vec(IxDyn(shape), values).expect("gradient sizes match their inputs").into_shared()
}
