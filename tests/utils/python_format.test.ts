import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KeyError, ValueError } from '../../ts/utils/errors.js';
import { type PythonNumber, formatNumber, formatTemplate } from '../../ts/utils/python_format.js';

/** A Python value as scripts/keras/python_format_fixtures.py writes it. */
type Encoded = { int: string } | { float: string };
type Outcome = { text: string } | { error: string; message: string };
interface Fixture {
  specs: ({ value: Encoded; spec: string } & Outcome)[];
  templates: ({ template: string; values: Record<string, Encoded> } & Outcome)[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/callbacks/python_format.json', import.meta.url), 'utf8')) as Fixture;

function decode(value: Encoded): PythonNumber {
  return 'int' in value ? BigInt(value.int) : Number(value.float.replace(/^(-?)inf$/, '$1Infinity').replace('nan', 'NaN'));
}

/** Runs `fn` and gives what Python gave: the text, or the error's class and message. */
function outcome(fn: () => string): Outcome {
  try {
    return { text: fn() };
  } catch (e) {
    if (!(e instanceof ValueError || e instanceof KeyError)) throw e;
    return { error: e.name, message: e.message };
  }
}

describe("Python's format-spec mini-language", () => {
  it(`formats every int and float case as Python does (${fixture.specs.length} cases)`, () => {
    const wrong = fixture.specs.flatMap(({ value, spec, ...expected }) => {
      const got = outcome(() => formatNumber(decode(value), spec));
      return JSON.stringify(got) === JSON.stringify(expected) ? [] : [{ value, spec, expected, got }];
    });
    expect(wrong).toEqual([]);
  });

  it('fills templates as str.format does, with its errors', () => {
    for (const { template, values, ...expected } of fixture.templates) {
      const fields = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, decode(v)]));
      expect(outcome(() => formatTemplate(template, fields)), template).toEqual(expected);
    }
  });

  it('rounds ties to even on the exact value, and keeps ints apart from floats', () => {
    expect(formatNumber(0.125, '.2f')).toBe('0.12');
    expect(formatNumber(0.375, '.2f')).toBe('0.38');
    expect(formatNumber(2n, '')).toBe('2');
    expect(formatNumber(2, '')).toBe('2.0');
  });

  it('refuses what kerasm does not format, clearly', () => {
    expect(() => formatTemplate('{loss!r}', { loss: 1 })).toThrow(/no conversion/);
    expect(() => formatTemplate('{loss:{w}}', { loss: 1 })).toThrow(/no nested fields/);
    expect(() => formatNumber(5n, 'x')).toThrow("kerasm's str.format does not implement the format code 'x'");
    expect(() => formatNumber(5, 'x')).toThrow("Unknown format code 'x' for object of type 'float'");
  });
});
