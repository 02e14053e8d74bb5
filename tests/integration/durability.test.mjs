// Durability: SIGKILL in the middle of a stream of writes; after a restart every acknowledged write is there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, login } from './lib/http.mjs';
import { BACKENDS, Env, sleep, unavailable } from './lib/server.mjs';

const WRITERS = 4;
const KILL_AFTER_ACKS = 40;

for (const backend of BACKENDS) {
  describe(`durability under SIGKILL [${backend}]`, { skip: unavailable(backend) }, () => {
    let env;

    before(async () => { env = await Env.create(backend, 'durable'); });
    after(() => env?.close());

    test('every unit acknowledged with 201 before the kill exists after the restart', async () => {
      const first = await env.start();
      const sup = await login(first.base, 'supervisor', env.accounts.supervisor);
      const { csrf } = await sup.form('/console/units/new', '/console/units');
      const units = (await new Client(first.base).get('/api/v1/units')).json().items;
      const rootId = units.find((u) => u.kind === 'government').id;

      const acked = new Map();  // id → name
      let attempted = 0, killing = false;
      const unexpected = [];
      const writer = async (w) => {
        for (let i = 0; !killing; i++) {
          const name = `耐久测试单位-${w}-${i}`;
          attempted++;
          try {
            const r = await sup.post('/console/units', { _csrf: csrf, parent_id: String(rootId), kind: 'department', name, active: '1' },
              { headers: { accept: 'application/json' } });
            if (r.status !== 201) throw new Error(`${r.status} ${r.text.slice(0, 200)}`);
            acked.set(r.json().id, name);
          } catch (e) {
            if (!killing) unexpected.push(String(e.cause ?? e));  // only failures caused by the kill are expected
            return;
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      const deadline = Date.now() + 60_000;
      while (acked.size < KILL_AFTER_ACKS && Date.now() < deadline) await sleep(5);
      const ackedAtKill = acked.size;
      killing = true;
      await first.kill();  // SIGKILL while the writers keep sending
      await Promise.all(writers);
      assert.deepEqual(unexpected, []);
      assert.ok(ackedAtKill >= KILL_AFTER_ACKS, `only ${ackedAtKill} writes acknowledged before the deadline`);
      assert.equal(first.exit.signal, 'SIGKILL');

      const second = await env.start();
      const after = new Map((await new Client(second.base).get('/api/v1/units')).json().items.map((u) => [u.id, u.name]));
      for (const [unitId, name] of acked) assert.equal(after.get(unitId), name, `acknowledged unit ${unitId} (${name}) survived`);
      const stored = [...after.values()].filter((n) => n.startsWith('耐久测试单位-')).length;
      assert.ok(stored >= acked.size && stored <= attempted, `${stored} stored, ${acked.size} acknowledged, ${attempted} attempted`);

      // The session lives in the database too: the same cookie keeps working after the restart, and writes go on.
      const again = sup.on(second.base);
      const r = await again.post('/console/units', { _csrf: csrf, parent_id: String(rootId), kind: 'department', name: '重启后新建单位', active: '1' },
        { headers: { accept: 'application/json' } });
      assert.equal(r.status, 201);
      if (backend === 'sqlite') {
        const check = await env.db.sql('PRAGMA integrity_check');
        assert.equal(check.stdout.trim(), 'ok');
      }
      const audit = await env.db.sql("SELECT count(*) FROM audit_log WHERE action = 'unit.create' AND entity_label LIKE '耐久测试单位-%'");
      assert.equal(Number(audit.stdout.trim()), stored, 'one audit entry per stored unit, committed together');
    });
  });
}
