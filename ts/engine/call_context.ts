/**
 * Keras's call context: while a layer call runs, the `training` mode that layers called inside
 * it inherit when their own call does not say. As Keras (`Layer._resolve_and_populate_arg`), the
 * outermost call opens the context, each call resolves its value (its own argument, else the
 * context's) and leaves it in the context for the calls after it, and the outermost call closes it.
 * So `Dropout` inside a custom layer's `call` drops out during `fit` without being told.
 */

interface CallContext {
  /** The call that opened the context. */
  readonly entry: object;
  training: boolean | undefined;
}

let current: CallContext | null = null;

/** Runs `f` with the training mode resolved for a call of `layer` given `training` (undefined: inherit). */
export function withCallContext<T>(layer: object, training: boolean | undefined, f: (training: boolean | undefined) => T): T {
  const context = current ?? { entry: layer, training: undefined };
  current = context;
  try {
    context.training = training ?? context.training;
    return f(context.training);
  } finally {
    if (context.entry === layer) current = null;
  }
}
