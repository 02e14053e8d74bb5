// Starting the real `gongkai` binary for integration tests: a fresh database per test group on either backend
// (SQLite: a temp data folder; PostgreSQL: a database created for the test on the server in GONGKAI_TEST_PG_URL),
// seeded with `gongkai demo`, served on a free port (`--port 0 --port-file F`).
//
// Everything started here is tracked and killed when the test process exits, even if a test forgets to.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const BIN = process.env.GONGKAI_BIN || path.join(ROOT, 'build-test/gongkai');
export const PG_ADMIN_URL = process.env.GONGKAI_TEST_PG_URL || '';
export const BACKENDS = ['sqlite', 'postgresql'];

// Why a backend cannot run here (node:test `skip` shows the string), or false when it can.
export function unavailable(backend) {
  if (!existsSync(BIN)) return `gongkai binary not found at ${BIN} (set GONGKAI_BIN)`;
  if (backend === 'postgresql' && !PG_ADMIN_URL) return 'GONGKAI_TEST_PG_URL is not set';
  return false;
}

// The child's environment: ours without GONGKAI_* settings that would change what the tests ask for.
function childEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('GONGKAI_')) env[k] = v;
  }
  env.ASAN_OPTIONS ??= 'detect_leaks=0:abort_on_error=1:halt_on_error=1';
  env.UBSAN_OPTIONS ??= 'print_stacktrace=1:halt_on_error=1';
  return { ...env, ...extra };
}

const live = new Set();  // child processes still running
process.on('exit', () => {
  for (const p of live) {
    try { p.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

// Runs a command and resolves with { code, signal, stdout, stderr } (never rejects on a non-zero exit).
export function run(cmd, args, { input, env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(p);
    let stdout = '', stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    p.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => { clearTimeout(timer); live.delete(p); reject(e); });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(p);
      resolve({ code, signal, stdout, stderr });
    });
    p.stdin.on('error', () => {});  // a child that exits without reading its input
    p.stdin.end(input ?? '');
  });
}

// psql against the test cluster (admin URL unless a database URL is given); ON_ERROR_STOP so failures exit 3.
export function psql(sql, url = PG_ADMIN_URL) {
  return run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-t', '-A', '-c', sql]);
}

let dbCounter = 0;

// One database on one backend, in a temp folder that also holds port files and backups.
export class TestDatabase {
  static async create(backend, label = 'db') {
    const reason = unavailable(backend);
    if (reason) throw new Error(reason);
    const db = new TestDatabase();
    db.backend = backend;
    db.dir = await mkdtemp(path.join(os.tmpdir(), `gongkai-it-${label}-`));
    if (backend === 'postgresql') {
      const rnd = Math.random().toString(36).slice(2, 8);
      db.name = `gk_it_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${++dbCounter}_${rnd}`;
      const r = await psql(`CREATE DATABASE ${db.name}`);
      if (r.code !== 0) throw new Error(`CREATE DATABASE failed: ${r.stderr}`);
      const u = new URL(PG_ADMIN_URL);
      u.pathname = '/' + db.name;
      db.url = u.toString();
    } else {
      db.sqliteFile = path.join(db.dir, 'gongkai.db');
    }
    return db;
  }

  // Global options naming this database, placed before the subcommand.
  args() {
    return this.backend === 'postgresql' ? ['--data', this.dir, '--database', this.url] : ['--data', this.dir];
  }

  cli(args, opts) { return run(BIN, [...this.args(), ...args], opts); }

  // Runs SQL directly on the database (sqlite3 CLI or psql), bypassing the application.
  sql(statement) {
    return this.backend === 'postgresql' ? psql(statement, this.url) : run('sqlite3', ['-bail', '-cmd', '.timeout 10000', this.sqliteFile, statement]);
  }

  // `gongkai demo`: returns { username: password } parsed from what it prints.
  async seedDemo() {
    const r = await this.cli(['demo']);
    if (r.code !== 0) throw new Error(`gongkai demo failed (${r.code}): ${r.stderr}\n${r.stdout}`);
    const accounts = {};
    for (const m of r.stdout.matchAll(/^\s+([a-z][a-z0-9._-]*)\s+密码\s+(\S+)/gm)) accounts[m[1]] = m[2];
    return accounts;
  }

  async cleanup() {
    if (this.backend === 'postgresql' && this.name) {
      await psql(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let serverCounter = 0;

// A running `gongkai serve`.
export class TestServer {
  // options: pageCache (seconds, default 0), args (extra serve options), env.
  static async start(db, { pageCache = 0, args = [], env } = {}) {
    const s = new TestServer();
    s.db = db;
    s.portFile = path.join(db.dir, `port-${process.pid}-${++serverCounter}`);
    const serveArgs = ['serve', '--port', '0', '--port-file', s.portFile, '--page-cache-seconds', String(pageCache), ...args];
    s.proc = spawn(BIN, [...db.args(), ...serveArgs], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(s.proc);
    s.log = '';
    const keep = (d) => {
      s.log += d;
      if (s.log.length > 400_000) s.log = s.log.slice(-200_000);
    };
    s.proc.stdout.setEncoding('utf8').on('data', keep);
    s.proc.stderr.setEncoding('utf8').on('data', keep);
    s.exited = new Promise((resolve) => {
      s.proc.on('exit', (code, signal) => {
        live.delete(s.proc);
        s.exit = { code, signal };
        resolve(s.exit);
      });
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (s.exit) throw new Error(`gongkai serve exited early (${JSON.stringify(s.exit)}):\n${s.log}`);
      if (existsSync(s.portFile)) {
        const text = (await readFile(s.portFile, 'utf8')).trim();
        if (/^\d+$/.test(text)) {
          s.port = Number(text);
          break;
        }
      }
      if (Date.now() > deadline) {
        s.proc.kill('SIGKILL');
        throw new Error(`gongkai serve did not write its port file in time:\n${s.log}`);
      }
      await sleep(30);
    }
    s.base = `http://127.0.0.1:${s.port}`;
    return s;
  }

  get pid() { return this.proc.pid; }

  // Sends SIGTERM and waits for the exit; SIGKILL if it takes longer than timeoutMs. Resolves with the exit.
  async stop(timeoutMs = 15_000) {
    if (this.exit) return this.exit;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    const e = await this.exited;
    clearTimeout(timer);
    return e;
  }

  async kill() {
    if (this.exit) return this.exit;
    this.killedOnPurpose = true;
    this.proc.kill('SIGKILL');
    return this.exited;
  }
}

// A database and the servers started on it, released together: `const env = await Env.create(...)`, then
// `after(() => env.close())`.
export class Env {
  static async create(backend, label, { demo = true } = {}) {
    const e = new Env();
    e.db = await TestDatabase.create(backend, label);
    e.servers = [];
    e.accounts = demo ? await e.db.seedDemo() : {};
    return e;
  }

  async start(options) {
    const s = await TestServer.start(this.db, options);
    this.servers.push(s);
    return s;
  }

  // Stops every server, drops the database and removes the folder. Throws (failing the `after` hook) when a
  // server crashed, exited non-zero after SIGTERM, or logged a sanitizer report.
  async close() {
    const problems = [];
    for (const s of this.servers) {
      const e = await s.stop().catch((err) => ({ error: String(err) }));
      const sanitizer = /AddressSanitizer|LeakSanitizer|runtime error:/.test(s.log);
      if (sanitizer || (!s.killedOnPurpose && e.code !== 0)) {
        problems.push(`server on port ${s.port} ended with ${JSON.stringify(e)}:\n${s.log.slice(-6000)}`);
      }
    }
    await this.db.cleanup();
    if (problems.length) throw new Error(problems.join('\n\n'));
  }
}

export { sleep };
