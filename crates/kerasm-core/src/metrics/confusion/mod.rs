//! The accumulation behind Keras's confusion metrics (`update_confusion_matrix_variables` in
//! keras/src/metrics/metrics_utils.py): for each threshold `t`, the weighted counts of true
//! positives (label set, prediction > t), false positives, true negatives and false negatives,
//! added to the state tensors in place. Labels count as set when non-zero, as Keras's cast to bool.
//!
//! Evenly spaced thresholds (`i / (T - 1)`, AUC's ends moved out by epsilon) take Keras's
//! bucketed path: each prediction, clipped to [0, 1], falls in bucket `ceil(p * (T - 1)) - 1`,
//! and a reverse cumulative sum of the buckets gives the counts above each threshold, O(N + T).
//! Other thresholds compare each prediction with each threshold, O(N * T).
use std::ops::Range;

use rayon::prelude::*;

use crate::error::{fail, shape_str, Result};
use crate::ops::top_k::Descending;
use crate::parallel::{runs_inline, CHUNK_LEN};
use crate::tensor::Tensor;

const OP: &str = "confusion_matrix";

/// The thresholds and how the batch is read.
#[derive(Clone, Copy, Debug)]
pub struct ConfusionSettings<'a> {
    /// The thresholds `[T]`.
    pub thresholds: &'a [f32],
    /// Keras's `thresholds_distributed_evenly`: a prediction's bucket is computed, not compared.
    pub evenly: bool,
    /// Counts each last-axis column apart into state of shape `[T, L]` (AUC's `multi_label`);
    /// otherwise every value counts alike into state of shape `[T]`.
    pub multi_label: bool,
    /// Only the `k` largest predictions of each last-axis row may count as positive.
    pub top_k: Option<usize>,
    /// Only this column of the last axis counts (chosen after `top_k`).
    pub class_id: Option<usize>,
    /// Refuses labels outside [0, 1], as AUC does.
    pub check_labels: bool,
}

/// One batch: targets and predictions of the same shape, both float32.
#[derive(Clone, Copy)]
pub struct ConfusionBatch<'a> {
    pub y_true: &'a Tensor,
    pub y_pred: &'a Tensor,
    /// One weight per prediction (broadcast to its shape beforehand), or none.
    pub sample_weight: Option<&'a Tensor>,
    /// One weight per last-axis column (AUC's `label_weights` without `multi_label`), or none.
    pub label_weights: Option<&'a Tensor>,
}

/// The state tensors to add to; a metric passes the ones it keeps.
#[derive(Default)]
pub struct ConfusionState<'a> {
    pub true_positives: Option<&'a mut Tensor>,
    pub false_positives: Option<&'a mut Tensor>,
    pub true_negatives: Option<&'a mut Tensor>,
    pub false_negatives: Option<&'a mut Tensor>,
}

/// Adds the batch's weighted confusion counts to `state`.
pub fn update_confusion(state: ConfusionState, batch: ConfusionBatch, settings: &ConfusionSettings) -> Result<()> {
    let layout = Layout::of(&batch, settings)?;
    let values = Values::of(&batch, &layout)?;
    if settings.check_labels {
        check_labels(values.y_true)?;
    }
    let state_shape = if settings.multi_label { vec![layout.thresholds, layout.labels] } else { vec![layout.thresholds] };
    let mut tally = count(&values, &layout, settings);
    if settings.evenly {
        tally.accumulate_buckets(layout.labels);
    }
    let ConfusionState { true_positives, false_positives, true_negatives, false_negatives } = state;
    let negatives = |total: &[f64], positives: &[f64]| -> Vec<f64> {
        positives.iter().enumerate().map(|(i, p)| total[i % layout.labels] - p).collect()
    };
    add_to("true_positives", true_positives, &state_shape, &tally.positive_true)?;
    add_to("false_positives", false_positives, &state_shape, &tally.positive_false)?;
    add_to("true_negatives", true_negatives, &state_shape, &negatives(&tally.total_false, &tally.positive_false))?;
    add_to("false_negatives", false_negatives, &state_shape, &negatives(&tally.total_true, &tally.positive_true))?;
    Ok(())
}

/// How the batch is cut: rows along the last axis, and the counts kept.
struct Layout {
    /// The length of the last axis (of the whole vector for rank 0 or 1, as `top_k` reads it).
    row_len: usize,
    rows: usize,
    /// The last-axis columns that count.
    columns: Range<usize>,
    thresholds: usize,
    /// Labels counted apart: the row length with `multi_label`, else 1.
    labels: usize,
    /// Whether the first evenly spaced threshold lies below 0 (AUC's), so that 0 counts above it.
    with_epsilon: bool,
}

impl Layout {
    fn of(batch: &ConfusionBatch, settings: &ConfusionSettings) -> Result<Layout> {
        let shape = batch.y_pred.shape();
        if batch.y_true.shape() != shape {
            return fail(OP, format!("y_true has shape {} but y_pred has shape {}", shape_str(batch.y_true.shape()), shape_str(shape)));
        }
        let len = batch.y_pred.len();
        let row_len = if shape.len() <= 1 { len } else { shape[shape.len() - 1] };
        let rows = len.checked_div(row_len).unwrap_or(0);
        let columns = match settings.class_id {
            Some(c) if c >= row_len => return fail(OP, format!("class_id {c} is out of range for predictions of shape {}", shape_str(shape))),
            Some(c) if settings.multi_label => return fail(OP, format!("class_id ({c}) cannot be combined with multi_label")),
            Some(c) => c..c + 1,
            None => 0..row_len,
        };
        let t = settings.thresholds;
        if t.is_empty() || (settings.evenly && t.len() < 2) {
            return fail(OP, format!("{} thresholds given; evenly spaced thresholds need at least 2, others 1", t.len()));
        }
        let with_epsilon = settings.evenly && (t[0] < 0.0 || t[t.len() - 1] > 1.0);
        let labels = if settings.multi_label { row_len } else { 1 };
        Ok(Layout { row_len, rows, columns, thresholds: t.len(), labels, with_epsilon })
    }
}

/// The batch's values as slices, checked against the layout.
struct Values<'a> {
    y_true: &'a [f32],
    y_pred: &'a [f32],
    sample_weight: Option<&'a [f32]>,
    label_weights: Option<&'a [f32]>,
}

impl<'a> Values<'a> {
    fn of(batch: &ConfusionBatch<'a>, layout: &Layout) -> Result<Values<'a>> {
        let slice = |what: &str, t: &'a Tensor| -> Result<&'a [f32]> {
            match t.as_f32(OP) {
                Ok(a) => Ok(a.as_slice().expect("tensors are kept in standard layout")),
                Err(_) => fail(OP, format!("{what} must be float32, received {}", t.dtype().name())),
            }
        };
        let sample_weight = batch.sample_weight.map(|w| slice("sample_weight", w)).transpose()?;
        if let Some(w) = sample_weight {
            if w.len() != batch.y_pred.len() {
                return fail(OP, format!("sample_weight has {} values but y_pred has shape {}", w.len(), shape_str(batch.y_pred.shape())));
            }
        }
        let label_weights = batch.label_weights.map(|w| slice("label_weights", w)).transpose()?;
        if let Some(w) = label_weights {
            if w.len() != layout.row_len {
                return fail(OP, format!("label_weights has {} values but y_pred's last axis has {}", w.len(), layout.row_len));
            }
        }
        Ok(Values { y_true: slice("y_true", batch.y_true)?, y_pred: slice("y_pred", batch.y_pred)?, sample_weight, label_weights })
    }
}

/// AUC's check: every label in [0, 1] (NaN is not).
fn check_labels(y_true: &[f32]) -> Result<()> {
    match y_true.iter().find(|y| !(0.0..=1.0).contains(*y)) {
        Some(y) => fail("AUC", format!("labels (y_true) must be in [0, 1]. Received: a label of {y:?}")),
        None => Ok(()),
    }
}

/// Weighted counts, `[T * L]` threshold-major, and per-label totals: of set labels predicted
/// positive (`positive_true`), of unset labels predicted positive (`positive_false`). On the
/// bucketed path the positives hold per-bucket sums until `accumulate_buckets`.
struct Tally {
    positive_true: Vec<f64>,
    positive_false: Vec<f64>,
    total_true: Vec<f64>,
    total_false: Vec<f64>,
}

impl Tally {
    fn zeros(layout: &Layout) -> Tally {
        let counts = layout.thresholds * layout.labels;
        Tally {
            positive_true: vec![0.0; counts],
            positive_false: vec![0.0; counts],
            total_true: vec![0.0; layout.labels],
            total_false: vec![0.0; layout.labels],
        }
    }

    fn merge(mut self, other: Tally) -> Tally {
        let add = |a: &mut Vec<f64>, b: Vec<f64>| a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        add(&mut self.positive_true, other.positive_true);
        add(&mut self.positive_false, other.positive_false);
        add(&mut self.total_true, other.total_true);
        add(&mut self.total_false, other.total_false);
        self
    }

    /// Bucket sums to counts above each threshold: a reverse cumulative sum per label.
    fn accumulate_buckets(&mut self, labels: usize) {
        for counts in [&mut self.positive_true, &mut self.positive_false] {
            for i in (0..counts.len().saturating_sub(labels)).rev() {
                counts[i] += counts[i + labels];
            }
        }
    }
}

/// The tally of the whole batch, over chunks of rows in parallel when it is large.
fn count(values: &Values, layout: &Layout, settings: &ConfusionSettings) -> Tally {
    if runs_inline(values.y_pred.len()) {
        return count_rows(values, layout, settings, 0..layout.rows);
    }
    let rows_per_chunk = (CHUNK_LEN / layout.row_len.max(1)).max(1);
    (0..layout.rows.div_ceil(rows_per_chunk))
        .into_par_iter()
        .map(|c| count_rows(values, layout, settings, c * rows_per_chunk..((c + 1) * rows_per_chunk).min(layout.rows)))
        .reduce(|| Tally::zeros(layout), Tally::merge)
}

fn count_rows(values: &Values, layout: &Layout, settings: &ConfusionSettings, rows: Range<usize>) -> Tally {
    let mut tally = Tally::zeros(layout);
    let mut top = TopK::new(settings.top_k, layout.row_len);
    let buckets = (layout.thresholds - 1) as f32;
    for row in rows {
        let start = row * layout.row_len;
        top.select(&values.y_pred[start..start + layout.row_len]);
        for column in layout.columns.clone() {
            let i = start + column;
            let weight = values.sample_weight.map_or(1.0, |w| w[i]) * values.label_weights.map_or(1.0, |w| w[column]);
            let label = if settings.multi_label { column } else { 0 };
            let is_true = values.y_true[i] != 0.0;
            let (totals, positives) =
                if is_true { (&mut tally.total_true, &mut tally.positive_true) } else { (&mut tally.total_false, &mut tally.positive_false) };
            let weight = f64::from(weight);
            totals[label] += weight;
            if !top.kept(column) {
                continue;
            }
            let p = values.y_pred[i];
            if settings.evenly {
                let bucket = (p.clamp(0.0, 1.0) * buckets).ceil() as i64 - 1;
                let bucket = if layout.with_epsilon { bucket.max(0) } else { bucket };
                if bucket >= 0 {
                    positives[bucket as usize * layout.labels + label] += weight;
                }
            } else {
                for (t, &threshold) in settings.thresholds.iter().enumerate() {
                    if p > threshold {
                        positives[t * layout.labels + label] += weight;
                    }
                }
            }
        }
    }
    tally
}

/// Which columns of a row are among its `k` largest (ties to the lower index, as `ops.top_k`).
struct TopK {
    k: Option<usize>,
    order: Vec<usize>,
    kept: Vec<bool>,
}

impl TopK {
    fn new(k: Option<usize>, row_len: usize) -> TopK {
        let k = k.filter(|&k| k < row_len);
        let len = if k.is_some() { row_len } else { 0 };
        TopK { k, order: Vec::with_capacity(len), kept: vec![false; len] }
    }

    fn select(&mut self, row: &[f32]) {
        let Some(k) = self.k else { return };
        self.order.clear();
        self.order.extend(0..row.len());
        let by_rank = |a: &usize, b: &usize| row[*a].descending(row[*b]).then(a.cmp(b));
        if k > 0 {
            self.order.select_nth_unstable_by(k - 1, by_rank);
        }
        self.kept.fill(false);
        self.order[..k].iter().for_each(|&i| self.kept[i] = true);
    }

    fn kept(&self, column: usize) -> bool {
        self.k.is_none() || self.kept[column]
    }
}

/// Adds `counts` to a state tensor of shape `shape`, if the metric keeps it.
fn add_to(name: &str, state: Option<&mut Tensor>, shape: &[usize], counts: &[f64]) -> Result<()> {
    let Some(state) = state else { return Ok(()) };
    if state.shape() != shape {
        return fail(OP, format!("the {name} state has shape {} but {} is expected", shape_str(state.shape()), shape_str(shape)));
    }
    if state.as_f32(OP).is_err() {
        return fail(OP, format!("the {name} state must be float32, received {}", state.dtype().name()));
    }
    state.f32_slice_mut(OP)?.iter_mut().zip(counts).for_each(|(v, &c)| *v += c as f32);
    Ok(())
}

#[cfg(test)]
mod tests;
