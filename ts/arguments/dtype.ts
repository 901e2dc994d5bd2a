/**
 * Keras's `dtype` arguments: a dtype name, or a dtype policy (`{ class_name: 'DTypePolicy',
 * config: { name } }`, as configs hold it), standardized to one of the dtypes kerasm computes in.
 */
import type { DType, NumericDType } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';

const DTYPES: readonly DType[] = ['float32', 'int32', 'string'];

/** null → 'float32' (Keras's `floatx()`); a policy → its name; anything but kerasm's dtypes is refused. */
export function standardizeDtype(value: unknown): DType {
  if (value === null || value === undefined) return 'float32';
  const name = policyName(value);
  if (typeof name === 'string' && (DTYPES as readonly string[]).includes(name)) return name as DType;
  throw new ValueError(`Invalid dtype: ${pythonStr(name)}. kerasm supports ${DTYPES.join(', ')}.`);
}

/** `dtype` where numbers are needed (weights, filled tensors): 'string' is refused, naming `what`. */
export function numericDtype(dtype: DType, what: string): NumericDType {
  if (dtype === 'string') throw new ValueError(`${what} cannot be of dtype string: strings become numbers through a StringLookup, TextVectorization or Hashing layer.`);
  return dtype;
}

/** The policy a layer's config holds for `dtype`, as Keras 3 writes it. */
export function dtypePolicyConfig(dtype: DType): Record<string, unknown> {
  return { module: 'keras', class_name: 'DTypePolicy', config: { name: dtype }, registered_name: null };
}

function policyName(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'config' in value) return (value as { config: { name?: unknown } }).config?.name;
  return value;
}
