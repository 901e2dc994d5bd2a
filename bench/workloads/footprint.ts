/**
 * W8, footprint. Two figures, raw and gzipped (each file gzipped on its own, as a server or a
 * registry would send it):
 * - installed: what `npm install` puts on disk to run W1–W7, the package and its runtime
 *   dependencies (kerasm: its `files` and @hpcc-js/wasm-graphviz; tfjs: @tensorflow/tfjs with
 *   @tensorflow/tfjs-backend-wasm and everything they depend on);
 * - downloaded: what a browser fetches to train and predict, per WebAssembly build: a production
 *   Vite build of footprint_app/ loaded in Chromium (threaded on a cross-origin isolated page,
 *   single-thread on a plain one), every response weighed; the built files no page fetched
 *   (loaded lazily, e.g. Graphviz for plotModel) are listed apart.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface Size {
  bytes: number;
  gzip: number;
}

export interface Installed extends Size {
  packages: string[];
}

export interface Downloaded {
  variant: string;
  js: Size;
  wasm: Size;
  other: Size;
  files: ({ path: string } & Size)[];
}

const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

function sizeOf(bytes: Uint8Array): Size {
  return { bytes: bytes.length, gzip: gzipSync(bytes).length };
}

function add(a: Size, b: Size): Size {
  return { bytes: a.bytes + b.bytes, gzip: a.gzip + b.gzip };
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** The directory of package `name` as Node resolves it from `fromDir` (node_modules upwards). */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) throw new Error(`W8: package ${name} not found from ${fromDir}`);
  }
}

/** The packages `roots` and their runtime dependencies, transitively; their files' sizes summed. */
export function installed(roots: { dir: string; files?: string[] }[]): Installed {
  const seen = new Map<string, string[] | undefined>();
  const visit = (dir: string, files?: string[]) => {
    if (seen.has(dir)) return;
    seen.set(dir, files);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(packageDir(dep, dir));
  };
  for (const root of roots) visit(root.dir, root.files);
  let total: Size = { bytes: 0, gzip: 0 };
  for (const [dir, files] of seen) {
    // A package published with a `files` list ships those and its package.json (and no node_modules of its own).
    const paths = (files ? [...files, 'package.json'] : readdirSync(dir).filter((n) => n !== 'node_modules')).flatMap((f) => filesUnder(join(dir, f)));
    for (const path of paths) total = add(total, sizeOf(readFileSync(path)));
  }
  return { ...total, packages: [...seen.keys()].map((dir) => relative(process.cwd(), dir) || '.') };
}

/** The browser download of each build, and the built files neither page fetched. */
export async function downloaded(repo: string): Promise<{ variants: Downloaded[]; notFetched: ({ path: string } & Size)[] }> {
  const { build, preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const root = fileURLToPath(new URL('../../../bench/workloads/footprint_app/', import.meta.url));
  const outDir = mkdtempSync(join(tmpdir(), 'kerasm-footprint-'));
  const config = {
    root,
    configFile: false as const,
    logLevel: 'silent' as const,
    resolve: { alias: [{ find: /^(\.\.\/)+ts\//, replacement: `${repo}/dist/ts/` }] },
    worker: { format: 'es' as const },
  };
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await build({ ...config, build: { outDir, emptyOutDir: true } });
    const fetched = new Set<string>();
    const variants: Downloaded[] = [];
    for (const isolated of [true, false]) {
      const server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0, headers: isolated ? ISOLATION_HEADERS : {} } });
      try {
        const address = server.httpServer.address();
        if (!address || typeof address === 'string') throw new Error('W8: no preview port');
        const context = await browser.newContext();
        const paths = new Set<string>();
        context.on('response', (response) => paths.add(servedFile(new URL(response.url()).pathname)));
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${address.port}/`);
        const info = (await page.evaluate(() => (window as { footprintDone?: Promise<unknown> }).footprintDone)) as { variant?: string; error?: string };
        await context.close();
        if (!info.variant) throw new Error(`W8: the footprint app failed: ${info.error}`);
        variants.push(weigh(info.variant, outDir, paths));
        for (const path of paths) fetched.add(path);
      } finally {
        await new Promise((resolve) => server.httpServer.close(resolve));
      }
    }
    const notFetched = filesUnder(outDir)
      .map((file) => `/${relative(outDir, file)}`)
      .filter((path) => !fetched.has(path))
      .map((path) => ({ path, ...sizeOf(readFileSync(join(outDir, path))) }));
    return { variants, notFetched };
  } finally {
    await browser.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The built file a URL path serves (`/` is the page). */
function servedFile(path: string): string {
  return path.endsWith('/') ? `${path}index.html` : path;
}

/** Sizes of the built files a page fetched (responses are weighed from the files served). */
function weigh(variant: string, outDir: string, paths: Set<string>): Downloaded {
  const files = [...paths]
    .filter((path) => existsSync(join(outDir, path)))
    .map((path) => ({ path, ...sizeOf(readFileSync(join(outDir, path))) }));
  const sum = (pick: (path: string) => boolean) => files.filter((f) => pick(f.path)).reduce<Size>((a, f) => add(a, f), { bytes: 0, gzip: 0 });
  return {
    variant,
    js: sum((p) => p.endsWith('.js')),
    wasm: sum((p) => p.endsWith('.wasm')),
    other: sum((p) => !p.endsWith('.js') && !p.endsWith('.wasm')),
    files,
  };
}
