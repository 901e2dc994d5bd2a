/**
 * Graphviz, compiled to WebAssembly (@hpcc-js/wasm-graphviz), loaded on the first plot only:
 * the dynamic import keeps its ~630 KB (gzipped) out of the way of programs that never plot,
 * and bundlers split it into its own chunk.
 */
type GraphvizModule = typeof import('@hpcc-js/wasm-graphviz');
type Graphviz = Awaited<ReturnType<GraphvizModule['Graphviz']['load']>>;

let loading: Promise<Graphviz> | null = null;

function graphviz(): Promise<Graphviz> {
  loading ??= import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load());
  return loading;
}

/** Lays out DOT text with Graphviz's `dot` engine and draws it as SVG text. */
export async function dotToSvg(dot: string): Promise<string> {
  return (await graphviz()).dot(dot, 'svg');
}
