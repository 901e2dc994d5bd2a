/** The options shared by layers built around a kernel and an optional bias (Dense, the convolutions). */
import type * as activations from '../activations.js';
import type * as constraints from '../constraints.js';
import type * as initializers from '../initializers.js';
import type * as regularizers from '../regularizers.js';

export interface KernelLayerArgs {
  /** Activation function or its name; default none (linear). */
  activation?: string | activations.Activation | null;
  /** Whether the layer adds a bias vector. Default true. */
  useBias?: boolean;
  /** Initializer of the kernel. Default 'glorot_uniform'. */
  kernelInitializer?: initializers.InitializerIdentifier;
  /** Initializer of the bias. Default 'zeros'. */
  biasInitializer?: initializers.InitializerIdentifier;
  /** Penalty on the kernel added to the training loss (`'l2'`, a `Regularizer`…). Default none. */
  kernelRegularizer?: regularizers.RegularizerIdentifier;
  /** Penalty on the bias added to the training loss. Default none. */
  biasRegularizer?: regularizers.RegularizerIdentifier;
  /** Projection applied to the kernel after each optimizer update (`'non_neg'`, `MaxNorm`…). Default none. */
  kernelConstraint?: constraints.ConstraintIdentifier;
  /** Projection applied to the bias after each optimizer update. Default none. */
  biasConstraint?: constraints.ConstraintIdentifier;
}
