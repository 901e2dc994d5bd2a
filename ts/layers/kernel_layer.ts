/**
 * The base of layers built around a kernel and an optional bias (Dense and the convolutions):
 * the options they share, resolved once, the two weights, and their part of the config.
 */
import * as activations from '../activations.js';
import * as constraints from '../constraints.js';
import { Layer, type LayerArgs, type LayerConfig } from '../engine/layer.js';
import type { Variable } from '../engine/variable.js';
import type { Constraint, Regularizer } from '../engine/weight_hooks.js';
import * as initializers from '../initializers.js';
import * as regularizers from '../regularizers.js';

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

export abstract class KernelLayer extends Layer {
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: initializers.Initializer;
  readonly biasInitializer: initializers.Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: LayerArgs & KernelLayerArgs) {
    super(args);
    this.activation = activations.get(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = initializers.get(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = initializers.get(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = regularizers.get(args.kernelRegularizer);
    this.biasRegularizer = regularizers.get(args.biasRegularizer);
    this.kernelConstraint = constraints.get(args.kernelConstraint);
    this.biasConstraint = constraints.get(args.biasConstraint);
  }

  /** Creates `kernel`, and `bias` when the layer uses one, with their initializers, regularizers and constraints. */
  protected addKernelAndBias(kernelShape: number[], biasShape: number[]): void {
    this.kernel = this.addWeight({
      name: 'kernel', shape: kernelShape, initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer, constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias', shape: biasShape, initializer: this.biasInitializer,
        regularizer: this.biasRegularizer, constraint: this.biasConstraint,
      });
    }
  }

  /** The shared options' config entries, with Keras's keys. */
  protected kernelConfig(): LayerConfig {
    return {
      activation: activations.serialize(this.activation),
      use_bias: this.useBias,
      kernel_initializer: initializers.serialize(this.kernelInitializer),
      bias_initializer: initializers.serialize(this.biasInitializer),
      kernel_regularizer: regularizers.serialize(this.kernelRegularizer),
      bias_regularizer: regularizers.serialize(this.biasRegularizer),
      kernel_constraint: constraints.serialize(this.kernelConstraint),
      bias_constraint: constraints.serialize(this.biasConstraint),
    };
  }
}
