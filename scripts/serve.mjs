// A tiny static server for the demo page: serves web/, wasm/ and dist/ from the repository, nothing else.
//
//   node scripts/serve.mjs            # http://localhost:8080/web/
//   PORT=3000 node scripts/serve.mjs
//
// Tests import startServer(0) to get a free port. Node's http module only: no dependencies.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = new Set(['web', 'wasm', 'dist']);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // Exactly application/wasm, without parameters: instantiateStreaming checks it.
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps a URL path to a file under one of the served folders, or null when it is not servable.
 * Works on decoded segments so that %2e%2e and backslashes cannot climb out of the folder.
 */
function resolvePath(urlPath) {
  let segments;
  try {
    segments = decodeURIComponent(urlPath).split('/').filter((s) => s !== '');
  } catch {
    return null; // malformed percent-encoding
  }
  if (segments.length === 0 || !FOLDERS.has(segments[0])) return null;
  if (segments.some((s) => s === '.' || s === '..' || s.includes('\\') || s.includes('\0'))) return null;
  const file = join(ROOT, ...segments);
  // Belt and braces: whatever join() made of it, it must still be inside the first folder.
  if (!file.startsWith(join(ROOT, segments[0]) + sep) && file !== join(ROOT, segments[0])) return null;
  return file;
}

function send(response, status, text, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(text);
}

async function handle(request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return send(response, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const { pathname } = new URL(request.url, 'http://localhost');
  if (pathname === '/') return send(response, 302, 'Found\n', { Location: '/web/' });

  let file = resolvePath(pathname);
  if (file === null) return send(response, 404, 'Not found\n');
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    // Relative URLs in index.html need the trailing slash, so /web becomes /web/ first.
    if (!pathname.endsWith('/')) return send(response, 301, 'Moved\n', { Location: pathname + '/' });
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(response, 404, 'Not found\n');

  response.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    // A development server: always serve the file on disk, never a stale copy.
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') return response.end();
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

/**
 * Starts the server on localhost. Port 0 picks a free port.
 * @returns {Promise<{server: import('node:http').Server, url: string}>} url is the page, e.g. http://localhost:8080/web/
 */
export function startServer(port = 8080) {
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal server error\n');
      else response.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => {
      server.off('error', reject);
      resolve({ server, url: `http://localhost:${server.address().port}/web/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await startServer(port);
  console.log(`Serving ${url}`);
}
