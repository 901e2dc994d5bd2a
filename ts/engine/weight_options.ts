/**
 * The options every weight of a layer comes with, as Keras names them for a weight `gamma`:
 * `gammaInitializer`, `gammaRegularizer`, `gammaConstraint`. One declaration of the triple for
 * the options interfaces, the layer's attributes, `addWeight` and the config, so no layer
 * spells it out again.
 */
import * as constraints from '../constraints.js';
import * as initializers from '../initializers/index.js';
import * as regularizers from '../regularizers.js';
import type { ConstraintLike } from '../constraints.js';
import type { RegularizerLike } from '../regularizers.js';

/** The options of weight `P` as a constructor takes them (each optional; the signature holds the defaults). */
export type WeightOptionArgs<P extends string> =
  & { [K in `${P}Initializer`]?: initializers.InitializerIdentifier }
  & { [K in `${P}Regularizer`]?: regularizers.RegularizerIdentifier }
  & { [K in `${P}Constraint`]?: constraints.ConstraintIdentifier };

/** The resolved options of weight `P`, as attributes of the layer (`layer.kernelInitializer`, as Keras's `layer.kernel_initializer`). */
export type WeightOptions<P extends string> =
  & { readonly [K in `${P}Initializer`]: initializers.Initializer }
  & { readonly [K in `${P}Regularizer`]: RegularizerLike | null }
  & { readonly [K in `${P}Constraint`]: ConstraintLike | null };

/** Resolves the three options of weight `prefix` from a layer's (signature-resolved) arguments. */
export function weightOptions<P extends string>(args: WeightOptionArgs<P>, prefix: P): WeightOptions<P> {
  const given = args as Record<string, unknown>;
  return {
    [`${prefix}Initializer`]: initializers.get(given[`${prefix}Initializer`] as initializers.InitializerIdentifier),
    [`${prefix}Regularizer`]: regularizers.get(given[`${prefix}Regularizer`] as regularizers.RegularizerIdentifier),
    [`${prefix}Constraint`]: constraints.get(given[`${prefix}Constraint`] as constraints.ConstraintIdentifier),
  } as WeightOptions<P>;
}

/** The `addWeight` arguments for weight `prefix` of `owner`: its initializer, regularizer and constraint. */
export function weightHooks<P extends string>(owner: WeightOptions<P>, prefix: P): { initializer: initializers.Initializer; regularizer: RegularizerLike | null; constraint: ConstraintLike | null } {
  const options = owner as unknown as Record<string, unknown>;
  return {
    initializer: options[`${prefix}Initializer`] as initializers.Initializer,
    regularizer: options[`${prefix}Regularizer`] as RegularizerLike | null,
    constraint: options[`${prefix}Constraint`] as ConstraintLike | null,
  };
}

/** The config entries of weight `prefix`'s options, with Keras's keys (`gamma_initializer`, …). */
export function weightOptionsConfig<P extends string>(owner: WeightOptions<P>, prefix: P): Record<string, unknown> {
  const hooks = weightHooks(owner, prefix);
  const key = prefix.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return {
    [`${key}_initializer`]: initializers.serialize(hooks.initializer),
    [`${key}_regularizer`]: regularizers.serialize(hooks.regularizer),
    [`${key}_constraint`]: constraints.serialize(hooks.constraint),
  };
}
