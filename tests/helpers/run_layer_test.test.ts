/**
 * `runLayerTest` can fail: a toy layer that keeps the contract passes, and each variant that
 * breaks one rule fails at that rule's step, with a message naming the layer and the step.
 */
import { describe, expect, it } from 'vitest';
import { InputSpec, Layer, type LayerArgs, type Tensor, type Variable, keep, ops, tidy } from '../../ts/index.js';
import type { LayerConfig } from '../../ts/engine/layer.js';
import type { SymbolicShape } from '../../ts/engine/shape.js';
import { type LayerTestOptions, runLayerTest } from './run_layer_test.js';

/** `x * kernel * scale`, a kernel of ones per feature: a layer that keeps the whole contract. */
class Scale extends Layer {
  readonly scale: number;
  kernel: Variable | null = null;

  constructor({ scale = 2, ...rest }: LayerArgs & { scale?: number } = {}) {
    super(rest);
    this.scale = scale;
    this.inputSpec = new InputSpec({ minNdim: 2 });
  }

  override build(inputShape: SymbolicShape): void {
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputShape[inputShape.length - 1]!], initializer: 'ones' });
    this.built = true;
  }

  call(x: Tensor): Tensor {
    return ops.multiply(ops.multiply(x, this.kernel!.value), this.scale);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), scale: this.scale };
  }
}

const options = (cls: typeof Scale, more: LayerTestOptions = {}): LayerTestOptions => ({
  initKwargs: { scale: 3 }, inputShape: [2, 3], expectedOutputShape: [2, 3],
  expectedNumTrainableWeights: 1, expectedNumNonTrainableWeights: 0, customObjects: { [cls.name]: cls }, ...more,
});

const check = (cls: typeof Scale, more?: LayerTestOptions) => () => runLayerTest(cls, options(cls, more));

describe('runLayerTest', () => {
  it('passes a layer that keeps the contract', () => {
    expect(check(Scale)).not.toThrow();
  });

  it('fails on a wrong computeOutputShape', () => {
    class WrongShape extends Scale {
      override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
        return [...inputShape, 1];
      }
    }
    expect(check(WrongShape)).toThrow('runLayerTest(WrongShape) failed at "symbolic call": expected the symbolic output of shape (2, 3), got (2, 3, 1)');
    expect(check(WrongShape, { expectedOutputShape: undefined })).toThrow(
      'runLayerTest(WrongShape) failed at "eager call": the eager output\'s shape (2, 3) is not the symbolic output\'s (2, 3, 1)');
  });

  it('fails on a shape inference that runs the layer on zeros', () => {
    class Traced extends Scale {
      /** Infers the shape by running the layer on zeros, as kerasm's default did before it traced symbolically. */
      override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
        return tidy(() => [...this.call(ops.zeros(inputShape.map((d) => d ?? 1))).shape]);
      }
    }
    expect(check(Traced)).toThrow(/runLayerTest\(Traced\) failed at "shape inference runs no kernel": computeOutputShape\(\(2, 3\)\) made \d+ calls into WebAssembly/);
  });

  it('fails on a trainable weight that does not train', () => {
    class Untrained extends Scale {
      override build(inputShape: SymbolicShape): void {
        super.build(inputShape);
        this.addWeight({ name: 'unused', shape: [1] });
      }
    }
    expect(check(Untrained, { expectedNumTrainableWeights: 2 })).toThrow(
      /runLayerTest\(Untrained\) failed at "training step": a training step left the trainable weight\(s\) untrained(_\d+)?\/unused unchanged/);
  });

  it('fails on a non-trainable weight that training moves', () => {
    class Counting extends Scale {
      calls: Variable | null = null;
      override build(inputShape: SymbolicShape): void {
        super.build(inputShape);
        this.calls = this.addWeight({ name: 'calls', shape: [], initializer: 'zeros', trainable: false });
      }
      override call(x: Tensor): Tensor {
        this.calls!.assign(ops.add(this.calls!.value, 1));
        return super.call(x);
      }
    }
    const counting = { expectedNumNonTrainableWeights: 1 };
    expect(check(Counting, counting)).toThrow(/runLayerTest\(Counting\) failed at "training step": a training step changed the non-trainable weight\(s\) counting(_\d+)?\/calls/);
    expect(check(Counting, { ...counting, expectedNonTrainableUpdates: ['calls'] })).not.toThrow();
  });

  it('fails on a leaked tensor', () => {
    class Leaky extends Scale {
      override call(x: Tensor): Tensor {
        keep(ops.add(x, 0));
        return super.call(x);
      }
    }
    expect(check(Leaky)).toThrow(/runLayerTest\(Leaky\) failed at "no leaked tensors": \d+ more live tensors after the test than before it/);
  });

  it('fails on a config that does not round-trip', () => {
    class RenamedKey extends Scale {
      override getConfig(): LayerConfig {
        const { scale, ...rest } = super.getConfig();
        return { ...rest, factor: scale };
      }
    }
    expect(check(RenamedKey)).toThrow(/runLayerTest\(RenamedKey\) failed at "config round trip": Unrecognized keyword arguments passed to RenamedKey: \{'factor': 3\}/);
    class ForgetsScale extends Scale {
      override getConfig(): LayerConfig {
        const { scale: _scale, ...rest } = super.getConfig();
        return rest;
      }
    }
    expect(check(ForgetsScale)).toThrow(/runLayerTest\(ForgetsScale\) failed at "config round trip with weights": element 0: got .*, want/);
  });

  it('fails on wrong weight counts', () => {
    expect(check(Scale, { expectedNumTrainableWeights: 2 })).toThrow(/runLayerTest\(Scale\) failed at "build from a shape": expected 2 trainable weights, found 1: \[scale(_\d+)?\/kernel\]/);
  });

  it('fails on a layer that takes any rank unless it says so', () => {
    class AnyRank extends Scale {
      constructor(args: LayerArgs & { scale?: number } = {}) {
        super(args);
        this.inputSpec = null;
      }
    }
    expect(check(AnyRank)).toThrow('runLayerTest(AnyRank) failed at "wrong rank": a symbolic call on an input of shape (3,) was accepted');
    expect(check(AnyRank, { acceptsAnyRank: true })).not.toThrow();
  });
});
