/**
 * The `applications` namespace, after `keras.applications`: the layers that Keras defines in its
 * application modules (not in `keras.layers`) and saves in their configs, by module.
 */
export * as convnext from './convnext/index.js';
export * as inceptionResnetV2 from './inception_resnet_v2/index.js';
