/**
 * A linear stack of layers: a list that builds a Functional model. It is built as soon as its
 * input shape is known (an `Input` first, or `inputShape` on the first layer), otherwise on the
 * first call; building applies every layer symbolically, so incompatible shapes fail at once,
 * at construction, as in Keras.
 */
import { type KerasArgs, type Signature, signature } from '../arguments/signature.js';
import { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import { type CallArgs, Layer, type LayerConfig, type LayerInputs, type ShapeOrShapes, isShapeList } from '../engine/layer.js';
import type { SymbolicShape } from '../engine/shape.js';
import { recordBookkeeping } from '../engine/tracking.js';
import { InputLayer } from '../layers/core/input_layer.js';
import { type CustomObjects, type SerializedObject, deserializeLayer, registerBuiltIn, serializeLayer } from '../engine/registry.js';
import { ValueError } from '../utils/errors.js';
import { standardizeShape } from '../arguments/shape.js';
import { disposeOnFailure } from '../engine/dispose_on_failure.js';
import { readArray } from '../utils/config_reader.js';
import { Model, type ModelArgs } from './model.js';

export interface SequentialArgs extends ModelArgs {
  /** The layers, in order; may start with an `Input(...)`. */
  layers?: (Layer | KerasTensor)[] | null;
}

const SEQUENTIAL_SIGNATURE = signature<SequentialArgs>()({ layers: null, trainable: true, name: null });

export class Sequential extends Model {
  static override className = 'Sequential';
  private stack: Layer[] = [];
  private inputLayer: InputLayer | null = null;

  static override readonly signature: Signature<object> = SEQUENTIAL_SIGNATURE;

  /** `new Sequential([Input({ shape: [784] }), new layers.Dense(10)], { name })`, or `new Sequential({ layers, name })`. */
  constructor(...args: KerasArgs<[layers: (Layer | KerasTensor)[] | null, trainable: boolean, name: string | null], SequentialArgs>) {
    const a = SEQUENTIAL_SIGNATURE.resolve(args, new.target);
    super({ name: a.name, trainable: a.trainable });
    for (const layer of a.layers ?? []) this.add(layer);
    recordBookkeeping(Sequential, this);
  }

  /** The stacked layers, in order (the input layer is not one of them). */
  override get layers(): Layer[] {
    return [...this.stack];
  }

  /** Appends a layer (or, first, an `Input`), rebuilding the model if its input shape is known. */
  add(layer: Layer | KerasTensor): void {
    const item = layer instanceof KerasTensor && layer.node?.operation instanceof InputLayer ? layer.node.operation : layer;
    if (!(item instanceof Layer)) {
      throw new ValueError(`Only instances of \`keras.Layer\` can be added to a Sequential model. Received: ${String(layer)} (of type ${typeof layer})`);
    }
    if (item instanceof InputLayer) {
      if (this.inputLayer !== null || this.stack.length > 0) {
        throw new ValueError(`Sequential model '${this.name}' has already been configured to use an input; an Input can only come first.`);
      }
      this.inputLayer = item;
      this.buildFromInput();
      return;
    }
    if (this.stack.some((l) => l.name === item.name)) {
      throw new ValueError(`All layers added to a Sequential model should have unique names. Name '${item.name}' is already the name of a layer in this model. Update the \`name\` argument to pass a unique name.`);
    }
    if (this.stack.length === 0 && this.inputLayer === null && item.batchInputShape) {
      this.inputLayer = new InputLayer({ shape: item.batchInputShape.slice(1), batchSize: item.batchInputShape[0] ?? null });
    }
    this.stack.push(item);
    try {
      this.buildFromInput();
    } catch (e) {
      this.stack.pop();
      throw e;
    }
  }

  /** Removes the last layer. */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new ValueError('There are no layers in the model.');
    this.buildFromInput();
    return layer;
  }

  /** Builds for inputs of `inputShape` (batch dimension first), when no Input was given. */
  override build(inputShape: ShapeOrShapes): void {
    if (isShapeList(inputShape)) throw new ValueError(`Sequential model '${this.name}' takes a single input, received ${inputShape.length}.`);
    if (this.inputLayer === null) this.inputLayer = new InputLayer({ shape: inputShape.slice(1), batchSize: inputShape[0] ?? null });
    this.buildFromInput();
  }

  /** Applies the stack symbolically from the input layer: builds every layer, checks shapes, makes the graph. */
  private buildFromInput(): void {
    if (this.inputLayer === null) return;
    const input = this.inputLayer.output as KerasTensor;
    let x: KerasTensor = input;
    for (const layer of this.stack) {
      const y = layer.apply(x);
      if (!(y instanceof KerasTensor)) throw new ValueError(`All layers in a Sequential model should have a single output tensor; layer '${layer.name}' has several.`);
      x = y;
    }
    if (this.stack.length === 0) {
      this.graph = null;
      return;
    }
    this.setGraph(input, x);
  }

  override call(inputs: LayerInputs, args: CallArgs): LayerInputs {
    if (this.stack.length === 0) throw new ValueError(`Sequential model '${this.name}' has no layers to call.`);
    return super.call(inputs, args);
  }

  /** The input shape the model was built for (batch dimension first). */
  override get inputShape(): SymbolicShape {
    if (this.inputLayer === null) throw new ValueError(`Sequential model '${this.name}' has no defined input shape yet.`);
    return this.inputLayer.batchShape;
  }

  override getConfig(): LayerConfig {
    const layers = [...(this.inputLayer ? [this.inputLayer] : []), ...this.stack].map(serializeLayer);
    const config: LayerConfig = { ...this.layerConfig(), layers };
    if (this.inputLayer) config.build_input_shape = this.inputLayer.batchShape;
    return config;
  }

  static override fromConfig(config: LayerConfig, customObjects?: CustomObjects): Sequential {
    const entries = readArray(config, 'layers', `Sequential '${String(config.name)}'`);
    const layers: Layer[] = [];
    return disposeOnFailure(layers, () => {
      for (const entry of entries) layers.push(deserializeLayer(entry as SerializedObject, customObjects));
      const model = new Sequential(layers, { name: config.name as string, trainable: config.trainable as boolean });
      const shape = config.build_input_shape;
      if (!model.built && shape !== undefined && shape !== null) model.build(standardizeShape(shape));
      return model;
    });
  }
}

registerBuiltIn(Sequential, 'keras');
