/** What `runLayerTest` is told about a layer, as the keyword arguments of Keras's `run_layer_test`. */
import type { Signature } from '../../ts/arguments/signature.js';
import type { CustomObjects } from '../../ts/engine/registry.js';
import type { SymbolicShape } from '../../ts/engine/shape.js';
import type { DType, Layer, Tensor } from '../../ts/index.js';
import type { Shapes } from './layer_test_inputs.js';

export type LayerKwargs = Record<string, unknown>;

/** A layer class; its signature (Layer's for a user's subclass) gives the leading positional parameters. */
export interface LayerClassUnderTest {
  new (...args: never): Layer;
  readonly name: string;
  readonly className?: string;
  readonly signature: Signature<object>;
}

export interface LayerTestOptions {
  /** The constructor's options (camelCase keys); a function when each instance needs its own (a wrapped layer). */
  initKwargs?: LayerKwargs | (() => LayerKwargs);
  /** The input shape, batch first; a list of shapes for a multi-input layer. Not with `inputData`. */
  inputShape?: Shapes;
  /** The input itself (the caller keeps it and disposes it), instead of seeded values of `inputShape`. */
  inputData?: Tensor | Tensor[];
  /** The dtype of every input: 'int32' for layers that take ids (Embedding). Default 'float32'. */
  inputDtype?: DType;
  /** The output shape; `null` matches any size. */
  expectedOutputShape?: SymbolicShape;
  /** The output dtype. Default 'float32'. */
  expectedOutputDtype?: DType;
  expectedNumTrainableWeights?: number;
  expectedNumNonTrainableWeights?: number;
  /** `layer.losses.length` after one eager call. */
  expectedNumLosses?: number;
  /** Keras's `supports_masking` of the layer. */
  supportsMasking?: boolean;
  /**
   * The output mask's shape when every input carries a mask (its shape without the last axis);
   * `null`: the layer outputs no mask. Unchecked when not given.
   */
  expectedMaskShape?: SymbolicShape | null;
  /** The shape of the masks the inputs carry for that check, when not their shape without the last axis (Softmax's masks are the input's shape). */
  inputMaskShape?: Shapes;
  /** Whether to train one step. Default true. */
  runTrainingCheck?: boolean;
  /** The non-trainable weights (by name) that a training step updates by design, e.g. BatchNormalization's moving statistics. */
  expectedNonTrainableUpdates?: string[];
  customObjects?: CustomObjects;
  /** The layer takes inputs of any rank: skip the wrong-rank check. */
  acceptsAnyRank?: boolean;
  /** An input shape of a rank the layer refuses; default: the input shape with one axis fewer. */
  wrongRankShape?: Shapes;
}
