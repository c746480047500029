// A small server for dist/ that answers as the Go handler (embed.go) does:
// hashed assets cached for good, the app's page for client routes, the
// same security headers, and 404 for /api/ (no backend here). Browser
// tests use it when SENDQA_BASE_URL names no real server.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;

const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; " +
  "form-action 'self'";

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

async function readIfFile(path) {
  try {
    if (!(await stat(path)).isFile()) return null;

    return await readFile(path);
  } catch {
    return null;
  }
}

async function answer(request, response) {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
  const name = path.replace(/^\/+/, '');
  const hidden = name.split('/').some((part) => part.startsWith('.'));

  if (path === '/api' || path.startsWith('/api/') || hidden) {
    response.writeHead(404, { ...headers, 'Content-Type': 'application/problem+json' });
    response.end(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404 }));

    return;
  }

  if (name.startsWith('assets/') || extname(name) !== '') {
    const data = await readIfFile(join(dist, name));
    if (!data) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      response.end('Not found');

      return;
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': types[extname(name)] ?? 'application/octet-stream',
      'Cache-Control': name.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    response.end(data);

    return;
  }

  const index = await readIfFile(join(dist, 'index.html'));
  if (!index) {
    response.writeHead(503, { ...headers, 'Content-Type': 'text/plain' });
    response.end('dist/ has no build: run npm run build');

    return;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': types['.html'],
    'Cache-Control': 'no-store',
  });
  response.end(index);
}

/** Serves dist/ on a free port of 127.0.0.1; returns its URL and a stop function. */
export async function serveDist() {
  const server = createServer((request, response) => {
    answer(request, response).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
