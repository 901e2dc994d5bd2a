/**
 * Keras's `dtype` arguments: a dtype name, or a dtype policy (`{ class_name: 'DTypePolicy',
 * config: { name } }`, as configs hold it), standardized to one of the dtypes kerasm computes in.
 */
import type { DType } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';

const DTYPES: readonly DType[] = ['float32', 'int32'];

/** null → 'float32' (Keras's `floatx()`); a policy → its name; anything but kerasm's dtypes is refused. */
export function standardizeDtype(value: unknown): DType {
  if (value === null || value === undefined) return 'float32';
  const name = policyName(value);
  if (typeof name === 'string' && (DTYPES as readonly string[]).includes(name)) return name as DType;
  throw new ValueError(`Invalid dtype: ${pythonStr(name)}. kerasm computes in ${DTYPES.join(' and ')}.`);
}

/** The policy a layer's config holds for `dtype`, as Keras 3 writes it. */
export function dtypePolicyConfig(dtype: DType): Record<string, unknown> {
  return { module: 'keras', class_name: 'DTypePolicy', config: { name: dtype }, registered_name: null };
}

function policyName(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'config' in value) return (value as { config: { name?: unknown } }).config?.name;
  return value;
}
