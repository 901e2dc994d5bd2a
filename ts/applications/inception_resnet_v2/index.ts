/** `keras.applications.inception_resnet_v2`'s layers. */
export { CustomScaleLayer } from './custom_scale_layer.js';
export type { CustomScaleLayerArgs } from './custom_scale_layer.js';
