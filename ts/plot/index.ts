/** Plotting: model graphs (Keras's `plot_model` / `model_to_dot`) and training curves. */
export { modelToDot } from './model_to_dot.js';
export type { ModelToDotOptions } from './model_to_dot.js';
export { plotModel } from './plot_model.js';
export type { PlotModelOptions } from './plot_model.js';
