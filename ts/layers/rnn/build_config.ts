/**
 * A sublayer serialized with the input shape it was built for (Keras's `build_config`), and
 * rebuilt from it: Keras builds a deserialized layer whose config says for what, so its weights
 * exist before the parent is called. The RNN layer stores its cell this way, and
 * StackedRNNCells each of its cells.
 */
import type { Layer } from '../../engine/layer.js';
import { type CustomObjects, type SerializedObject, deserializeLayer, serializeLayer } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';

export function serializeBuilt(layer: Layer, buildShape: SymbolicShape | null): SerializedObject {
  const serialized = serializeLayer(layer);
  if (buildShape) serialized.build_config = { input_shape: buildShape };
  return serialized;
}

/** The layer of `serialized`, and the shape its `build_config` names (null: none). */
export function deserializeWithBuildShape(serialized: SerializedObject, customObjects?: CustomObjects): { layer: Layer; buildShape: SymbolicShape | null } {
  const buildShape = (serialized.build_config as { input_shape?: SymbolicShape } | undefined)?.input_shape ?? null;
  return { layer: deserializeLayer(serialized, customObjects), buildShape };
}
