/**
 * A Vite dev server over the repository for the browser tests: it serves the built package
 * (dist/) and compiles the test pages' TypeScript on the fly. `isolated` sends the COOP/COEP
 * headers that make a page cross-origin isolated (SharedArrayBuffer, threads).
 */
import { fileURLToPath } from 'node:url';
import { type ViteDevServer, createServer } from 'vite';

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export interface Served {
  server: ViteDevServer;
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
}

/** Serves the repository, or the app of `configFile` (a Vite config) when given. */
export async function serve(options: { isolated: boolean; configFile?: string }): Promise<Served> {
  const server = await createServer({
    ...(options.configFile ? { configFile: options.configFile } : { configFile: false, root: fileURLToPath(new URL('../..', import.meta.url)) }),
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, headers: options.isolated ? ISOLATION_HEADERS : {}, hmr: false },
    // jpeg-js is CommonJS: pre-bundled to an ES module, as Vite's own dependency scan would do.
    optimizeDeps: { noDiscovery: true, include: ['jpeg-js'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the test server did not get a TCP port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}
