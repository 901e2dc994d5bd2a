/**
 * The base of layers that wrap another layer, as `keras.layers.Wrapper`: the wrapped layer, held
 * in the `layer` property, is tracked as a sublayer (its weights are the wrapper's too, saved under
 * `layer`), it is built with the wrapper, and it is saved inside the wrapper's config, from which
 * `fromConfig` rebuilds it.
 */
import { REQUIRED } from '../../arguments/signature.js';
import { Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes, layerSignature } from '../../engine/layer.js';
import { type CustomObjects, type SerializedObject, construct, deserializeLayer, serializeLayer } from '../../engine/registry.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { disposeOnFailure } from '../../engine/dispose_on_failure.js';
import { isPlainObject } from '../../utils/config_reader.js';

export interface WrapperArgs extends LayerArgs {
  /** The layer to wrap. */
  layer?: Layer;
}

export abstract class Wrapper extends Layer {
  static override className = 'Wrapper';
  static override readonly signature = layerSignature<WrapperArgs>()({ layer: REQUIRED });
  /** The wrapped layer. */
  readonly layer: Layer;
  /** The input shape the wrapper built its layer for: Keras saves it as the layer's `build_config`. */
  private layerBuildShape: ShapeOrShapes | null = null;

  /** `args` as the subclass's signature resolved them. */
  constructor(args: LayerArgs & { layer: Layer }) {
    if (!(args.layer instanceof Layer)) {
      throw new ValueError(`Layer ${pythonStr(args.layer)} supplied to Wrapper isn't a supported layer type. Please ensure wrapped layer is a valid Keras layer.`);
    }
    super(args);
    this.layer = args.layer;
  }

  /** Builds the wrapped layer for the same inputs, unless it is built already. */
  override build(inputShape: ShapeOrShapes): void {
    if (!this.layer.built) this.buildLayer(inputShape);
    super.build(inputShape);
  }

  /** Builds the wrapped layer for `inputShape`, which its `build_config` then records. */
  private buildLayer(inputShape: ShapeOrShapes): void {
    this.layer.build(inputShape);
    this.layer.built = true;
    this.layerBuildShape = inputShape;
  }

  /** The base config, then the wrapped layer serialized (with its `build_config` once built here, as Keras writes it). */
  override getConfig(): LayerConfig {
    const layer: SerializedObject = serializeLayer(this.layer);
    if (this.layerBuildShape) layer.build_config = { input_shape: this.layerBuildShape };
    return { ...super.getConfig(), layer };
  }

  /**
   * The wrapper of the layer its config holds (deserialized with `customObjects`, and built when
   * the config says for what, as Keras's deserialization builds it), with the rest of its config.
   */
  static fromConfig(config: LayerConfig, customObjects?: CustomObjects): Layer {
    const { layer: serialized, ...rest } = config as { layer: SerializedObject };
    const created: Layer[] = [deserializeLayer(serialized, customObjects)];
    return disposeOnFailure(created, () => {
      const wrapper = construct(this as never, { ...rest, layer: created[0] }) as Wrapper;
      created.push(wrapper);
      const buildConfig = serialized.build_config;
      const buildShape = isPlainObject(buildConfig) ? buildConfig.input_shape : undefined;
      if (buildShape) wrapper.buildLayer(buildShape as ShapeOrShapes);
      return wrapper;
    });
  }
}
