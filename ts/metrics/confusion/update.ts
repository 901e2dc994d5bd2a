/**
 * The accumulation behind the confusion metrics, as Keras's `update_confusion_matrix_variables`:
 * the batch is brought to Keras's shapes here (ranks, sample weights, logits), then one kernel
 * (crates/kerasm-core/src/metrics/confusion) adds its weighted counts per threshold to the
 * metric's state variables in place. Nothing is read back into JavaScript.
 */
import type { Variable } from '../../engine/variable.js';
import { sameRank } from '../../losses/loss.js';
import * as ops from '../../ops/index.js';
import { call } from '../../runtime/binding.js';
import { tensor } from '../../tensor/create.js';
import { tidy } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape } from '../../utils/python_repr.js';

/** Mirrors `NO_SLOT` in crates/kerasm-wasm/src/api/optim.rs: a tensor not given. */
const NO_SLOT = 0xffffffff;

/** The state variables a metric keeps; the kernel adds to those given. */
export interface ConfusionVariables {
  truePositives?: Variable;
  falsePositives?: Variable;
  trueNegatives?: Variable;
  falseNegatives?: Variable;
}

/** How a metric counts. */
export interface ConfusionSettings {
  /** The thresholds, as float32 (Keras converts them to the state's dtype). */
  thresholds: Float32Array;
  /** Keras's `thresholds_distributed_evenly`: predictions are bucketed, not compared. */
  evenly: boolean;
  /** Counts each last-axis column apart (AUC's `multi_label`; state `[T, L]`). */
  multiLabel?: boolean;
  /** Only the `topK` largest predictions of each row may be positive. */
  topK?: number | null;
  /** Only this class (last-axis column) counts. */
  classId?: number | null;
  /** One weight per last-axis column (AUC's `label_weights` without `multi_label`). */
  labelWeights?: Tensor | null;
  /** Refuses labels outside [0, 1] (AUC). */
  checkLabels?: boolean;
  /** Predictions are logits: a sigmoid is applied first (AUC's `from_logits`). */
  fromLogits?: boolean;
}

/**
 * Adds a batch's confusion counts to `state`. `className` names the metric in errors;
 * `sampleWeight` is a number or a tensor broadcastable to `yTrue` as Keras allows.
 */
export function updateConfusion(
  className: string,
  state: ConfusionVariables,
  yTrue: Tensor,
  yPred: Tensor,
  sampleWeight: Tensor | number | undefined,
  settings: ConfusionSettings,
): void {
  tidy(() => {
    const probabilities = settings.fromLogits ? ops.sigmoid(ops.cast(yPred, 'float32')) : ops.cast(yPred, 'float32');
    const [pred, labels] = sameRank(probabilities, ops.cast(yTrue, 'float32'));
    if (settings.classId != null && pred.rank === 1) {
      throw new ValueError(
        `When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), found shape: ${formatShape(pred.shape)}`,
      );
    }
    if (labels.shape.length !== pred.shape.length || labels.shape.some((d, i) => d !== pred.shape[i])) {
      throw new ValueError(`${className}: y_true and y_pred must have the same shape. Received: y_true.shape=${formatShape(labels.shape)}, y_pred.shape=${formatShape(pred.shape)}`);
    }
    const weights = sampleWeight === undefined ? null : weightsLike(labels, pred, sampleWeight);
    const stateHandles = [state.truePositives, state.falsePositives, state.trueNegatives, state.falseNegatives].map((v) => v?.value.handle ?? NO_SLOT);
    const batchHandles = [labels.handle, pred.handle, weights?.handle ?? NO_SLOT, settings.labelWeights?.handle ?? NO_SLOT];
    const { thresholds, evenly, multiLabel = false, topK, classId, checkLabels = false } = settings;
    call(className, (w) =>
      w.confusion_update(Uint32Array.from(stateHandles), Uint32Array.from(batchHandles), thresholds, evenly, multiLabel, topK ?? undefined, classId ?? undefined, checkLabels),
    );
  });
}

/**
 * The sample weights as Keras reads them here: given one more axis, brought to the labels' rank
 * (squeezed, never expanded), then broadcast to the predictions' shape.
 */
function weightsLike(labels: Tensor, pred: Tensor, sampleWeight: Tensor | number): Tensor {
  let w = ops.expandDims(typeof sampleWeight === 'number' ? tensor(sampleWeight) : ops.cast(sampleWeight, 'float32'), -1);
  if (w.rank === labels.rank + 1 && w.shape[w.rank - 1] === 1) w = ops.squeeze(w, -1);
  const same = w.rank === pred.rank && w.shape.every((d, i) => d === pred.shape[i]);
  return same ? w : ops.multiply(w, ops.ones(pred.shape as number[]));
}
