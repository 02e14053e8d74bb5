// Two app nodes on one database (one PostgreSQL database; one SQLite file): sessions and the CSRF secret live in
// the database, so a login on node A works on node B, B's form token is accepted, and A sees B's writes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, csrfToken, field, formFields, login, setField } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

for (const backend of BACKENDS) {
  describe(`two nodes on one database [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, a, b, unitId;

    before(async () => {
      env = await Env.create(backend, 'cluster');
      [a, b] = await Promise.all([env.start(), env.start()]);
      const units = (await new Client(a.base).get('/api/v1/units')).json().items;
      unitId = units.find((u) => u.name === '区水利局').id;
    });
    after(() => env?.close());

    test('log in on A, edit on B with B\'s form token, see the change on A', async () => {
      assert.notEqual(a.port, b.port);
      const onA = await login(a.base, 'supervisor', env.accounts.supervisor);
      const onB = onA.on(b.base);
      const formB = await onB.form(`/console/units/${unitId}/edit`, `/console/units/${unitId}`);
      assert.match(formB.res.text, /林公开/, 'B knows who is signed in');
      const formA = await onA.form(`/console/units/${unitId}/edit`, `/console/units/${unitId}`);
      assert.equal(formB.csrf, formA.csrf, 'both nodes derive the same token from the shared secret');

      const before = (await new Client(a.base).get(`/api/v1/units/${unitId}`)).json();
      const r = await onB.post(`/console/units/${unitId}`,
        setField(setField(formB.fields, 'phone', '0571-85550001'), 'office_hours', '工作日 9:00—17:00（B 节点修改）'));
      assert.equal(r.status, 303, r.text.slice(0, 400));

      const seenOnA = (await new Client(a.base).get(`/api/v1/units/${unitId}`)).json();
      assert.equal(seenOnA.phone, '0571-85550001');
      assert.equal(seenOnA.office_hours, '工作日 9:00—17:00（B 节点修改）');
      assert.equal(seenOnA.version, before.version + 1);
      const page = await new Client(a.base).get(`/units/${unitId}`);
      assert.ok(page.text.includes('工作日 9:00—17:00（B 节点修改）'));

      // A's stale form (old version) is refused on A: the lock is in the database, not in a node.
      const stale = await onA.post(`/console/units/${unitId}`, setField(formA.fields, 'phone', '0571-85550002'));
      assert.equal(stale.status, 409);
      assert.equal(field(formA.fields, 'version'), String(before.version));

      const audit = await onA.get(`/console/audit?entity_type=unit&entity_id=${unitId}`);
      assert.match(audit.text, /修改单位信息/);
      assert.match(audit.text, /0571-85550001/);
    });

    test('an anonymous CSRF cookie from A is valid on B; logout on B ends the session on A', async () => {
      const visitor = new Client(a.base);
      const token = csrfToken((await visitor.get('/login')).text);
      const onB = visitor.on(b.base);
      const r = await onB.post('/login', { _csrf: token, next: '', username: 'admin', password: env.accounts.admin });
      assert.equal(r.status, 303);
      const onA = onB.on(a.base);
      const home = await onA.get('/console');
      assert.equal(home.status, 200);
      assert.match(home.text, /赵系统/);
      const out = await onB.post('/logout', { _csrf: csrfToken(home.text) });
      assert.equal(out.status, 303);
      const after = await onA.get('/console');
      assert.equal(after.status, 303);
      assert.match(after.location, /^\/login/);
    });

    test('B\'s cached search answers give way as soon as A withdraws a document (the index generation is shared)', async () => {
      const q = encodeURIComponent('学校安全大检查');
      const onB = new Client(b.base);
      const first = (await onB.get('/api/v1/search?q=' + q)).json();
      assert.equal(first.total, 1, JSON.stringify(first).slice(0, 300));
      const again = (await onB.get('/api/v1/search?q=' + q)).json();
      assert.deepEqual(again.items.map((i) => i.record_id), first.items.map((i) => i.record_id), 'the same answer, from B\'s cache');
      const id = first.items[0].record_id;
      const reviewer = await login(a.base, 'reviewer', env.accounts.reviewer);
      const page = await reviewer.get(`/console/documents/${id}`);
      assert.equal(page.status, 200);
      const fields = setField(formFields(page.text, `/console/documents/${id}/withdraw`), 'reason', '内容已过时，撤回。');
      const w = await reviewer.post(`/console/documents/${id}/withdraw`, fields);
      assert.equal(w.status, 303, w.text.slice(0, 400));
      const onBAfter = (await onB.get('/api/v1/search?q=' + q)).json();
      assert.ok(onBAfter.items.every((i) => i.record_id !== id), 'B no longer answers with the withdrawn document');
    });

    test('both nodes are healthy and report the same backend', async () => {
      for (const s of [a, b]) {
        const h = (await new Client(s.base).get('/healthz')).json();
        assert.deepEqual(h, { status: 'ok', database: 'ok', backend });
      }
    });
  });
}
