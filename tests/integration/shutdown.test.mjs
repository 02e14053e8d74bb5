// Graceful shutdown: SIGTERM while a large multipart POST is still being trickled in. The listener closes at once
// (new connections are refused), idle keep-alive connections are closed, the upload in flight completes and is
// answered, and the process exits 0 promptly.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';

import { Client, login, parseRawResponse } from './lib/http.mjs';
import { BACKENDS, Env, sleep, unavailable } from './lib/server.mjs';

// A TCP connection we write to by hand; `response` resolves with everything read once the server closes.
function openSocket(port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const bufs = [];
    let waiters = [];
    sock.on('data', (d) => {
      bufs.push(d);
      const text = Buffer.concat(bufs).toString('latin1');
      waiters = waiters.filter(([needle, done]) => !(text.includes(needle) && (done(), true)));
    });
    // Resolves once the bytes read so far contain `needle`.
    sock.waitFor = (needle) => new Promise((done) => {
      if (Buffer.concat(bufs).toString('latin1').includes(needle)) done();
      else waiters.push([needle, done]);
    });
    sock.response = new Promise((done) => {
      sock.on('close', () => done({ ...parseRawResponse(Buffer.concat(bufs)), closedAt: Date.now() }));
    });
    sock.on('error', () => {});
    sock.once('connect', () => resolve(sock));
    sock.once('error', reject);
  });
}
const write = (sock, data) => new Promise((resolve, reject) => sock.write(data, (e) => (e ? reject(e) : resolve())));

function connectOutcome(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve('connected'); });
    s.once('error', (e) => resolve(e.code));
  });
}

for (const backend of BACKENDS) {
  describe(`graceful shutdown [${backend}]`, { skip: unavailable(backend) }, () => {
    let env;

    before(async () => { env = await Env.create(backend, 'shutdown'); });
    after(() => env?.close());

    test('SIGTERM during a slow upload: it completes, new connections are refused, exit 0', async () => {
      const server = await env.start();
      const sup = await login(server.base, 'supervisor', env.accounts.supervisor);
      const { csrf } = await sup.form('/console/units/new', '/console/units');
      const rootId = (await new Client(server.base).get('/api/v1/units')).json().items.find((u) => u.kind === 'government').id;

      const boundary = '----gongkai' + randomBytes(8).toString('hex');
      const part = (name, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const body = Buffer.from(
        part('_csrf', csrf) + part('parent_id', String(rootId)) + part('kind', 'department') +
        part('name', '停机时提交的单位') + part('active', '1') + part('padding', 'x'.repeat(600 * 1024)) + `--${boundary}--\r\n`,
      );
      const head = `POST /console/units HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${sup.cookieHeader()}\r\n` +
        `Accept: application/json\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`;

      // An idle keep-alive connection that has had its answer.
      const idle = await openSocket(server.port);
      await write(idle, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await idle.waitFor('"status":"ok"');
      // The upload: headers and the first third of the body, then a pause.
      const upload = await openSocket(server.port);
      await write(upload, head);
      const third = Math.floor(body.length / 3);
      await write(upload, body.subarray(0, third));
      await sleep(1000);  // let the server read the first bytes: the request is now in flight

      const termAt = Date.now();
      server.proc.kill('SIGTERM');

      const idleDone = await Promise.race([idle.response, sleep(5000).then(() => null)]);
      assert.ok(idleDone, 'the idle keep-alive connection was closed after SIGTERM');
      assert.equal(idleDone.status, 200, 'it had its answer before');
      assert.ok(idleDone.closedAt - termAt < 4000, `closed ${idleDone.closedAt - termAt} ms after SIGTERM`);

      let outcome;
      for (let i = 0; i < 60; i++) {
        outcome = await connectOutcome(server.port);
        if (outcome === 'ECONNREFUSED') break;
        await sleep(50);
      }
      assert.equal(outcome, 'ECONNREFUSED', 'new connections are refused while the upload is still in flight');
      assert.equal(server.exit, undefined, 'the process waits for the request in flight');

      // The rest of the body, slowly.
      const rest = body.subarray(third);
      const step = Math.ceil(rest.length / 6);
      for (let i = 0; i < rest.length; i += step) {
        await write(upload, rest.subarray(i, i + step));
        await sleep(150);
      }
      const res = await Promise.race([upload.response, sleep(15_000).then(() => null)]);
      assert.ok(res, 'the upload got an answer');
      assert.equal(res.status, 201, res.raw.slice(0, 600));
      assert.match(res.headers.connection ?? '', /close/i);
      const createdId = JSON.parse(res.body).id;
      assert.ok(createdId > 0);

      const exit = await Promise.race([server.exited, sleep(10_000).then(() => null)]);
      assert.ok(exit, 'the process exited promptly after the last request');
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(Date.now() - termAt < 12_000);
      assert.match(server.log, /stopped cleanly/);
      assert.equal(await connectOutcome(server.port), 'ECONNREFUSED');

      // What was answered was committed.
      const again = await env.start();
      const u = await new Client(again.base).get(`/api/v1/units/${createdId}`);
      assert.equal(u.status, 200);
      assert.equal(u.json().name, '停机时提交的单位');
    });

    test('SIGTERM with many half-sent requests: each is finished and answered, then exit 0', async () => {
      const server = await env.start();
      const paths = ['/', '/units', '/api/v1/units', '/healthz', '/static/css/site.css', '/no-such-page'];
      const socks = await Promise.all(Array.from({ length: 12 }, () => openSocket(server.port)));
      // Everything but the blank line that ends the header: each request is in the server's hands, unfinished.
      await Promise.all(socks.map((s, i) => write(s, `GET ${paths[i % paths.length]} HTTP/1.1\r\nHost: localhost\r\n`)));
      await sleep(1000);
      server.proc.kill('SIGTERM');
      await sleep(300);
      assert.equal(await connectOutcome(server.port), 'ECONNREFUSED');
      await Promise.all(socks.map((s) => write(s, 'Accept: text/html\r\n\r\n')));
      const answers = await Promise.all(socks.map((s) => s.response));
      answers.forEach((a, i) => {
        const want = paths[i % paths.length] === '/no-such-page' ? 404 : 200;
        assert.equal(a.status, want, `${paths[i % paths.length]}: ${a.raw.slice(0, 200)}`);
        assert.match(a.headers.connection ?? '', /close/i);
      });
      const exit = await Promise.race([server.exited, sleep(10_000).then(() => null)]);
      assert.deepEqual(exit, { code: 0, signal: null });
    });
  });
}
