/**
 * `npm run demo`: builds the live RAM page (demo/build.ts) and serves it on 127.0.0.1 with a tiny
 * static file server. Usage: npm run demo [-- --port N] (default 8080; 0 picks a free port).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDemo } from './build.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.safetensors': 'application/octet-stream',
};

/** Serves the files under `dir` (GET and HEAD only) on 127.0.0.1:port; resolves with the server and its address. */
export function serveDir(dir: string, port = 0): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (file !== root && !file.startsWith(root + sep))) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 403 : 405).end();
      return;
    }
    readFile(file).then((body) => {
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    }, () => res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      ok({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : port}/` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: npm run demo [-- --port N]   build the live RAM page into out/demo and serve it on 127.0.0.1 (default port 8080)');
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`demo: --port expects an integer in 0…65535, got '${values.port}'`);
    process.exit(2);
  }
  buildDemo()
    .then((dir) => serveDir(dir, port))
    .then(({ url }) => console.log(`dpnn-ts demo: ${url} (Ctrl-C stops it)`), (e: Error) => {
      console.error(`demo: ${e.message}`);
      process.exit(1);
    });
}
