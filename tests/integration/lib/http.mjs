// A small HTTP client for the tests: built-in fetch with manual redirects and a manual cookie jar, raw-socket
// requests for what fetch will not send (malformed HTTP, dot segments), and HTML form scraping.
import assert from 'node:assert/strict';
import net from 'node:net';

// What one response looked like, with the body read as text.
export class Res {
  constructor(res, text) {
    this.status = res.status;
    this.headers = res.headers;
    this.text = text;
  }
  header(name) { return this.headers.get(name); }
  json() { return JSON.parse(this.text); }
  get location() { return this.headers.get('location'); }
}

// A browser-like visitor: keeps cookies between requests, never follows redirects by itself.
export class Client {
  constructor(base, cookies = new Map()) {
    this.base = base;
    this.cookies = cookies;
  }

  // The same visitor (same cookies, copied) talking to another node.
  on(base) { return new Client(base, new Map(this.cookies)); }

  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }

  remember(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  // options: method, headers, body (string/Buffer/URLSearchParams), form (object or [[k, v]...] → urlencoded).
  async request(path, { method = 'GET', headers = {}, body, form, cookies = true } = {}) {
    const h = { ...headers };
    if (form !== undefined) {
      body = new URLSearchParams(form).toString();
      h['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    if (cookies && this.cookies.size && h.cookie === undefined) h.cookie = this.cookieHeader();
    const res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
    const text = await res.text();
    this.remember(res);
    return new Res(res, text);
  }

  get(path, opts = {}) { return this.request(path, { ...opts, method: 'GET' }); }
  post(path, form, opts = {}) { return this.request(path, { ...opts, method: 'POST', form }); }

  // GETs a page and returns { res, csrf, fields } for its form (the one whose action matches, or the first).
  async form(path, action) {
    const res = await this.get(path);
    assert.equal(res.status, 200, `GET ${path} → ${res.status}: ${res.text.slice(0, 300)}`);
    return { res, csrf: csrfToken(res.text), fields: formFields(res.text, action) };
  }
}

// Logs in through the form and returns the signed-in client. Throws unless the server set a session cookie.
export async function login(base, username, password, { expectStatus = 303 } = {}) {
  const c = new Client(base);
  const page = await c.get('/login');
  assert.equal(page.status, 200);
  const r = await c.post('/login', { _csrf: csrfToken(page.text), next: '', username, password });
  assert.equal(r.status, expectStatus, `login ${username} → ${r.status}: ${r.text.slice(0, 500)}`);
  assert.ok(c.cookies.get('gk_session'), `login ${username}: no session cookie`);
  return c;
}

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (m, e) => {
    const l = e.toLowerCase();
    if (l[0] === '#') return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[l];
  });
}

export function csrfToken(html) {
  const m = html.match(/name="_csrf" value="([^"]*)"/);
  assert.ok(m && m[1], 'page has no _csrf field');
  return decodeEntities(m[1]);
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/g)) {
    out[m[1].toLowerCase()] = m[2] === undefined ? '' : decodeEntities(m[2]);
  }
  return out;
}

// The name/value pairs a browser would submit for a form, in document order (repeated names kept): text inputs,
// hidden inputs, checked checkboxes, textareas and each select's selected (else first) option.
export function formFields(html, action) {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  // Without an action: the page's main form (a post form other than the header's logout form).
  const form = action ? forms.find((f) => attrs(f[1]).action === action)
    : forms.find((f) => /method="post"/i.test(f[1]) && attrs(f[1]).action !== '/logout');
  assert.ok(form, `no form${action ? ' for ' + action : ''} on the page`);
  const pairs = [];
  for (const m of form[2].matchAll(/<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    if (m[1] !== undefined) {
      const a = attrs(m[1]);
      if (!a.name || a.disabled !== undefined) continue;
      const type = (a.type || 'text').toLowerCase();
      if ((type === 'checkbox' || type === 'radio') && a.checked === undefined) continue;
      if (type === 'submit' || type === 'button' || type === 'file') continue;
      pairs.push([a.name, a.value ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (m[2] !== undefined) {
      const a = attrs(m[2]);
      if (a.name) pairs.push([a.name, decodeEntities(m[3]).replace(/^\r?\n/, '')]);
    } else {
      const a = attrs(m[4]);
      if (!a.name) continue;
      const options = [...m[5].matchAll(/<option\b([^>]*)>/g)].map((o) => attrs(o[1]));
      const chosen = options.find((o) => o.selected !== undefined) ?? options[0];
      if (chosen) pairs.push([a.name, chosen.value ?? '']);
    }
  }
  return pairs;
}

// Sets every field named `name` (there is one, except for checkbox pairs) to `value`.
export function setField(pairs, name, value) {
  let found = false;
  const out = pairs.map(([k, v]) => {
    if (k !== name) return [k, v];
    found = true;
    return [k, value];
  });
  if (!found) throw new Error(`form has no field ${name}`);
  return out;
}

export function field(pairs, name) {
  const p = pairs.find(([k]) => k === name);
  return p ? p[1] : undefined;
}

export function assertSecurityHeaders(res, what = '') {
  const h = (n) => (res.headers.get ? res.headers.get(n) : res.headers[n]);
  const csp = h('content-security-policy');
  assert.ok(csp && /default-src 'self'/.test(csp) && /frame-ancestors 'none'/.test(csp), `${what}: CSP missing (${csp})`);
  assert.equal(h('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(h('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.ok(h('referrer-policy'), `${what}: Referrer-Policy`);
}

// Sends raw bytes over a new TCP connection and collects everything until the server closes (or timeoutMs).
// Resolves with { raw, status, headers, body, closed, ms, error }.
export function rawRequest(port, chunks, { timeoutMs = 10_000, delayMs = 0, halfClose = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = net.connect(port, '127.0.0.1');
    const bufs = [];
    let done = false, error = null;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ ...parseRawResponse(Buffer.concat(bufs)), closed, error, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    sock.on('data', (d) => bufs.push(d));
    sock.on('error', (e) => { error = e.code || String(e); });
    sock.on('close', () => finish(true));
    sock.on('connect', async () => {
      const list = Array.isArray(chunks) ? chunks : [chunks];
      for (const c of list) {
        if (sock.destroyed) break;
        sock.write(c);
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      }
      if (halfClose && !sock.destroyed) sock.end();
    });
  });
}

export function parseRawResponse(buf) {
  const raw = buf.toString('latin1');
  const end = raw.indexOf('\r\n\r\n');
  if (!raw.startsWith('HTTP/') || end < 0) return { raw, status: 0, headers: {}, body: '' };
  const lines = raw.slice(0, end).split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { raw, status, headers, body: Buffer.from(raw.slice(end + 4), 'latin1').toString('utf8') };
}
