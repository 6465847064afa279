// Tiny static file server for the browser tests.
//
// Serves a built site folder SITE under a base path BASE ("/" or "/archive-sub/")
// on 127.0.0.1 with a random port. Directories are served through their
// index.html, a missing file gets the site's 404.html with status 404, and no
// request can read anything outside SITE.
//
// Library use:  const srv = await startServer({ root, base }); srv.url; await srv.close();
// Command line: node server.mjs SITE [BASE] [PORT]

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.webmanifest': 'application/manifest+json',
};

/** "/", "archive-sub", "/archive-sub" → "/", "/archive-sub/", "/archive-sub/". */
export function normalizeBase(base) {
  let b = (base ?? '/').trim();
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b;
}

function isInside(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Types a static host such as GitHub Pages sends gzip-compressed (with `gzip: true`). */
const COMPRESSED = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg)/;

export async function startServer({ root, base = '/', host = '127.0.0.1', port = 0, log = false, gzip = false } = {}) {
  if (!root) throw new Error('startServer: root (the built site folder) is required');
  const realRoot = await fsp.realpath(path.resolve(root));
  const stat = await fsp.stat(realRoot);
  if (!stat.isDirectory()) throw new Error(`startServer: ${realRoot} is not a directory`);
  const basePath = normalizeBase(base);

  async function send(req, res, status, file, extraHeaders = {}) {
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    let body = await fsp.readFile(file);
    if (gzip && COMPRESSED.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = zlib.gzipSync(body, { level: 6 });
      extraHeaders = { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding', ...extraHeaders };
    }
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      ...extraHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function notFound(req, res) {
    const page = path.join(realRoot, '404.html');
    if (fs.existsSync(page)) return send(req, res, 404, page);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : 'Not Found (and the site has no 404.html)\n');
  }

  function plain(res, status, text, headers = {}) {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(text + '\n');
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return plain(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }
    const rawPath = (req.url ?? '/').split('?')[0].split('#')[0];
    let pathname;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      return plain(res, 400, 'Bad Request');
    }
    if (pathname.includes('\0') || pathname.includes('\\')) return plain(res, 400, 'Bad Request');

    // The base path without its trailing slash → redirect to the base itself.
    if (basePath !== '/' && pathname === basePath.slice(0, -1)) {
      res.writeHead(301, { Location: basePath });
      return res.end();
    }
    if (!pathname.startsWith(basePath)) return notFound(req, res);

    const rel = pathname.slice(basePath.length);
    const segments = rel.split('/');
    if (segments.some((s) => s === '..')) return plain(res, 403, 'Forbidden');

    let target = path.resolve(realRoot, '.' + path.sep + segments.join(path.sep));
    if (!isInside(realRoot, target)) return plain(res, 403, 'Forbidden');

    let st;
    try {
      st = await fsp.stat(target);
    } catch {
      return notFound(req, res);
    }
    if (st.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const query = (req.url ?? '').includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        res.writeHead(301, { Location: rawPath + '/' + query });
        return res.end();
      }
      target = path.join(target, 'index.html');
      try {
        st = await fsp.stat(target);
      } catch {
        return notFound(req, res);
      }
    }
    if (!st.isFile()) return notFound(req, res);
    // Symlinks must not lead outside the site either.
    const realTarget = await fsp.realpath(target);
    if (!isInside(realRoot, realTarget)) return plain(res, 403, 'Forbidden');
    return send(req, res, 200, realTarget);
  }

  const server = http.createServer((req, res) => {
    handle(req, res)
      .catch((err) => {
        if (!res.headersSent) plain(res, 500, 'Internal Server Error: ' + err.message);
        else res.destroy(err);
      })
      .finally(() => {
        if (log) console.error(`${res.statusCode} ${req.method} ${req.url}`);
      });
  });
  // Keep-alive sockets must not keep close() waiting.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actualPort } = server.address();
  const origin = `http://${host}:${actualPort}`;
  return {
    origin,
    base: basePath,
    url: origin + basePath,
    port: actualPort,
    root: realRoot,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// Command line: node server.mjs SITE [BASE] [PORT]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root, base = process.env.ARCHIVE_BASE ?? '/', port = '0'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node server.mjs SITE [BASE] [PORT]');
    process.exit(2);
  }
  const srv = await startServer({ root, base, port: Number(port), log: true });
  console.log(`serving ${srv.root} at ${srv.url}`);
}
