/** `keras.applications.convnext`'s layers. */
export { LayerScale } from './layer_scale.js';
export type { LayerScaleArgs } from './layer_scale.js';
