// The command line: migrate is idempotent, demo is idempotent, backup writes a readable SQLite copy, serve --help
// lists its options, bad arguments fail with a message.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, login } from './lib/http.mjs';
import { BACKENDS, BIN, run, TestDatabase, TestServer, unavailable } from './lib/server.mjs';

describe('gongkai --help and serve --help', { skip: unavailable('sqlite') }, () => {
  test('serve --help lists the options', async () => {
    const r = await run(BIN, ['serve', '--help']);
    assert.equal(r.code, 0, r.stderr);
    for (const opt of ['--port', '--address', '--workers', '--body-limit-mb', '--request-timeout', '--idle-timeout',
      '--max-connections', '--page-cache-seconds', '--port-file', '--trust-proxy', '--secure-cookies']) {
      assert.ok(r.stdout.includes(opt), `serve --help mentions ${opt}`);
    }
    assert.match(r.stdout, /GONGKAI_PORT/, 'environment variables are named');
    const top = await run(BIN, ['--help']);
    assert.equal(top.code, 0);
    for (const word of ['serve', 'migrate', 'demo', 'user', 'backup', '--data', '--database']) assert.ok(top.stdout.includes(word), word);
  });

  test('bad arguments fail with a message, not a crash', async () => {
    const none = await run(BIN, []);
    assert.notEqual(none.code, 0);
    const port = await run(BIN, ['serve', '--port', '70000']);
    assert.notEqual(port.code, 0);
    assert.match(port.stderr + port.stdout, /port/i);
    const unknown = await run(BIN, ['frobnicate']);
    assert.notEqual(unknown.code, 0);
  });
});

for (const backend of BACKENDS) {
  describe(`command line [${backend}]`, { skip: unavailable(backend) }, () => {
    let db;
    before(async () => { db = await TestDatabase.create(backend, 'cli'); });
    after(() => db?.cleanup());

    test('migrate twice: the second run applies nothing and changes nothing', async () => {
      const first = await db.cli(['migrate']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stderr, /0001_foundation/, 'the first run applies the migrations');
      assert.match(first.stdout, /数据库已是最新结构/);
      const count = async (table) => {
        const r = await db.sql(`SELECT count(*) FROM ${table}`);
        assert.equal(r.code, 0, r.stderr);
        return Number(r.stdout.trim());
      };
      const migrations = await count('schema_migrations');
      assert.ok(migrations >= 1);
      const second = await db.cli(['migrate']);
      assert.equal(second.code, 0, second.stderr);
      assert.doesNotMatch(second.stderr, /applied|0001_foundation/, 'the second run applies nothing');
      assert.match(second.stdout, /数据库已是最新结构/);
      assert.equal(await count('schema_migrations'), migrations);
      assert.equal(await count('units'), 0);
    });

    test('demo twice: the second run creates nothing new', async () => {
      const first = await db.cli(['demo']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /新建单位 41 个、账号 8 个/);
      const second = await db.cli(['demo']);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /新建单位 0 个、账号 0 个/);
      const r = await db.sql('SELECT count(*) FROM units');
      assert.equal(r.stdout.trim(), '41');
    });

    test('user add refuses unknown roles and units', async () => {
      const role = await db.cli(['user', 'add', '--username', 'zhang.san', '--name', '张三', '--unit', '1', '--role', 'emperor', '--password', 'Good-Pass-2026']);
      assert.equal(role.code, 1);
      assert.match(role.stderr, /未知角色：emperor/);
      const unit = await db.cli(['user', 'add', '--username', 'zhang.san', '--name', '张三', '--unit', '不存在的单位', '--role', 'editor', '--password', 'Good-Pass-2026']);
      assert.equal(unit.code, 1);
      assert.match(unit.stderr, /找不到单位/);
      const byName = await db.cli(['user', 'add', '--username', 'zhang.san', '--name', '张三', '--unit', '区教育局', '--role', 'editor', '--role', 'reviewer'],
        { env: { GONGKAI_PASSWORD: 'Good-Pass-2026' } });
      assert.equal(byName.code, 0, byName.stderr);
    });

    if (backend === 'sqlite') {
      test('backup --out writes a consistent SQLite copy, also while the server runs', async () => {
        const server = await TestServer.start(db);
        try {
          // A write through the server just before the backup must be in it.
          const sup = await login(server.base, 'supervisor', 'Gongkai-2026-6');
          const { csrf } = await sup.form('/console/units/new', '/console/units');
          const made = await sup.post('/console/units', { _csrf: csrf, parent_id: '1', kind: 'department', name: '备份前新建的单位', active: '1' },
            { headers: { accept: 'application/json' } });
          assert.equal(made.status, 201);

          const out = path.join(db.dir, 'backup-1.db');
          const r = await db.cli(['backup', '--out', out]);
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stdout, /备份完成/);
          assert.ok(existsSync(out));
          const units = await run('sqlite3', [out, 'select count(*) from units']);
          assert.equal(units.code, 0, units.stderr);
          assert.equal(units.stdout.trim(), '42');
          const named = await run('sqlite3', [out, "select count(*) from units where name = '备份前新建的单位'"]);
          assert.equal(named.stdout.trim(), '1');
          const integrity = await run('sqlite3', [out, 'PRAGMA integrity_check']);
          assert.equal(integrity.stdout.trim(), 'ok');

          const again = await db.cli(['backup', '--out', out]);
          assert.equal(again.code, 1);
          assert.match(again.stderr, /目标文件已存在/);

          const dflt = await db.cli(['backup']);
          assert.equal(dflt.code, 0, dflt.stderr);
          const file = dflt.stdout.match(/备份完成：(.*)/)[1].trim();
          assert.ok(file.startsWith(path.join(db.dir, 'backups')), file);
          assert.equal((await run('sqlite3', [file, 'select count(*) from users'])).stdout.trim(), '9');
          assert.equal((await new Client(server.base).get('/healthz')).status, 200, 'server unaffected');
        } finally {
          const e = await server.stop();
          assert.deepEqual(e, { code: 0, signal: null });
        }
      });
    } else {
      test('backup on PostgreSQL points to pg_dump', async () => {
        const r = await db.cli(['backup', '--out', path.join(db.dir, 'x.db')]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /pg_dump/);
        assert.ok(!existsSync(path.join(db.dir, 'x.db')));
      });
    }
  });
}
