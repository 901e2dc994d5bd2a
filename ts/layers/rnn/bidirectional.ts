/**
 * Keras's Bidirectional layer: runs a recurrent layer over the sequences forwards and a copy of
 * it backwards, and merges the two outputs (`concat` by default, `sum`, `mul`, `ave`, or `null`
 * for both as a list). The backward output of every step is put back in the input's time order
 * before merging. Initial states given as inputs, `apply([sequences, ...forwardStates,
 * ...backwardStates])`, are split in halves between the two layers, and with `returnState` the
 * final states of both follow the output.
 *
 * As in Keras 3 it is a plain Layer (not a Wrapper): its weights live under `forward_layer` and
 * `backward_layer`, and its config holds the forward layer as `layer`.
 */
import { type KerasArgs, REQUIRED, onlyDefault } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import { type CustomObjects, type SerializedObject, construct, deserializeLayer, registerBuiltIn, serializeLayer } from '../../engine/registry.js';
import { type InputSpec, assertInputCompatibility } from '../../engine/input_spec.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { deserializeWithBuildShape, serializeBuilt } from './build_config.js';

/** How the forward and backward outputs are combined; null returns both. */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;
const MERGE_MODES: readonly MergeMode[] = ['sum', 'mul', 'ave', 'concat', null];

/** What Bidirectional needs of the layer it runs both ways (an RNN, LSTM, GRU, ConvLSTM2D, …). */
export interface SequenceLayer extends Layer {
  goBackwards: boolean;
  returnSequences: boolean;
  returnState: boolean;
  stateful: boolean;
  zeroOutputForMask?: boolean;
  /** What the sequences must be (an RNN's; Bidirectional checks them against it, as Keras takes the layer's input spec). */
  sequenceSpec?: InputSpec | null;
  resetStates?(): void;
}

export interface BidirectionalArgs extends LayerArgs {
  /** The recurrent layer to run forwards; the backward one is a fresh copy of it unless `backwardLayer` is given. */
  layer?: Layer;
  /** How the outputs are combined: `'concat'` (default), `'sum'`, `'mul'`, `'ave'`, or null for a list of both. */
  mergeMode?: MergeMode;
  /** Keras 3 accepts initial weights here but never applies them; kerasm takes only the default null. */
  weights?: Tensor[] | null;
  /** The layer to run backwards (same `returnSequences`, `returnState` and `stateful`, opposite `goBackwards`). */
  backwardLayer?: Layer | null;
}

export class Bidirectional extends Layer {
  static override className = 'Bidirectional';
  static override readonly signature = layerSignature<BidirectionalArgs>()({ layer: REQUIRED, mergeMode: 'concat', weights: onlyDefault(null), backwardLayer: null });
  readonly forwardLayer: SequenceLayer;
  readonly backwardLayer: SequenceLayer;
  readonly mergeMode: MergeMode;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly stateful: boolean;
  /** The sequences' shape the two layers were built for, saved as their `build_config`. */
  private sublayerBuildShape: SymbolicShape | null = null;

  /** `new Bidirectional(new LSTM(32))`, `new Bidirectional(layer, 'sum')` or `new Bidirectional({ layer, backwardLayer, ... })`. */
  constructor(...args: KerasArgs<[layer: Layer, mergeMode: MergeMode, weights: Tensor[] | null, backwardLayer: Layer | null], BidirectionalArgs>) {
    const a = Bidirectional.signature.resolve(args, new.target);
    checkArguments(a.layer, a.backwardLayer, a.mergeMode);
    super(a);
    const layer = asSequenceLayer(a.layer);
    // Fresh copies from the config, so that nothing of the given layer's state is carried over (as Keras).
    this.forwardLayer = copyOf(layer, { name: `forward_${removePrefix(layer.name, 'forward_')}` });
    this.backwardLayer = a.backwardLayer
      ? asSequenceLayer(a.backwardLayer)
      : copyOf(layer, { name: `backward_${removePrefix(layer.name, 'backward_')}`, go_backwards: true });
    verifyPair(this.forwardLayer, this.backwardLayer);
    // Masked steps output zeros when returning sequences, whatever the layers' own setting (as Keras).
    for (const sub of [this.forwardLayer, this.backwardLayer]) {
      if (sub.zeroOutputForMask !== undefined) sub.zeroOutputForMask = sub.returnSequences;
    }
    this.mergeMode = a.mergeMode;
    this.returnSequences = layer.returnSequences;
    this.returnState = layer.returnState;
    this.stateful = layer.stateful;
    this.supportsMasking = true;
  }

  /** Builds both layers for the sequences (initial states given as inputs are checked by each). */
  override build(inputShape: ShapeOrShapes): void {
    const [sequences, ...states] = isShapeList(inputShape) ? inputShape : [inputShape];
    assertInputCompatibility(this.forwardLayer.sequenceSpec ?? null, sequences!, this.name);
    const [forwardStates, backwardStates] = halves(states);
    this.buildSublayer(this.forwardLayer, sequences!, forwardStates);
    this.buildSublayer(this.backwardLayer, sequences!, backwardStates);
    this.sublayerBuildShape = sequences!;
  }

  private buildSublayer(layer: Layer, sequences: SymbolicShape, states: SymbolicShape[]): void {
    if (layer.built) return;
    layer.build(states.length > 0 ? [sequences, ...states] : sequences);
    layer.built = true;
  }

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[] {
    const [sequences, ...states] = Array.isArray(inputs) ? inputs : [inputs];
    assertInputCompatibility(this.forwardLayer.sequenceSpec ?? null, sequences!.shape, this.name);
    const [forwardStates, backwardStates] = halves(states);
    const callArgs = { training: args.training, mask: args.mask ?? sequences!.kerasMask ?? null };
    const [forward, ...forwardFinal] = runSublayer(this.forwardLayer, sequences!, forwardStates, callArgs);
    const [backward, ...backwardFinal] = runSublayer(this.backwardLayer, sequences!, backwardStates, callArgs);
    // The backward layer returns its steps last to first: put them back in the input's order.
    const reversed = this.returnSequences ? reverseTime(backward!) : backward!;
    const outputs = this.merge(forward!, reversed);
    return this.returnState || this.mergeMode === null ? [...outputs, ...forwardFinal, ...backwardFinal] : outputs[0]!;
  }

  private merge(forward: Tensor, backward: Tensor): Tensor[] {
    switch (this.mergeMode) {
      case 'concat': return [ops.concatenate([forward, backward], -1)];
      case 'sum': return [ops.add(forward, backward)];
      case 'ave': return [ops.divide(ops.add(forward, backward), 2)];
      case 'mul': return [ops.multiply(forward, backward)];
      case null: return [forward, backward];
    }
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const sequences = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    const shapes = this.forwardLayer.computeOutputShape(sequences);
    const [output, ...stateShapes] = this.returnState ? (shapes as SymbolicShape[]) : [shapes as SymbolicShape];
    const merged = this.mergeMode === 'concat' ? [...output!.slice(0, -1), doubled(output!.at(-1) ?? null)] : output!;
    if (!this.returnState && this.mergeMode !== null) return merged;
    const outputs = this.mergeMode === null ? [merged, merged] : [merged];
    return [...outputs, ...stateShapes, ...stateShapes];
  }

  /** The input mask when returning sequences merged (a list output carries no mask), else none. */
  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null): Tensor | null {
    return this.returnSequences && this.mergeMode !== null && !this.returnState ? mask : null;
  }

  /** Zeroes the states of both layers (Keras's `reset_states`); the layer must be stateful. */
  resetStates(): void {
    if (!this.stateful) throw new ValueError('Layer must be stateful.');
    this.forwardLayer.resetStates?.();
    this.backwardLayer.resetStates?.();
  }

  /** Keras 3's name for `resetStates`. */
  resetState(): void {
    this.resetStates();
  }

  /** Frees both layers (a stateful layer's states too) and this layer's weights. */
  override dispose(): void {
    this.forwardLayer.dispose();
    this.backwardLayer.dispose();
    super.dispose();
  }

  /** The base config, the merge mode, then both layers serialized (with their `build_config` once built). */
  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      merge_mode: this.mergeMode,
      layer: serializeBuilt(this.forwardLayer, this.sublayerBuildShape),
      backward_layer: serializeBuilt(this.backwardLayer, this.sublayerBuildShape),
    };
  }

  /** The layer of its config, built when the config says for what (as Keras's deserialization builds it). */
  static fromConfig(config: LayerConfig, customObjects?: CustomObjects): Layer {
    const { layer, backward_layer: backward, ...rest } = config as { layer: SerializedObject; backward_layer?: SerializedObject | null };
    const backwardLayer = backward ? deserializeLayer(backward, customObjects) : null;
    const { layer: forward, buildShape } = deserializeWithBuildShape(layer, customObjects);
    const bidirectional = construct(this as never, { ...rest, layer: forward, backward_layer: backwardLayer }) as Bidirectional;
    if (buildShape) {
      bidirectional.build(buildShape);
      bidirectional.built = true;
    }
    return bidirectional;
  }
}

/** Keras's checks of the constructor's arguments. */
function checkArguments(layer: unknown, backwardLayer: unknown, mergeMode: unknown): void {
  if (!(layer instanceof Layer)) {
    throw new ValueError(`Please initialize \`Bidirectional\` layer with a \`keras.layers.Layer\` instance. Received: ${pythonStr(layer)}`);
  }
  if (backwardLayer !== null && !(backwardLayer instanceof Layer)) {
    throw new ValueError(`\`backward_layer\` need to be a \`keras.layers.Layer\` instance. Received: ${pythonStr(backwardLayer)}`);
  }
  if (!MERGE_MODES.includes(mergeMode as MergeMode)) {
    throw new ValueError(`Invalid merge mode. Received: ${pythonStr(mergeMode)}. Merge mode should be one of {"sum", "mul", "ave", "concat", None}`);
  }
}

/** The layer as a sequence layer: it must have the RNN options Bidirectional reads. */
function asSequenceLayer(layer: Layer): SequenceLayer {
  const candidate = layer as Partial<SequenceLayer>;
  const options = ['goBackwards', 'returnSequences', 'returnState', 'stateful'] as const;
  if (options.some((option) => typeof candidate[option] !== 'boolean')) {
    throw new ValueError(`Layer "${layer.name}" given to Bidirectional is not a sequence layer: it needs \`go_backwards\`, \`return_sequences\`, \`return_state\` and \`stateful\` attributes (as \`keras.layers.RNN\`).`);
  }
  return layer as SequenceLayer;
}

/** Keras's check of the two layers: opposite directions, the same outputs. */
function verifyPair(forward: SequenceLayer, backward: SequenceLayer): void {
  if (forward.goBackwards === backward.goBackwards) {
    throw new ValueError(`Forward layer and backward layer should have different \`go_backwards\` value. Received: forward_layer.go_backwards ${pythonStr(forward.goBackwards)}, backward_layer.go_backwards=${pythonStr(backward.goBackwards)}`);
  }
  const common = [['stateful', 'stateful'], ['return_sequences', 'returnSequences'], ['return_state', 'returnState']] as const;
  for (const [kerasName, option] of common) {
    if (forward[option] !== backward[option]) {
      throw new ValueError(`Forward layer and backward layer are expected to have the same value for attribute "${kerasName}", got "${pythonStr(forward[option])}" for forward layer and "${pythonStr(backward[option])}" for backward layer`);
    }
  }
}

/** A new layer of `layer`'s config with `changes` (config keys), so with fresh weights. */
function copyOf(layer: SequenceLayer, changes: LayerConfig): SequenceLayer {
  const serialized = serializeLayer(layer);
  return asSequenceLayer(deserializeLayer({ ...serialized, config: { ...serialized.config, ...changes } }));
}

function removePrefix(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** The first half of `items` and the rest (Keras's split of the initial states). */
function halves<T>(items: T[]): [T[], T[]] {
  const half = Math.floor(items.length / 2);
  return [items.slice(0, half), items.slice(half)];
}

/** A sublayer's outputs (its output, then its final states) on the sequences, from its initial states when given. */
function runSublayer(layer: Layer, sequences: Tensor, states: Tensor[], args: CallArgs): Tensor[] {
  const outputs = states.length > 0 ? layer.apply([sequences, ...states], args) : layer.apply(sequences, args);
  return Array.isArray(outputs) ? outputs : [outputs];
}

/** `(batch, timesteps, ...)` with the timesteps in reverse order. */
function reverseTime(sequences: Tensor): Tensor {
  const steps = sequences.shape[1]!;
  return ops.take(sequences, Array.from({ length: steps }, (_, t) => steps - 1 - t), 1);
}

function doubled(size: number | null): number | null {
  return size === null ? null : 2 * size;
}

registerBuiltIn(Bidirectional);
