//! `keras.ops.ctc_loss`: the connectionist temporal classification loss of each sequence,
//! `-log p(labels | logits)`, summed over every alignment of the labels (with blanks between and
//! around them) to the frames. Forward is the log-space alpha recursion; backward adds the beta
//! recursion, so that `exp(alpha + beta - log p)` is the probability that frame `t` emits class
//! `k`, and the gradient of the loss with respect to the logits is `softmax - that`. Sequences are
//! independent: long batches split over them with rayon. Sums run in f64 so that long sequences
//! keep float32's precision.
use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use crate::error::{fail, shape_str, Result};
use crate::parallel::runs_inline;
use crate::tape::{F32Array, Tape};
use crate::tensor::Tensor;

/// The loss of each sequence of a batch: `target` (int32, `(batch, max_label_length)`) holds the
/// labels, of which the first `target_length[b]` count; `output` (`(batch, frames, classes)`)
/// holds logits, of which the first `output_length[b]` frames count; `mask_index` is the blank.
/// A sequence that no alignment fits (too few frames) has an infinite loss and no gradient.
pub fn ctc_loss(tape: &mut Tape, target: &Tensor, output: &Tensor, target_length: &Tensor, output_length: &Tensor, mask_index: i64) -> Result<Tensor> {
    let batch = Batch::new(target, output, target_length, output_length, mask_index)?;
    let logits = output.as_f32("ctc_loss")?.as_standard_layout().into_owned().into_shared();
    let losses = batch.map_sequences(1, |b, dst| dst[0] = batch.sequence(b, &logits).loss() as f32);
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&[batch.size]), losses).expect("one loss per sequence"));
    tape.record(&[target, output, target_length, output_length], &out, move |g| {
        let g = g.as_standard_layout();
        let g = g.as_slice().expect("a standard-layout array");
        let width = batch.frames * batch.classes;
        let grads = batch.map_sequences(width, |b, dst| batch.sequence(b, &logits).gradient(g[b], dst));
        let dx = ArrayD::from_shape_vec(IxDyn(&[batch.size, batch.frames, batch.classes]), grads).expect("one gradient per logit");
        Ok(vec![None, Some(dx.into_shared()), None, None])
    });
    Ok(out)
}

/// The checked arguments of one call: every sequence's labels and lengths.
struct Batch {
    size: usize,
    frames: usize,
    classes: usize,
    blank: usize,
    /// Each sequence's labels (its first `target_length` entries).
    labels: Vec<Vec<usize>>,
    /// Each sequence's frame count (`output_length`).
    lengths: Vec<usize>,
}

impl Batch {
    fn new(target: &Tensor, output: &Tensor, target_length: &Tensor, output_length: &Tensor, mask_index: i64) -> Result<Batch> {
        let (targets, output_shape) = (target.as_i32("ctc_loss")?, output.shape());
        if target.rank() != 2 || output.rank() != 3 || target.shape()[0] != output_shape[0] {
            return fail("ctc_loss", format!("expected targets of shape (batch, max_label_length) and logits of shape (batch, frames, classes), received {} and {}", shape_str(target.shape()), shape_str(output_shape)));
        }
        let (size, max_labels, frames, classes) = (output_shape[0], target.shape()[1], output_shape[1], output_shape[2]);
        if mask_index < 0 || mask_index as usize >= classes {
            return fail("ctc_loss", format!("mask_index must be a class index in [0, {classes}), received {mask_index}"));
        }
        let label_counts = lengths("target_length", target_length, size, max_labels)?;
        let lengths = lengths("output_length", output_length, size, frames)?;
        let targets = targets.as_standard_layout();
        let all = targets.as_slice().expect("a standard-layout array");
        let mut labels = Vec::with_capacity(size);
        for (b, &count) in label_counts.iter().enumerate() {
            let row = &all[b * max_labels..b * max_labels + count];
            if let Some((n, &bad)) = row.iter().enumerate().find(|(_, &c)| c < 0 || c as usize >= classes) {
                return fail("ctc_loss", format!("label {bad} at target[{b}, {n}] is not a class index in [0, {classes})"));
            }
            labels.push(row.iter().map(|&c| c as usize).collect());
        }
        Ok(Batch { size, frames, classes, blank: mask_index as usize, labels, lengths })
    }

    /// Sequence `b`, with the log-softmax of its counted frames of `logits`.
    fn sequence(&self, b: usize, logits: &F32Array) -> Sequence<'_> {
        let (frames, classes) = (self.lengths[b], self.classes);
        let start = b * self.frames * classes;
        let src = &logits.as_slice().expect("a standard-layout array")[start..start + frames * classes];
        let mut logp = Vec::with_capacity(src.len());
        for row in src.chunks(classes) {
            let max = row.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x as f64));
            let log_total = max + row.iter().map(|&x| (x as f64 - max).exp()).sum::<f64>().ln();
            logp.extend(row.iter().map(|&x| x as f64 - log_total));
        }
        Sequence { labels: &self.labels[b], blank: self.blank, classes, logp }
    }

    /// `f(b, sequence b's slice of width values)` for every sequence, in parallel when the work is large.
    fn map_sequences(&self, width: usize, f: impl Fn(usize, &mut [f32]) + Sync) -> Vec<f32> {
        let mut out = vec![0.0f32; self.size * width];
        let one = |(b, dst): (usize, &mut [f32])| f(b, dst);
        let work = self.frames * self.labels.iter().map(|l| 2 * l.len() + 1 + self.classes).sum::<usize>();
        if width == 0 {
            (0..self.size).for_each(|b| f(b, &mut []));
        } else if runs_inline(work) {
            out.chunks_mut(width).enumerate().for_each(one);
        } else {
            out.par_chunks_mut(width).enumerate().for_each(one);
        }
        out
    }
}

/// `lengths` (rank 1, one per sequence, each in `[0, max]`) as sizes.
fn lengths(name: &str, lengths: &Tensor, size: usize, max: usize) -> Result<Vec<usize>> {
    let values = lengths.as_i32("ctc_loss")?;
    if lengths.shape() != [size] {
        return fail("ctc_loss", format!("{name} must have shape ({size},), one length per sequence, received {}", shape_str(lengths.shape())));
    }
    values
        .iter()
        .map(|&n| if n < 0 || n as usize > max { fail("ctc_loss", format!("{name} values must be in [0, {max}], received {n}")) } else { Ok(n as usize) })
        .collect()
}

/// One sequence: its labels interleaved with blanks (`blank, l1, blank, l2, …, blank`, the
/// states of its alignments) and the log-probabilities of its counted frames.
struct Sequence<'a> {
    labels: &'a [usize],
    blank: usize,
    classes: usize,
    /// `log_softmax` of each frame's logits, `(frames, classes)` row-major.
    logp: Vec<f64>,
}

impl Sequence<'_> {
    fn frames(&self) -> usize {
        self.logp.len() / self.classes
    }

    /// States of the extended label sequence: two per label, plus the final blank.
    fn states(&self) -> usize {
        2 * self.labels.len() + 1
    }

    fn class(&self, state: usize) -> usize {
        if state % 2 == 0 { self.blank } else { self.labels[state / 2] }
    }

    /// Whether an alignment may jump from `state - 2` to `state`: onto a label that differs from
    /// the one before it (between equal labels the blank cannot be skipped).
    fn can_skip_to(&self, state: usize) -> bool {
        state % 2 == 1 && state >= 2 && self.class(state) != self.class(state - 2)
    }

    fn logp(&self, t: usize, state: usize) -> f64 {
        self.logp[t * self.classes + self.class(state)]
    }

    /// `alpha[t][s]`: log-probability of the prefixes of frames `0..=t` that end in state `s`.
    fn alpha(&self) -> Vec<f64> {
        let (frames, states) = (self.frames(), self.states());
        let mut alpha = vec![f64::NEG_INFINITY; frames * states];
        for t in 0..frames {
            for s in 0..states {
                let from = if t == 0 {
                    if s < 2 { 0.0 } else { f64::NEG_INFINITY }
                } else {
                    let prev = &alpha[(t - 1) * states..t * states];
                    let mut sum = prev[s];
                    if s >= 1 { sum = log_add(sum, prev[s - 1]); }
                    if self.can_skip_to(s) { sum = log_add(sum, prev[s - 2]); }
                    sum
                };
                alpha[t * states + s] = from + self.logp(t, s);
            }
        }
        alpha
    }

    /// `beta[t][s]`: log-probability of the suffixes of frames `t+1..` that start after state `s`
    /// at frame `t` (the emission at `t` itself is in `alpha`).
    fn beta(&self) -> Vec<f64> {
        let (frames, states) = (self.frames(), self.states());
        let mut beta = vec![f64::NEG_INFINITY; frames * states];
        for t in (0..frames).rev() {
            for s in 0..states {
                beta[t * states + s] = if t + 1 == frames {
                    if s + 2 >= states { 0.0 } else { f64::NEG_INFINITY }
                } else {
                    let next = |s2: usize| beta[(t + 1) * states + s2] + self.logp(t + 1, s2);
                    let mut sum = next(s);
                    if s + 1 < states { sum = log_add(sum, next(s + 1)); }
                    if s + 2 < states && self.can_skip_to(s + 2) { sum = log_add(sum, next(s + 2)); }
                    sum
                };
            }
        }
        beta
    }

    /// `log p(labels)`: the alignments that end on the last label or the final blank.
    fn log_likelihood(&self, alpha: &[f64]) -> f64 {
        let (frames, states) = (self.frames(), self.states());
        if frames == 0 {
            return if states == 1 { 0.0 } else { f64::NEG_INFINITY };
        }
        let last = &alpha[(frames - 1) * states..];
        if states == 1 { last[0] } else { log_add(last[states - 1], last[states - 2]) }
    }

    fn loss(&self) -> f64 {
        -self.log_likelihood(&self.alpha())
    }

    /// `upstream × (softmax − occupancy)` for this sequence's `(frames, classes)` logits, zero
    /// past its `output_length` and everywhere when no alignment fits.
    fn gradient(&self, upstream: f32, dst: &mut [f32]) {
        let alpha = self.alpha();
        let log_p = self.log_likelihood(&alpha);
        if !log_p.is_finite() {
            return;
        }
        let beta = self.beta();
        let (classes, states) = (self.classes, self.states());
        let mut occupancy = vec![0.0f64; classes];
        for t in 0..self.frames() {
            occupancy.fill(0.0);
            for s in 0..states {
                occupancy[self.class(s)] += (alpha[t * states + s] + beta[t * states + s] - log_p).exp();
            }
            let row = &mut dst[t * classes..(t + 1) * classes];
            for (k, d) in row.iter_mut().enumerate() {
                *d = (upstream as f64 * (self.logp[t * classes + k].exp() - occupancy[k])) as f32;
            }
        }
    }
}

/// `log(exp(a) + exp(b))`, exact when either is -inf.
fn log_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY { hi } else { hi + (lo - hi).exp().ln_1p() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tensors(labels: &[i32], label_shape: [usize; 2], logits: &[f32], logit_shape: [usize; 3], label_lengths: &[i32], frames: &[i32]) -> [Tensor; 4] {
        [
            Tensor::i32(ArrayD::from_shape_vec(IxDyn(&label_shape), labels.to_vec()).unwrap()),
            Tensor::f32(ArrayD::from_shape_vec(IxDyn(&logit_shape), logits.to_vec()).unwrap()),
            Tensor::i32(ArrayD::from_shape_vec(IxDyn(&[label_lengths.len()]), label_lengths.to_vec()).unwrap()),
            Tensor::i32(ArrayD::from_shape_vec(IxDyn(&[frames.len()]), frames.to_vec()).unwrap()),
        ]
    }

    /// The f64 reference: the probability of every path of `frames` classes that collapses
    /// (merge repeats, drop blanks) to `labels`, summed by enumeration.
    fn brute_force(labels: &[usize], logits: &[f32], frames: usize, classes: usize, blank: usize) -> f64 {
        let probs: Vec<f64> = logits.chunks(classes).flat_map(|row| {
            let total: f64 = row.iter().map(|&x| (x as f64).exp()).sum();
            row.iter().map(move |&x| (x as f64).exp() / total).collect::<Vec<_>>()
        }).collect();
        let mut total = 0.0;
        for code in 0..classes.pow(frames as u32) {
            let path: Vec<usize> = (0..frames).map(|t| code / classes.pow(t as u32) % classes).collect();
            let mut collapsed = Vec::new();
            for (t, &c) in path.iter().enumerate() {
                if c != blank && (t == 0 || path[t - 1] != c) { collapsed.push(c); }
            }
            if collapsed == labels {
                total += path.iter().enumerate().map(|(t, &c)| probs[t * classes + c]).product::<f64>();
            }
        }
        -total.ln()
    }

    fn logits(n: usize) -> Vec<f32> {
        (0..n).map(|i| ((i * 37 % 17) as f32 - 8.0) / 4.0).collect()
    }

    #[test]
    fn matches_the_sum_over_every_path() {
        // Two sequences: labels [1, 1] (a repeat needs a blank between) and [2] with frames cut to 3.
        let x = logits(2 * 4 * 3);
        let [t, o, tl, ol] = tensors(&[1, 1, 2, 0], [2, 2], &x, [2, 4, 3], &[2, 1], &[4, 3]);
        let out = ctc_loss(&mut Tape::default(), &t, &o, &tl, &ol, 0).unwrap().to_f32_vec();
        let expected = [brute_force(&[1, 1], &x[..12], 4, 3, 0), brute_force(&[2], &x[12..21], 3, 3, 0)];
        for (a, e) in out.iter().zip(expected) {
            assert!((*a as f64 - e).abs() < 1e-5 * e.abs().max(1.0), "{a} vs {e}");
        }
    }

    #[test]
    fn another_blank_index_and_an_empty_label() {
        let x = logits(2 * 3 * 3);
        let [t, o, tl, ol] = tensors(&[0, 1, 0, 0], [2, 2], &x, [2, 3, 3], &[2, 0], &[3, 3]);
        let out = ctc_loss(&mut Tape::default(), &t, &o, &tl, &ol, 2).unwrap().to_f32_vec();
        let expected = [brute_force(&[0, 1], &x[..9], 3, 3, 2), brute_force(&[], &x[9..], 3, 3, 2)];
        for (a, e) in out.iter().zip(expected) {
            assert!((*a as f64 - e).abs() < 1e-5 * e.abs().max(1.0), "{a} vs {e}");
        }
    }

    #[test]
    fn too_few_frames_give_an_infinite_loss_and_no_gradient() {
        let x = logits(2 * 3);
        let [t, o, tl, ol] = tensors(&[1, 1], [1, 2], &x, [1, 2, 3], &[2], &[2]);
        let mut tape = Tape::default();
        tape.start();
        let out = ctc_loss(&mut tape, &t, &o, &tl, &ol, 0).unwrap();
        assert_eq!(out.to_f32_vec(), vec![f32::INFINITY]);
        let grad = tape.gradients(&out, None, &[o.id]).unwrap().remove(0).unwrap();
        assert!(grad.iter().all(|&g| g == 0.0));
    }

    #[test]
    fn gradient_matches_central_differences() {
        let x = logits(2 * 4 * 3);
        let [t, o, tl, ol] = tensors(&[1, 2, 2, 0], [2, 2], &x, [2, 4, 3], &[2, 1], &[4, 3]);
        let mut tape = Tape::default();
        tape.start();
        let out = ctc_loss(&mut tape, &t, &o, &tl, &ol, 0).unwrap();
        let seed = ArrayD::from_shape_vec(IxDyn(&[2]), vec![0.7f32, -1.3]).unwrap().into_shared();
        let grad = tape.gradients(&out, Some(seed), &[o.id]).unwrap().remove(0).unwrap();
        let objective = |values: &[f32]| -> f64 {
            let o = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&[2, 4, 3]), values.to_vec()).unwrap());
            let l = ctc_loss(&mut Tape::default(), &t, &o, &tl, &ol, 0).unwrap().to_f32_vec();
            0.7 * l[0] as f64 - 1.3 * l[1] as f64
        };
        for (i, &analytic) in grad.iter().enumerate() {
            let (mut up, mut down) = (x.clone(), x.clone());
            up[i] += 1e-2;
            down[i] -= 1e-2;
            let numeric = (objective(&up) - objective(&down)) / 2e-2;
            assert!((analytic as f64 - numeric).abs() < 2e-3, "logit {i}: {analytic} vs {numeric}");
        }
    }

    #[test]
    fn refuses_labels_outside_the_classes() {
        let [t, o, tl, ol] = tensors(&[1, 3], [1, 2], &logits(6), [1, 2, 3], &[2], &[2]);
        let err = ctc_loss(&mut Tape::default(), &t, &o, &tl, &ol, 0).unwrap_err();
        assert!(err.to_string().contains("label 3 at target[0, 1]"), "{err}");
    }
}
