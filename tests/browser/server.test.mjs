// Tests of the test server itself (no browser, no built site needed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, normalizeBase } from './server.mjs';

let dir;
let site;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-server-test-'));
  site = path.join(dir, 'site');
  fs.mkdirSync(path.join(site, 'ru'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), 'root');
  fs.writeFileSync(path.join(site, 'ru', 'index.html'), 'ru home');
  fs.writeFileSync(path.join(site, 'style.css'), 'body{}');
  fs.writeFileSync(path.join(site, '404.html'), 'not found page');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(site, 'link.txt'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** GET with the path sent exactly as given (no client-side normalisation). */
function get(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('normalizeBase', () => {
  assert.equal(normalizeBase(undefined), '/');
  assert.equal(normalizeBase('/'), '/');
  assert.equal(normalizeBase('archive-sub'), '/archive-sub/');
  assert.equal(normalizeBase('/archive-sub'), '/archive-sub/');
  assert.equal(normalizeBase('/archive-sub/'), '/archive-sub/');
});

for (const base of ['/', '/archive-sub/']) {
  test(`serves the site under ${base}`, async () => {
    const srv = await startServer({ root: site, base });
    try {
      assert.match(srv.url, new RegExp(`^http://127\\.0\\.0\\.1:\\d+${base}$`));
      let r = await get(srv.port, base);
      assert.deepEqual([r.status, r.body], [200, 'root']);
      assert.match(r.headers['content-type'], /^text\/html/);
      r = await get(srv.port, `${base}ru/`);
      assert.deepEqual([r.status, r.body], [200, 'ru home']);
      r = await get(srv.port, `${base}ru/index.html`);
      assert.deepEqual([r.status, r.body], [200, 'ru home']);
      r = await get(srv.port, `${base}ru`);
      assert.deepEqual([r.status, r.headers.location], [301, `${base}ru/`]);
      r = await get(srv.port, `${base}style.css?v=1`);
      assert.equal(r.status, 200);
      assert.match(r.headers['content-type'], /^text\/css/);
      r = await get(srv.port, `${base}nope/`);
      assert.deepEqual([r.status, r.body], [404, 'not found page']);
      if (base !== '/') {
        r = await get(srv.port, '/ru/');
        assert.deepEqual([r.status, r.body], [404, 'not found page'], 'paths outside the base are 404');
        r = await get(srv.port, '/archive-sub');
        assert.deepEqual([r.status, r.headers.location], [301, '/archive-sub/']);
      }
      // Nothing outside the site folder.
      for (const evil of ['../secret.txt', '..%2fsecret.txt', '%2e%2e/secret.txt', 'ru/../../secret.txt', '%2e%2e%5csecret.txt', 'link.txt']) {
        r = await get(srv.port, base + evil);
        assert.ok(r.status === 403 || r.status === 400 || r.status === 404, `${evil} → ${r.status}`);
        assert.notEqual(r.body, 'secret', `${evil} leaked a file outside the site`);
      }
      r = await new Promise((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: srv.port, path: base, method: 'POST' }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.end();
      });
      assert.equal(r, 405);
    } finally {
      await srv.close();
    }
  });
}

test('with gzip, text is sent compressed to a client that accepts it, and only then', async () => {
  const srv = await startServer({ root: site, gzip: true });
  try {
    const fetchRaw = (headers) =>
      new Promise((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: srv.port, path: '/style.css', headers }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    const zipped = await fetchRaw({ 'Accept-Encoding': 'gzip, deflate' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(zipped.body).toString(), 'body{}');
    const plain = await fetchRaw({});
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), 'body{}');
  } finally {
    await srv.close();
  }
});
