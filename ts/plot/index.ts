/** Plotting: model graphs (Keras's `plot_model` / `model_to_dot`) and training curves. */
export { modelToDot } from './model_to_dot.js';
export type { ModelToDotOptions } from './model_to_dot.js';
export { plotModel } from './plot_model.js';
export type { PlotModelOptions } from './plot_model.js';
export { plotHistory } from './plot_history.js';
export type { PlotHistoryOptions } from './plot_history.js';
export { lineChartSvg } from './line_chart.js';
export type { LineChartOptions, LineSeries } from './line_chart.js';
