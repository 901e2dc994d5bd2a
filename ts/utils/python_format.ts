/**
 * Python's `str.format` for numbers, as Keras fills file names such as
 * `'ckpt-{epoch:02d}-{val_loss:.2f}.keras'`: the format-spec mini-language
 * (`[[fill]align][sign][z][#][0][width][grouping][.precision][type]`) for ints and floats, types
 * d f F e E g G % and none. A Python int is a `bigint` here and a Python float a `number`, since
 * the two format differently (`format(2, '')` is `2`, `format(2.0, '')` is `2.0`). Rounding is
 * Python's: on the double's exact decimal value, ties to even (`format(0.125, '.2f')` is `0.12`).
 */
import { KeyError, ValueError } from './errors.js';

/** A value as `str.format` sees it: `bigint` for a Python int, `number` for a Python float. */
export type PythonNumber = bigint | number;

/** `template.format(**fields)`: `{name}` / `{name:spec}` fields, `{{` and `}}` for braces. */
export function formatTemplate(template: string, fields: Readonly<Record<string, PythonNumber>>): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '}') {
      if (template[i + 1] !== '}') throw new ValueError("Single '}' encountered in format string");
      out += '}';
      i++;
    } else if (char !== '{') {
      out += char;
    } else if (template[i + 1] === '{') {
      out += '{';
      i++;
    } else {
      const end = template.indexOf('}', i);
      const field = template.slice(i + 1, end < 0 ? undefined : end);
      if (end < 0) throw new ValueError(field.includes(':') ? "unmatched '{' in format spec" : "expected '}' before end of string");
      out += formatField(field, fields);
      i = end;
    }
  }
  return out;
}

/** `format(value, spec)`, as Python gives it for an int (`bigint`) or a float (`number`). */
export function formatNumber(value: PythonNumber, spec: string): string {
  const parsed = parseSpec(spec, typeof value === 'bigint' ? 'int' : 'float');
  if (typeof value === 'bigint' && (parsed.type === '' || parsed.type === 'd')) {
    if (parsed.precision !== null) throw new ValueError('Precision not allowed in integer format specifier');
    if (parsed.coerceZero) throw new ValueError('Negative zero coercion (z) not allowed in integer format specifier');
    return layOut(parsed, value < 0n, (value < 0n ? -value : value).toString());
  }
  if (parsed.type === 'd') throw new ValueError("Unknown format code 'd' for object of type 'float'");
  return formatFloat(Number(value), parsed);
}

/** One `{…}` field: a keyword name, then an optional format spec. */
function formatField(field: string, fields: Readonly<Record<string, PythonNumber>>): string {
  if (field.includes('{')) throw new ValueError(`kerasm's str.format takes no nested fields; received '{${field}}'`);
  const colon = field.indexOf(':');
  const name = colon < 0 ? field : field.slice(0, colon);
  if (name.includes('!')) throw new ValueError(`kerasm's str.format takes no conversion ('!r', '!s'); received '{${field}}'`);
  if (name === '' || /^\d+$/.test(name)) throw new ValueError(`Replacement index ${name || 0} out of range for positional args tuple`);
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (value === undefined) throw new KeyError(`'${name}'`);
  return formatNumber(value, colon < 0 ? '' : field.slice(colon + 1));
}

interface Spec {
  fill: string;
  align: '<' | '>' | '=' | '^';
  sign: '-' | '+' | ' ';
  coerceZero: boolean;
  alternate: boolean;
  width: number;
  grouping: '' | ',' | '_';
  precision: number | null;
  type: string;
}

const SPEC = /^(?:([\s\S])?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/;
const FLOAT_TYPES = new Set(['', 'e', 'E', 'f', 'F', 'g', 'G', '%']);
/** Python's other presentation types, which kerasm does not implement: binary, character, octal, hex, locale-aware. */
const UNSUPPORTED_TYPES = new Set(['b', 'c', 'o', 'x', 'X', 'n']);

function parseSpec(spec: string, kind: 'int' | 'float'): Spec {
  const m = SPEC.exec(spec);
  if (!m) throw new ValueError(`Invalid format specifier '${spec}' for object of type '${kind}'`);
  const [, fill, align, sign, z, alternate, zero, width, grouping, precision, type = ''] = m;
  if (UNSUPPORTED_TYPES.has(type) && (kind === 'int' || type === 'n')) throw new ValueError(`kerasm's str.format does not implement the format code '${type}'; it formats ints and floats with d, e, E, f, F, g, G and %.`);
  if (type !== 'd' && !FLOAT_TYPES.has(type)) throw new ValueError(`Unknown format code '${type}' for object of type '${kind}'`);
  return {
    // A leading 0 pads with zeros after the sign, unless a fill or an alignment is given.
    fill: fill ?? (zero ? '0' : ' '),
    align: (align ?? (zero ? '=' : '>')) as Spec['align'],
    sign: (sign ?? '-') as Spec['sign'],
    coerceZero: z !== undefined,
    alternate: alternate !== undefined,
    width: width === undefined ? 0 : Number(width),
    grouping: (grouping ?? '') as Spec['grouping'],
    precision: precision === undefined ? null : Number(precision),
    type,
  };
}

function formatFloat(number: number, spec: Spec): string {
  // '%' is fixed point on the float product (which may overflow to inf, as in Python).
  const value = spec.type === '%' ? number * 100 : number;
  const upper = spec.type === 'F' || spec.type === 'E' || spec.type === 'G';
  const negative = value < 0 || Object.is(value, -0);
  if (!Number.isFinite(value)) {
    const word = Number.isNaN(value) ? 'nan' : 'inf';
    return layOut(spec, negative && !Number.isNaN(value), (upper ? word.toUpperCase() : word) + (spec.type === '%' ? '%' : ''));
  }
  const body = floatBody(Math.abs(value), spec);
  // `z` makes a negative value that rounds to zero print as 0.
  const isZero = !/[1-9]/.test(body.replace(/e.*$/, ''));
  return layOut(spec, negative && !(spec.coerceZero && isZero), upper ? body.toUpperCase() : body);
}

/** The digits of a non-negative finite float for the spec's type and precision (no sign, no padding). */
function floatBody(x: number, spec: Spec): string {
  const p = spec.precision;
  const alt = spec.alternate;
  switch (spec.type.toLowerCase()) {
    case 'f':
      return fixed(x, p ?? 6, alt);
    case 'e':
      return scientific(x, p ?? 6, alt);
    case '%':
      return `${fixed(x, p ?? 6, alt)}%`;
    case 'g':
      return general(x, p ?? 6, alt, false);
    default:
      // No type: repr's shortest digits, or with a precision 'g' that keeps a '.0' on whole numbers.
      return p === null ? repr(x) : general(x, p, alt, true);
  }
}

/** Fixed point with `decimals` digits after the point; `#` keeps the point when there are none. */
function fixed(x: number, decimals: number, alternate: boolean): string {
  const digits = roundAt(x, decimals).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  return decimals > 0 ? `${whole}.${digits.slice(-decimals)}` : alternate ? `${whole}.` : whole;
}

/** `d.ddde±XX` with `decimals` digits after the point. */
function scientific(x: number, decimals: number, alternate: boolean): string {
  const { digits, exponent } = significant(x, decimals + 1);
  const point = decimals > 0 || alternate ? '.' : '';
  return `${digits[0]}${point}${digits.slice(1)}${exponentText(exponent)}`;
}

/**
 * Python's 'g': `precision` significant digits, fixed point when the exponent is in
 * [-4, precision) and scientific otherwise, trailing zeros removed unless `#`. With
 * `addDotZero` (no type, a precision given) the fixed range ends one earlier and whole numbers
 * keep a `.0`.
 */
function general(x: number, precision: number, alternate: boolean, addDotZero: boolean): string {
  const p = Math.max(precision, 1);
  const { exponent } = significant(x, p);
  const useFixed = exponent >= -4 && exponent < (addDotZero ? p - 1 : p);
  let text = useFixed ? fixed(x, p - 1 - exponent, alternate) : scientific(x, p - 1, alternate);
  if (!alternate) text = withoutTrailingZeros(text);
  if (addDotZero && !/[.e]/.test(text)) text += '.0';
  return text;
}

/** `1.500e+03` → `1.5e+03`, `2.000` → `2`: trailing zeros of the fraction, and a bare point, removed. */
function withoutTrailingZeros(text: string): string {
  const [mantissa, exponent = ''] = text.split(/(?=e)/) as [string, string?];
  return (mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa) + exponent;
}

/** Python's `repr(float)`: the shortest round-trip digits, scientific below 1e-4 and from 1e16. */
function repr(x: number): string {
  const [mantissa, exponentPart] = x.toExponential().split('e') as [string, string];
  const exponent = Number(exponentPart);
  if (x !== 0 && (exponent < -4 || exponent >= 16)) return `${mantissa}${exponentText(exponent)}`;
  const text = String(x);
  return text.includes('.') ? text : `${text}.0`;
}

function exponentText(exponent: number): string {
  return `e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** `count` significant digits of `x`, rounded, and the decimal exponent of the first. */
function significant(x: number, count: number): { digits: string; exponent: number } {
  if (x === 0) return { digits: '0'.repeat(count), exponent: 0 };
  const { value, scale } = exactDecimal(x);
  let exponent = value.toString().length - 1 - scale;
  let digits = roundAt(x, count - 1 - exponent).toString();
  // Rounding up may add a digit (9.99 → 10.0): one more power of ten, and the extra digit is a 0.
  if (digits.length > count) {
    exponent += 1;
    digits = digits.slice(0, count);
  }
  return { digits, exponent };
}

/** `round(x * 10^decimals)` on x's exact value, ties to even (`decimals` may be negative). */
function roundAt(x: number, decimals: number): bigint {
  const { value, scale } = exactDecimal(x);
  const shift = scale - decimals;
  if (shift <= 0) return value * 10n ** BigInt(-shift);
  const divisor = 10n ** BigInt(shift);
  const quotient = value / divisor;
  const twiceRemainder = 2n * (value % divisor);
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

/** A non-negative double's exact value as `value / 10^scale` (every double is a finite decimal). */
function exactDecimal(x: number): { value: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = biased === 0 ? -1074 : biased - 1075;
  // m·2^-k = m·5^k / 10^k.
  return exponent >= 0 ? { value: mantissa << BigInt(exponent), scale: 0 } : { value: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** Sign, grouping and padding around a number's text (its digits, point, exponent or `%`). */
function layOut(spec: Spec, negative: boolean, body: string): string {
  const sign = negative ? '-' : spec.sign === '-' ? '' : spec.sign;
  const zeroPadded = spec.fill === '0' && spec.align === '=';
  if (spec.grouping && /^\d/.test(body)) {
    const whole = /^\d+/.exec(body)![0];
    const rest = body.slice(whole.length);
    // Zero padding is grouped too (`format(1234, '08,d')` is `0,001,234`), and never starts with a separator.
    const minWhole = zeroPadded ? spec.width - sign.length - rest.length : 0;
    body = group(whole, spec.grouping, minWhole) + rest;
  }
  const padding = Math.max(0, spec.width - sign.length - body.length);
  const fill = (n: number) => spec.fill.repeat(n);
  switch (spec.align) {
    case '<':
      return sign + body + fill(padding);
    case '=':
      return sign + fill(padding) + body;
    case '^':
      return fill(Math.floor(padding / 2)) + sign + body + fill(padding - Math.floor(padding / 2));
    default:
      return fill(padding) + sign + body;
  }
}

/** `digits` with a separator every three from the right, zero-extended to at least `minLength` characters. */
function group(digits: string, separator: string, minLength: number): string {
  const groupedLength = (n: number) => n + Math.floor((n - 1) / 3);
  let n = digits.length;
  while (groupedLength(n) < minLength) n++;
  const padded = digits.padStart(n, '0');
  const parts: string[] = [];
  for (let end = padded.length; end > 0; end -= 3) parts.unshift(padded.slice(Math.max(0, end - 3), end));
  return parts.join(separator);
}

/**
 * `str(np.float32(value))`: the fewest digits that read back as the same float32 (`0.6666666`, not
 * the float64 `0.6666666269302368`), laid out as Python lays out a float (`0.0`, `1e-05`).
 */
export function float32Str(value: number): string {
  const single = Math.fround(value);
  if (!Number.isFinite(single)) return formatNumber(single, '');
  for (let digits = 1; digits < 9; digits++) {
    const shortest = Number(single.toPrecision(digits));
    if (Math.fround(shortest) === single) return formatNumber(shortest, '');
  }
  return formatNumber(Number(single.toPrecision(9)), '');
}
