// Shared helpers for the browser tests: a real gongkai server on a fresh demo data folder, Debian's Chromium driven
// by playwright-core (never a downloaded browser), axe-core checks and screenshots.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const SHOTS = process.env.GONGKAI_SHOTS || '/tmp/gk-shots';
export const DISTRICT = '临江区人民政府';
// Demo accounts, in the order `gongkai demo` creates them (passwords Gongkai-2026-1 … -8).
const DEMO_USERS = ['editor', 'reviewer', 'handler', 'mailbox', 'unitadmin', 'supervisor', 'admin', 'eduhandler'];
export const password = (username) => `Gongkai-2026-${DEMO_USERS.indexOf(username) + 1}`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const PG_ADMIN_URL = process.env.GONGKAI_TEST_PG_URL || '';

function binary() {
  const bin = process.env.GONGKAI_BIN;
  assert.ok(bin, 'GONGKAI_BIN must name the gongkai binary (scripts/test.sh sets it)');
  return bin;
}

// The server's environment: ours without GONGKAI_* settings that would change what the tests ask for, except
// GONGKAI_ASSETS (while iterating, GONGKAI_ASSETS=/work/main serves templates and static files from the tree).
function childEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('GONGKAI_') || k === 'GONGKAI_ASSETS') env[k] = v;
  }
  env.ASAN_OPTIONS ??= 'detect_leaks=0:abort_on_error=1:halt_on_error=1';
  env.UBSAN_OPTIONS ??= 'print_stacktrace=1:halt_on_error=1';
  return env;
}

const live = new Set(); // servers still running: killed if the test process ends without stopping them
process.on('exit', () => {
  for (const p of live) {
    try { p.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

function runToEnd(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

const psql = (url, sql) => runToEnd('psql', [url, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-t', '-A', '-c', sql]);

// Seeds a fresh store with the demo district and starts `gongkai serve` on a free port. backend 'postgresql' uses a
// new database on the cluster in GONGKAI_TEST_PG_URL (falling back to SQLite when that is not set).
// `serveArgs` are added to `gongkai serve` (e.g. the SMTP sink's address).
export async function startServer({ backend = 'sqlite', serveArgs = [] } = {}) {
  const bin = binary();
  const dir = await mkdtemp(join(tmpdir(), 'gk-browser-'));
  const data = join(dir, 'data');
  await mkdir(data);
  let pgName = '';
  const args = ['--data', data];
  if (backend === 'postgresql' && PG_ADMIN_URL) {
    pgName = `gk_browser_${process.pid}_${Date.now()}`;
    await psql(PG_ADMIN_URL, `CREATE DATABASE ${pgName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${pgName}`;
    args.push('--database', url.toString());
  } else {
    backend = 'sqlite';
  }
  await runToEnd(bin, [...args, 'demo']);
  const portFile = join(dir, 'port');
  const proc = spawn(bin, [...args, 'serve', '--port', '0', '--port-file', portFile, '--page-cache-seconds', '0', ...serveArgs], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  let log = '';
  const keep = (d) => {
    log += d;
    if (log.length > 400_000) log = log.slice(-200_000);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  let exited = null;
  proc.on('exit', (code, signal) => {
    exited = { code, signal };
    live.delete(proc);
  });

  let port = 0;
  for (let i = 0; i < 600 && !port; i++) {
    if (exited) throw new Error(`gongkai serve exited early (${JSON.stringify(exited)}):\n${log}`);
    try {
      port = Number((await readFile(portFile, 'utf8')).trim()) || 0;
    } catch {
      /* not yet written */
    }
    if (!port) await sleep(50);
  }
  assert.ok(port, `gongkai serve wrote no port file within 30 s:\n${log}`);
  console.log(`server on ${backend}: http://127.0.0.1:${port}`);
  return {
    backend,
    data,
    base: `http://127.0.0.1:${port}`,
    log: () => log,
    // Sanitizer reports or crashes show up here; every suite checks it before it stops the server.
    assertHealthy() {
      assert.equal(exited, null, `server exited: ${JSON.stringify(exited)}\n${log.slice(-5000)}`);
      assert.doesNotMatch(log, /AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:/, log.slice(-5000));
    },
    async stop() {
      if (exited === null) {
        proc.kill('SIGTERM');
        for (let i = 0; i < 100 && exited === null; i++) await sleep(50);
        if (exited === null) proc.kill('SIGKILL');
      }
      if (pgName) await psql(PG_ADMIN_URL, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// axe-core needs JavaScript in the page to run, so contexts have it on by default; the pages themselves carry no
// inline script and work without any (see expectNoScripts), and the no-JavaScript test switches it off to walk the forms.
export async function newContext(browser, base, options = {}) {
  return browser.newContext({ baseURL: base, locale: 'zh-CN', ...options });
}

// Fails on any axe-core violation of impact serious or critical against WCAG 2.0/2.1 A and AA; lesser findings are
// printed so they are seen, not silently accepted.
export async function expectAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const describe = (v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`;
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter((v) => !blocking.includes(v));
  console.log(`axe ${label}: ${results.passes.length} rules pass, ${results.violations.length} violations` +
              (minor.length ? ` (non-blocking: ${minor.map((v) => `${v.impact} ${v.id}`).join(', ')})` : ''));
  assert.deepEqual(blocking.map(describe), [], `axe-core found serious/critical violations on ${label} (${page.url()})`);
}

// Every page is plain server-rendered HTML. The only script allowed is the dashboard charts bundle, loaded from
// /static/js/ (never inline), and only on a page that has a chart to draw; its tables carry the same numbers.
export async function expectNoScripts(page) {
  const scripts = await page.locator('script').evaluateAll((list) => list.map((s) => ({ src: s.getAttribute('src'), text: s.textContent })));
  const charts = await page.locator('[data-chart]').count();
  for (const s of scripts) {
    assert.ok(s.src && s.src.startsWith('/static/js/') && !s.text.trim(), `${page.url()} contains an inline or foreign <script>`);
    assert.ok(charts > 0, `${page.url()} loads ${s.src} but has no chart`);
  }
}

export async function shot(page, name, { fullPage = true } = {}) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

// Visits a page and checks what every page must satisfy: expected status, one h1, no scripts, axe-clean.
export async function visit(page, path, label, { status = 200 } = {}) {
  const response = await page.goto(path);
  assert.equal(response.status(), status, `${path} answered ${response.status()}`);
  await expectPageBasics(page, label);
  return response;
}

export async function expectPageBasics(page, label) {
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.locator('h1').count(), 1, `${label}: exactly one h1`);
  assert.match(await page.title(), new RegExp(DISTRICT), `${label}: title names the district`);
  await expectNoScripts(page);
  await expectAccessible(page, label);
}

export async function login(page, username) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password(username));
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '登录' }).click()]);
}

// The page is no wider than the viewport (no horizontal scrolling on a phone).
export async function expectNoHorizontalScroll(page, label) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${label}: page is ${scroll}px wide in a ${client}px viewport`);
}
