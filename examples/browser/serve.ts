/**
 * A tiny static file server for the browser example (and its test): serves
 * the repository root on 127.0.0.1 with the right content types (WebAssembly
 * must be application/wasm for streaming compilation).
 *
 *     npm run build && npx tsx examples/browser/serve.ts [PORT]
 *     # then open http://127.0.0.1:8080/examples/browser/
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (two levels up from this file). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A running server and how to stop it. */
export interface StaticServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any free port). Paths outside
 * `root` are refused; a directory serves its index.html.
 */
export function startStaticServer(root: string = REPO_ROOT, port = 0): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
        let file = normalize(join(base, path));
        if (file !== base && !file.startsWith(base + sep)) {
          res.writeHead(403).end('forbidden');
          return;
        }
        let info = await stat(file).catch(() => null);
        if (info?.isDirectory()) {
          file = join(file, 'index.html');
          info = await stat(file).catch(() => null);
        }
        if (!info?.isFile()) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
          return;
        }
        res.writeHead(200, {
          'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-length': info.size,
          'cache-control': 'no-store',
        });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      }
    })();
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address() as AddressInfo;
      ok({
        url: `http://127.0.0.1:${p}/`,
        server,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const port = Number(process.argv[2] ?? 8080);
  const s = await startStaticServer(REPO_ROOT, port);
  console.log(`serving ${REPO_ROOT} at ${s.url} — open ${s.url}examples/browser/ (Ctrl-C to stop)`);
}
