import { describe, expect, it } from 'vitest';
import { registerKerasSerializable } from '../../ts/index.js';
import { deserializeFunction, serializeFunction } from '../../ts/engine/function_registry.js';

describe('registered functions', () => {
  it('are saved as Keras saves a registered function and found again by name, customObjects first', () => {
    function shout(texts: string[]): string[] {
      return texts.map((t) => t.toUpperCase());
    }
    expect(registerKerasSerializable(shout, { package: 'registry_test' })).toBe(shout);
    const config = serializeFunction(shout, 'the option');
    expect(config).toEqual({ module: 'builtins', class_name: 'function', config: 'registry_test>shout', registered_name: 'function' });
    expect(deserializeFunction(config, {}, 'the option')).toBe(shout);
    expect(deserializeFunction('registry_test>shout', {}, 'the option')).toBe(shout);
    const other = (texts: string[]) => texts;
    expect(deserializeFunction(config, { 'registry_test>shout': other }, 'the option')).toBe(other);
  });

  it('refuses to save an unregistered function or to load an unknown name, and needs a name for an anonymous one', () => {
    expect(() => serializeFunction((x: string) => x, 'the `split` of layer t')).toThrow(
      'Cannot serialize the `split` of layer t: kerasm saves functions by name only. Register it first with registerKerasSerializable',
    );
    expect(() => deserializeFunction({ class_name: 'function', config: 'nowhere>fn' }, {}, 'the `split`')).toThrow("Could not locate function 'nowhere>fn' for the `split`");
    const anonymous = [(x: string) => x][0]!;
    expect(() => registerKerasSerializable(anonymous)).toThrow('an anonymous function needs a `name` option');
    registerKerasSerializable(anonymous, { name: 'identity' });
    expect(serializeFunction(anonymous, 'x').config).toBe('Custom>identity');
  });
});
