/** The hinge metrics Keras builds on `MeanMetricWrapper`: Hinge, SquaredHinge, CategoricalHinge. */
import { categoricalHinge } from '../losses/categorical_hinge.js';
import { hinge } from '../losses/hinge.js';
import { squaredHinge } from '../losses/squared_hinge.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import { type NameDtypeArgs, nameDtypeSignature } from './metric.js';

/** The mean hinge loss (labels -1 / 1, or 0 / 1 converted), as `keras.metrics.Hinge`. */
export class Hinge extends MeanMetricWrapper {
  static override className = 'Hinge';
  static override readonly signature = nameDtypeSignature('hinge');

  constructor(...args: NameDtypeArgs) {
    const a = Hinge.signature.resolve(args, new.target);
    super(hinge, a.name, a.dtype);
  }
}

/** The mean squared hinge loss, as `keras.metrics.SquaredHinge`. */
export class SquaredHinge extends MeanMetricWrapper {
  static override className = 'SquaredHinge';
  static override readonly signature = nameDtypeSignature('squared_hinge');

  constructor(...args: NameDtypeArgs) {
    const a = SquaredHinge.signature.resolve(args, new.target);
    super(squaredHinge, a.name, a.dtype);
  }
}

/** The mean categorical hinge loss over one-hot targets, as `keras.metrics.CategoricalHinge`. */
export class CategoricalHinge extends MeanMetricWrapper {
  static override className = 'CategoricalHinge';
  static override readonly signature = nameDtypeSignature('categorical_hinge');

  constructor(...args: NameDtypeArgs) {
    const a = CategoricalHinge.signature.resolve(args, new.target);
    super(categoricalHinge, a.name, a.dtype);
  }
}
