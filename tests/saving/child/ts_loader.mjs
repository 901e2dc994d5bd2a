/**
 * A Node module loader for child processes of the tests: kerasm's TypeScript sources run as they
 * are, their types stripped by the TypeScript compiler, and their `.js` imports resolved to the
 * `.ts` files beside them.
 */
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (!specifier.endsWith('.js')) throw e;
    return next(`${specifier.slice(0, -3)}.ts`, context);
  }
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false };
  return { format: 'module', source: ts.transpileModule(source, { compilerOptions: options, fileName: url }).outputText, shortCircuit: true };
}
