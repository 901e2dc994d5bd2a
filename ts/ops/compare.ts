/**
 * Comparisons and selection, as in `keras.ops`. Comparisons broadcast, take either dtype and
 * return float32 1 / 0 (kerasm has no bool dtype); they carry no gradient. `where` and `clip`
 * are differentiable in their float32 tensor arguments. On KerasTensors they record Keras's
 * `Equal`, `NotEqual`, …, `Where` and `Clip` nodes.
 */
import { signature, REQUIRED } from '../arguments/signature.js';
import { call, type Glue } from '../runtime/binding.js';
import { ValueError } from '../utils/errors.js';
import { type Operand, type TensorArg, type TensorOrNumber, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { broadcastShapes } from './output_shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { specOf } from './symbolic/spec.js';

type ComparisonExport = 'equal' | 'not_equal' | 'greater' | 'greater_equal' | 'less' | 'less_equal';

function comparisonOp(className: string, op: ComparisonExport) {
  const cls = defineOp<[x1: TensorOrNumber, x2: TensorOrNumber]>({
    className, module: 'keras.src.ops.numpy',
    compute: ([x1, x2]) => withTensors(op, { x1, x2 }, (a, b) => wrap(op, call(op, (w: Glue) => w[op](a.handle, b.handle)))),
    outputSpec: ([x1, x2]) => ({ shape: broadcastShapes(specOf(x1).shape, specOf(x2).shape), dtype: 'float32' }),
  });
  return <A extends Operand, B extends Operand>(x1: A, x2: B): OpResult<A | B> => cls.invoke({}, [x1, x2]);
}

/** 1 where `x1 == x2`, else 0 (float32). */
export const equal = comparisonOp('Equal', 'equal');
/** 1 where `x1 != x2` (and where either is NaN), else 0 (float32). */
export const notEqual = comparisonOp('NotEqual', 'not_equal');
/** 1 where `x1 > x2`, else 0 (float32). */
export const greater = comparisonOp('Greater', 'greater');
/** 1 where `x1 >= x2`, else 0 (float32). */
export const greaterEqual = comparisonOp('GreaterEqual', 'greater_equal');
/** 1 where `x1 < x2`, else 0 (float32). */
export const less = comparisonOp('Less', 'less');
/** 1 where `x1 <= x2`, else 0 (float32). */
export const lessEqual = comparisonOp('LessEqual', 'less_equal');

const Where = defineOp<[condition: TensorOrNumber, x1: TensorOrNumber, x2: TensorOrNumber]>({
  className: 'Where', module: 'keras.src.ops.numpy',
  compute: ([condition, x1, x2]) =>
    withTensors('where', { condition, x1, x2 }, (c, a, b) => wrap('where', call('where', (w: Glue) => w.select(c.handle, a.handle, b.handle)))),
  outputSpec: ([condition, x1, x2]) => {
    const [c, a, b] = [condition, x1, x2].map(specOf);
    return { shape: broadcastShapes(broadcastShapes(c!.shape, a!.shape), b!.shape), dtype: a!.dtype === 'int32' && b!.dtype === 'int32' ? 'int32' : 'float32' };
  },
});

/**
 * `x1` where `condition` is nonzero, else `x2`, broadcasting all three. int32 when `x1` and `x2`
 * both are, else float32. Gradients reach `x1` and `x2` through the elements each supplied.
 */
export function where<C extends Operand, A extends Operand, B extends Operand>(condition: C, x1: A, x2: B): OpResult<C | A | B> {
  return Where.invoke({}, [condition, x1, x2]);
}

interface ClipConfig {
  xMin: number;
  xMax: number;
}

const Clip = defineOp<[x: TensorOrNumber], Record<string, never>, ClipConfig>({
  className: 'Clip', module: 'keras.src.ops.numpy',
  config: signature<ClipConfig>()({ xMin: REQUIRED, xMax: REQUIRED }),
  compute: ([x], _, bounds) => {
    checkBounds(bounds);
    return withTensors('clip', { x }, (t) => wrap('clip', call('clip', (w: Glue) => w.clip(t.handle, bounds.xMin, bounds.xMax))));
  },
  outputSpec: ([x], _, bounds) => {
    checkBounds(bounds);
    return specOf(x);
  },
});

function checkBounds({ xMin, xMax }: ClipConfig): void {
  for (const [name, v] of [['minValue', xMin], ['maxValue', xMax]] as const) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new ValueError(`clip: ${name} must be a number, received ${String(v)}`);
  }
}

/**
 * `x` limited to `[minValue, maxValue]` (`maxValue` wins if they cross; NaN passes through).
 * The gradient passes where `minValue <= x <= maxValue`, as TensorFlow's `clip_by_value`.
 */
export function clip<X extends TensorArg | number>(x: X, minValue: number, maxValue: number): OpResult<X> {
  return Clip.invoke({ xMin: minValue, xMax: maxValue }, [x]);
}
