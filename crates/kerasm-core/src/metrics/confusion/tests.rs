use super::*;
use crate::parallel::PARALLEL_MIN_LEN;
use crate::testing::{assert_close, pseudo_random, t, ti};

/// The four counts, each `[T * L]`.
type Counts = [Vec<f64>; 4];

/// The definition, in f64: a value is predicted positive at `t` when it is among its row's top k
/// (if any), in the chosen column (if any), and above `t` (after clipping to [0, 1] on the evenly
/// spaced path, where the first threshold counts 0 when it lies below 0).
fn reference(y_true: &[f32], y_pred: &[f32], weights: &[f32], row_len: usize, s: &ConfusionSettings) -> Counts {
    let labels = if s.multi_label { row_len } else { 1 };
    let mut counts: Counts = std::array::from_fn(|_| vec![0.0; s.thresholds.len() * labels]);
    for (row, preds) in y_pred.chunks(row_len).enumerate() {
        for (column, &p) in preds.iter().enumerate() {
            if s.class_id.is_some_and(|c| c != column) {
                continue;
            }
            let i = row * row_len + column;
            let rank = preds.iter().enumerate().filter(|&(j, &q)| q > p || (q == p && j < column)).count();
            let kept = s.top_k.is_none_or(|k| rank < k);
            let p = if s.evenly { f64::from(p).clamp(0.0, 1.0) } else { f64::from(p) };
            for (ti, &threshold) in s.thresholds.iter().enumerate() {
                let positive = kept && p > f64::from(threshold);
                let which = match (y_true[i] != 0.0, positive) {
                    (true, true) => 0,
                    (false, true) => 1,
                    (false, false) => 2,
                    (true, false) => 3,
                };
                let label = if s.multi_label { column } else { 0 };
                counts[which][ti * labels + label] += f64::from(weights[i]);
            }
        }
    }
    counts
}

/// Runs the kernel on fresh zero state, `times` batches in a row.
fn run(batch: ConfusionBatch, s: &ConfusionSettings, state_shape: &[usize], times: usize) -> [Tensor; 4] {
    let len = state_shape.iter().product();
    let mut state: [Tensor; 4] = std::array::from_fn(|_| t(state_shape, &vec![0.0; len]));
    for _ in 0..times {
        let [tp, fp, tn, fn_] = &mut state;
        let targets = ConfusionState { true_positives: Some(tp), false_positives: Some(fp), true_negatives: Some(tn), false_negatives: Some(fn_) };
        update_confusion(targets, batch, s).unwrap();
    }
    state
}

fn evenly(n: usize, epsilon: f32) -> Vec<f32> {
    let mut t: Vec<f32> = (0..n).map(|i| (i as f64 / (n - 1) as f64) as f32).collect();
    t[0] -= epsilon;
    t[n - 1] += epsilon;
    t
}

const PLAIN: ConfusionSettings = ConfusionSettings {
    thresholds: &[0.5],
    evenly: false,
    multi_label: false,
    top_k: None,
    class_id: None,
    check_labels: false,
};

#[test]
fn keras_docstring_example() {
    // metrics_utils's example: thresholds [0, 0.5, 1], predictions [0.1, 0.5, 0.3, 0.9].
    let (y_true, y_pred) = (t(&[4], &[0.0, 0.0, 1.0, 1.0]), t(&[4], &[0.1, 0.5, 0.3, 0.9]));
    let batch = ConfusionBatch { y_true: &y_true, y_pred: &y_pred, sample_weight: None, label_weights: None };
    for evenly in [true, false] {
        let s = ConfusionSettings { thresholds: &[0.0, 0.5, 1.0], evenly, ..PLAIN };
        let [tp, fp, tn, fn_] = run(batch, &s, &[3], 2);
        assert_close(&tp, &[4.0, 2.0, 0.0], 0.0);
        assert_close(&fp, &[4.0, 0.0, 0.0], 0.0);
        assert_close(&tn, &[0.0, 4.0, 4.0], 0.0);
        assert_close(&fn_, &[0.0, 2.0, 4.0], 0.0);
    }
}

#[test]
fn top_k_keeps_the_largest_of_each_row_and_class_id_one_column() {
    // Rows [0.9, 0.9, 0.2] and [0.1, 0.7, 0.8] with k = 1: the first 0.9 (lower index) and 0.8.
    let y_pred = t(&[2, 3], &[0.9, 0.9, 0.2, 0.1, 0.7, 0.8]);
    let y_true = t(&[2, 3], &[0.0, 1.0, 0.0, 0.0, 1.0, 1.0]);
    let batch = ConfusionBatch { y_true: &y_true, y_pred: &y_pred, sample_weight: None, label_weights: None };
    let [tp, fp, tn, fn_] = run(batch, &ConfusionSettings { top_k: Some(1), ..PLAIN }, &[1], 1);
    assert_close(&tp, &[1.0], 0.0);
    assert_close(&fp, &[1.0], 0.0);
    // The second 0.9 and the 0.7 are set labels left out of the top 1: false negatives.
    assert_close(&tn, &[2.0], 0.0);
    assert_close(&fn_, &[2.0], 0.0);
    let [tp, fp, tn, fn_] = run(batch, &ConfusionSettings { class_id: Some(1), ..PLAIN }, &[1], 1);
    assert_close(&tp, &[2.0], 0.0);
    assert_close(&fp, &[0.0], 0.0);
    assert_close(&tn, &[0.0], 0.0);
    assert_close(&fn_, &[0.0], 0.0);
}

#[test]
fn matches_the_reference_small_and_parallel() {
    let even = evenly(7, 1e-7);
    let cases = [
        ConfusionSettings { thresholds: &[0.3, 0.5, 0.95], ..PLAIN },
        ConfusionSettings { thresholds: &even, evenly: true, ..PLAIN },
        ConfusionSettings { thresholds: &even, evenly: true, multi_label: true, ..PLAIN },
        ConfusionSettings { thresholds: &[0.0, 0.5, 1.0], evenly: true, top_k: Some(2), ..PLAIN },
        ConfusionSettings { thresholds: &[0.4], top_k: Some(3), class_id: Some(2), ..PLAIN },
        ConfusionSettings { thresholds: &[-1e10], top_k: Some(2), ..PLAIN },
    ];
    let row_len = 5;
    for rows in [6, 3 * PARALLEL_MIN_LEN / row_len + 3] {
        let len = rows * row_len;
        // Predictions slightly outside [0, 1] too, to exercise the clipping.
        let y_pred: Vec<f32> = pseudo_random(len, 3).iter().map(|v| v * 0.6 + 0.5).collect();
        let y_true: Vec<f32> = pseudo_random(len, 4).iter().map(|&v| if v > 0.0 { 1.0 } else { 0.0 }).collect();
        let weights: Vec<f32> = pseudo_random(len, 5).iter().map(|v| v + 1.0).collect();
        let (yt, yp, w) = (t(&[rows, row_len], &y_true), t(&[rows, row_len], &y_pred), t(&[rows, row_len], &weights));
        for s in &cases {
            let labels = if s.multi_label { row_len } else { 1 };
            let shape: Vec<usize> = if s.multi_label { vec![s.thresholds.len(), labels] } else { vec![s.thresholds.len()] };
            let batch = ConfusionBatch { y_true: &yt, y_pred: &yp, sample_weight: Some(&w), label_weights: None };
            let got = run(batch, s, &shape, 1);
            let want = reference(&y_true, &y_pred, &weights, row_len, s);
            for (g, w) in got.iter().zip(&want) {
                assert_close(g, &w.iter().map(|&v| v as f32).collect::<Vec<_>>(), 1e-5);
            }
        }
    }
}

#[test]
fn label_weights_weigh_each_column() {
    let (y_true, y_pred) = (t(&[2, 2], &[1.0, 1.0, 0.0, 1.0]), t(&[2, 2], &[0.9, 0.2, 0.8, 0.7]));
    let lw = t(&[2], &[2.0, 0.5]);
    let batch = ConfusionBatch { y_true: &y_true, y_pred: &y_pred, sample_weight: None, label_weights: Some(&lw) };
    let [tp, fp, tn, fn_] = run(batch, &PLAIN, &[1], 1);
    assert_close(&tp, &[2.5], 0.0);
    assert_close(&fp, &[2.0], 0.0);
    assert_close(&tn, &[0.0], 0.0);
    assert_close(&fn_, &[0.5], 0.0);
}

#[test]
fn errors_name_the_bad_value_or_shape() {
    let msg = |batch: ConfusionBatch, s: &ConfusionSettings, shape: &[usize]| {
        let mut tp = t(shape, &vec![0.0; shape.iter().product()]);
        update_confusion(ConfusionState { true_positives: Some(&mut tp), ..Default::default() }, batch, s).unwrap_err().to_string()
    };
    let y_pred = t(&[3], &[0.2, 0.4, 0.6]);
    let bad = t(&[3], &[0.0, 2.0, 1.0]);
    let batch = ConfusionBatch { y_true: &bad, y_pred: &y_pred, sample_weight: None, label_weights: None };
    let auc = ConfusionSettings { check_labels: true, ..PLAIN };
    assert_eq!(msg(batch, &auc, &[1]), "AUC: labels (y_true) must be in [0, 1]. Received: a label of 2.0");
    // Without the check, 2 is a set label.
    let [tp, ..] = run(batch, &PLAIN, &[1], 1);
    assert_close(&tp, &[1.0], 0.0);
    let short = t(&[2], &[0.0, 1.0]);
    let batch = ConfusionBatch { y_true: &short, y_pred: &y_pred, sample_weight: None, label_weights: None };
    assert_eq!(msg(batch, &PLAIN, &[1]), "confusion_matrix: y_true has shape (2,) but y_pred has shape (3,)");
    let batch = ConfusionBatch { y_true: &y_pred, y_pred: &y_pred, sample_weight: None, label_weights: None };
    assert_eq!(msg(batch, &PLAIN, &[2]), "confusion_matrix: the true_positives state has shape (2,) but (1,) is expected");
    let ints = ti(&[3], &[0, 1, 0]);
    let batch = ConfusionBatch { y_true: &ints, y_pred: &y_pred, sample_weight: None, label_weights: None };
    assert_eq!(msg(batch, &PLAIN, &[1]), "confusion_matrix: y_true must be float32, received int32");
    let batch = ConfusionBatch { y_true: &y_pred, y_pred: &y_pred, sample_weight: None, label_weights: None };
    assert_eq!(
        msg(batch, &ConfusionSettings { class_id: Some(3), ..PLAIN }, &[1]),
        "confusion_matrix: class_id 3 is out of range for predictions of shape (3,)"
    );
}
