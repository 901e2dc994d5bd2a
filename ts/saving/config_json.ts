/**
 * The JSON text of a model's config as Keras reads it. JavaScript writes the number 1.0 as `1`,
 * which Python reads as an int, and Keras's optimizers refuse an int learning rate ("Argument
 * `learning_rate` should be float"): so a whole `learning_rate` is written `1.0`. Other whole
 * numbers stay as they are, since Keras takes ints wherever it takes floats elsewhere.
 */
export function configJson(value: unknown): string {
  return JSON.stringify(value).replace(/"learning_rate":(-?\d+)(?=[,}])/g, '"learning_rate":$1.0');
}
