/**
 * A small XML reader for the tests: checks that a document is well formed (one root, tags
 * balanced and properly nested, attributes quoted and not repeated, entities known) and returns
 * its element tree to query.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), without its children's. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:][\w:.-]*/;

export function parseXml(source: string): XmlElement {
  let at = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (why: string): never => {
    throw new Error(`malformed XML at ${at}: ${why}: ${JSON.stringify(source.slice(at, at + 40))}`);
  };
  while (at < source.length) {
    if (source.startsWith('<?', at)) at = skipPast(source, at, '?>', fail);
    else if (source.startsWith('<!--', at)) at = skipPast(source, at, '-->', fail);
    else if (source.startsWith('<!DOCTYPE', at)) at = skipPast(source, at, '>', fail);
    else if (source.startsWith('</', at)) {
      const name = NAME.exec(source.slice(at + 2))?.[0] ?? fail('a closing tag without a name');
      const open = stack.pop() ?? fail(`</${name}> closes nothing`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`);
      at = source.indexOf('>', at) + 1 || fail('an unterminated closing tag');
    } else if (source[at] === '<') {
      at = openTag(source, at + 1, stack, (element) => {
        if (stack.length > 0) stack.at(-1)!.children.push(element);
        else if (root === null) root = element;
        else fail('a second root element');
      }, fail);
    } else {
      const end = source.indexOf('<', at) === -1 ? source.length : source.indexOf('<', at);
      const text = decode(source.slice(at, end), fail);
      if (stack.length > 0) stack.at(-1)!.text += text;
      else if (text.trim() !== '') fail('text outside the root element');
      at = end;
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)!.name}> is never closed`);
  return root ?? fail('no root element');
}

/** Reads `<name attr="…" …>` or `<name … />` from just after its `<`; returns where it ends. */
function openTag(source: string, start: number, stack: XmlElement[], add: (e: XmlElement) => void, fail: (why: string) => never): number {
  let at = start;
  const name = NAME.exec(source.slice(at))?.[0] ?? fail('a tag without a name');
  at += name.length;
  const element: XmlElement = { name, attributes: {}, children: [], text: '' };
  for (;;) {
    const space = /^\s*/.exec(source.slice(at))![0].length;
    at += space;
    if (source.startsWith('/>', at)) {
      add(element);
      return at + 2;
    }
    if (source[at] === '>') {
      add(element);
      stack.push(element);
      return at + 1;
    }
    if (space === 0) fail('attributes must be separated by white space');
    const attr = /^([A-Za-z_:][\w:.-]*)\s*=\s*(["'])/.exec(source.slice(at)) ?? fail('an attribute without a quoted value');
    const close = source.indexOf(attr[2]!, at + attr[0].length);
    if (close === -1) fail('an unterminated attribute value');
    if (attr[1]! in element.attributes) fail(`attribute ${attr[1]} repeated`);
    const value = source.slice(at + attr[0].length, close);
    if (value.includes('<')) fail('"<" inside an attribute value');
    element.attributes[attr[1]!] = decode(value, fail);
    at = close + 1;
  }
}

function skipPast(source: string, at: number, end: string, fail: (why: string) => never): number {
  const found = source.indexOf(end, at);
  return found === -1 ? fail(`no closing ${end}`) : found + end.length;
}

function decode(text: string, fail: (why: string) => never): string {
  return text.replace(/&([^;\s]*);?/g, (whole, entity: string) => {
    if (!whole.endsWith(';')) fail(`a bare "&" in ${JSON.stringify(text)}`);
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? fail(`unknown entity &${entity};`);
  });
}

/** Every element of the tree (the root first, then depth-first). */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** The text of an element and all its descendants, in document order. */
export function deepText(element: XmlElement): string {
  return element.text + element.children.map(deepText).join('');
}
