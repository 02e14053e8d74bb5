// Public pages, the JSON API, health and metrics, static files (ETag, ranges) and security headers, on both backends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertSecurityHeaders, Client } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

for (const backend of BACKENDS) {
  describe(`public pages [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, client, units;
    const seen = [];  // every response, for the security-header check at the end

    const get = async (path, opts) => {
      const r = await client.get(path, opts);
      seen.push([path, r]);
      return r;
    };
    const unit = (name) => {
      const u = units.find((x) => x.name === name);
      assert.ok(u, `unit ${name} is in /api/v1/units`);
      return u;
    };

    before(async () => {
      env = await Env.create(backend, 'public');
      server = await env.start({ pageCache: 1 });  // the micro-cache on, as in production
      client = new Client(server.base);
    });
    after(() => env?.close());

    test('GET /api/v1/units lists the demo district', async () => {
      const r = await get('/api/v1/units');
      assert.equal(r.status, 200);
      assert.match(r.header('content-type'), /^application\/json/);
      const body = r.json();
      assert.equal(body.count, body.items.length);
      units = body.items;
      // 1 government + 27 departments + 9 towns + 4 sections
      assert.equal(units.length, 41);
      const root = unit('临江区人民政府');
      assert.equal(root.kind, 'government');
      assert.equal(root.parent_id, null);
      const edu = unit('区教育局');
      assert.equal(edu.kind, 'department');
      assert.equal(edu.parent_id, root.id);
      assert.match(edu.credit_code, /^[0-9A-Z]{18}$/);
      assert.ok(edu.version >= 1);
    });

    test('GET /api/v1/units/{id} returns the unit with parent and children', async () => {
      const office = unit('区人民政府办公室');
      const r = await get(`/api/v1/units/${office.id}`);
      assert.equal(r.status, 200);
      const u = r.json();
      assert.equal(u.id, office.id);
      assert.equal(u.name, '区人民政府办公室');
      assert.equal(u.parent.name, '临江区人民政府');
      assert.deepEqual(u.children.map((c) => c.name).sort(), ['政务公开科', '秘书科'].sort());
      assert.ok(u.function_paragraphs.length >= 1);

      const missing = await get('/api/v1/units/99999999');
      assert.equal(missing.status, 404);
      const err = missing.json().error;
      assert.equal(err.code, 'not_found');
      assert.ok(err.message.length > 0);
      const bad = await get('/api/v1/units/abc');
      assert.equal(bad.status, 404);
      assert.equal(bad.json().error.code, 'not_found');
    });

    test('home page and unit directory are Chinese HTML naming the units', async () => {
      const home = await get('/');
      assert.equal(home.status, 200);
      assert.match(home.header('content-type'), /^text\/html; charset=utf-8/);
      assert.match(home.text, /<html lang="zh-CN"/);
      assert.match(home.text, /临江区人民政府/);
      assert.match(home.text, /区教育局/);
      assert.match(home.text, /新桥镇/);
      // the micro-cache answers the second time with the same page
      const again = await get('/');
      assert.equal(again.status, 200);
      assert.equal(again.text, home.text);

      const list = await get('/units');
      assert.equal(list.status, 200);
      assert.match(list.text, /机构名录/);
      assert.match(list.text, new RegExp(`href="/units/${unit('区财政局').id}"`));
      assert.match(list.text, /镇（街道）/);
      assert.match(list.text, /桃源镇人民政府/);
    });

    test('GET /units/{id} shows the unit page; unknown ids are a Chinese 404', async () => {
      const edu = unit('区教育局');
      const r = await get(`/units/${edu.id}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /<h1[^>]*>区教育局<\/h1>/);
      assert.ok(r.text.includes(edu.phone), 'phone on the page');
      assert.ok(r.text.includes('义务教育招生入学'), 'functions on the page');
      assert.ok(!/name="_csrf"/.test(r.text), 'no console form for anonymous visitors');

      for (const path of ['/units/99999999', '/units/abc', '/units/0']) {
        const nf = await get(path);
        assert.equal(nf.status, 404, path);
        assert.match(nf.header('content-type'), /^text\/html/);
        assert.match(nf.text, /没有找到|页面不存在/);
      }
    });

    test('GET /healthz answers ok with the backend name', async () => {
      const r = await get('/healthz');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json(), { status: 'ok', database: 'ok', backend });
      assert.equal(r.header('cache-control'), 'no-store');
    });

    test('GET /metrics is Prometheus text with request counters and pool gauges', async () => {
      const r = await get('/metrics');
      assert.equal(r.status, 200);
      assert.match(r.header('content-type'), /^text\/plain; version=0\.0\.4/);
      assert.match(r.text, /^# TYPE gongkai_http_requests_total counter$/m);
      assert.match(r.text, /^gongkai_http_requests_total\{method="GET",route="\/api\/v1\/units",status="200"\} [1-9]\d*$/m);
      assert.match(r.text, /^gongkai_http_requests_total\{method="GET",route="\/units\/\{id\}",status="404"\} [1-9]\d*$/m);
      assert.match(r.text, /^gongkai_db_pool_size 6$/m);  // default: 4 workers + 2
      assert.match(r.text, /^gongkai_db_pool_in_use \d+$/m);
      assert.match(r.text, /^gongkai_db_pool_waits_total \d+$/m);
      assert.match(r.text, /^gongkai_http_request_duration_seconds_bucket\{route="\/healthz",le="\+Inf"\} [1-9]\d*$/m);
    });

    test('static files: ETag and If-None-Match, ranges, HEAD', async () => {
      const full = await get('/static/css/site.css');
      assert.equal(full.status, 200);
      assert.match(full.header('content-type'), /^text\/css/);
      assert.equal(full.header('accept-ranges'), 'bytes');
      const etag = full.header('etag');
      assert.match(etag, /^"[0-9a-f]+"$/);
      assert.ok(full.text.length > 100);
      const size = Buffer.byteLength(full.text);

      const cached = await get('/static/css/site.css', { headers: { 'if-none-match': etag } });
      assert.equal(cached.status, 304);
      assert.equal(cached.text, '');
      assert.equal(cached.header('etag'), etag);
      const stale = await get('/static/css/site.css', { headers: { 'if-none-match': '"0000"' } });
      assert.equal(stale.status, 200);

      const part = await get('/static/css/site.css', { headers: { range: 'bytes=0-9' } });
      assert.equal(part.status, 206);
      assert.equal(part.header('content-range'), `bytes 0-9/${size}`);
      assert.equal(part.text, Buffer.from(full.text).subarray(0, 10).toString());
      assert.equal(part.header('content-length'), '10');

      const tail = await get('/static/css/site.css', { headers: { range: 'bytes=-5' } });
      assert.equal(tail.status, 206);
      assert.equal(tail.header('content-range'), `bytes ${size - 5}-${size - 1}/${size}`);

      for (const range of [`bytes=${size + 10}-${size + 20}`, 'bytes=9-3']) {
        const bad = await get('/static/css/site.css', { headers: { range } });
        assert.equal(bad.status, 416, range);
        assert.equal(bad.header('content-range'), `bytes */${size}`);
      }

      const head = await client.request('/static/css/site.css', { method: 'HEAD' });
      seen.push(['HEAD site.css', head]);
      assert.equal(head.status, 200);
      assert.equal(head.text, '');
      assert.equal(head.header('content-length'), String(size));

      const svg = await get('/static/favicon.svg');
      assert.equal(svg.status, 200);
      assert.match(svg.header('content-type'), /^image\/svg\+xml/);
      const none = await get('/static/css/none.css');
      assert.equal(none.status, 404);
    });

    test('every response carried the security headers', () => {
      assert.ok(seen.length > 20);
      for (const [path, r] of seen) assertSecurityHeaders(r, `${path} (${r.status})`);
    });
  });
}
