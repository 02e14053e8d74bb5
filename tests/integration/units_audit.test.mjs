// Units and the audit log: a supervisor's edit reaches the public page and the audit log with before and after;
// invalid input is shown on the form with the typed values kept; optimistic locking; creating units; and the
// audit_log table itself refuses UPDATE and DELETE.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, field, login, setField } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

const inputValue = (html, name) => {
  const m = html.match(new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`));
  return m && (m[0].match(/value="([^"]*)"/) || [])[1];
};

for (const backend of BACKENDS) {
  describe(`units and audit [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, sup, units;
    const anon = () => new Client(server.base);
    const id = (name) => units.find((u) => u.name === name).id;
    const api = async (unitId) => {
      const r = await anon().get(`/api/v1/units/${unitId}`);
      assert.equal(r.status, 200, `unit ${unitId}: ${r.text}`);
      return r.json();
    };
    const editForm = (unitId) => sup.form(`/console/units/${unitId}/edit`, `/console/units/${unitId}`);
    const withFields = (pairs, changes) => Object.entries(changes).reduce((p, [k, v]) => setField(p, k, v), pairs);

    before(async () => {
      env = await Env.create(backend, 'units');
      server = await env.start();  // --page-cache-seconds 0: public pages read back our own writes at once
      sup = await login(server.base, 'supervisor', env.accounts.supervisor);
      units = (await anon().get('/api/v1/units')).json().items;
    });
    after(() => env?.close());

    test('supervisor edits a unit: public page and API show it, audit lists 修改单位信息 with before/after', async () => {
      const unitId = id('区民政局');
      const before = await api(unitId);
      const { fields } = await editForm(unitId);
      assert.equal(field(fields, 'name'), '区民政局');
      assert.equal(field(fields, 'version'), String(before.version));
      const changed = withFields(fields, {
        address: '临江区民生路 88 号',
        phone: '0571-86668888',
        head_name: '孙卫东',
        functions: '负责社会救助和养老服务。\n负责婚姻登记 & 殡葬管理 <重点>。',
        leaders: '孙卫东｜局长｜主持全面工作\n周敏｜副局长｜分管社会救助',
        disclosure_email: 'gongkai@minzheng.example',
      });
      const r = await sup.post(`/console/units/${unitId}`, changed);
      assert.equal(r.status, 303, r.text.slice(0, 500));
      assert.equal(r.location, `/console/units/${unitId}/edit`);
      // The notice appears once on the next page.
      const next = await sup.get(r.location);
      assert.match(next.text, /已保存。/);

      const after = await api(unitId);
      assert.equal(after.version, before.version + 1);
      assert.equal(after.address, '临江区民生路 88 号');
      assert.equal(after.phone, '0571-86668888');
      assert.equal(after.head_name, '孙卫东');
      assert.equal(after.functions, '负责社会救助和养老服务。\n负责婚姻登记 & 殡葬管理 <重点>。');
      assert.deepEqual(after.leaders, [
        { name: '孙卫东', title: '局长', duties: '主持全面工作' },
        { name: '周敏', title: '副局长', duties: '分管社会救助' },
      ]);
      assert.equal(after.disclosure_office.email, 'gongkai@minzheng.example');
      assert.equal(after.active, true, 'still active');
      assert.equal(after.credit_code, before.credit_code);
      assert.equal(after.name, before.name);

      const page = await anon().get(`/units/${unitId}`);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes('临江区民生路 88 号'));
      assert.ok(page.text.includes('0571-86668888'));
      assert.ok(page.text.includes('负责婚姻登记 &amp; 殡葬管理 &lt;重点&gt;。'), 'functions shown, escaped');
      assert.ok(!page.text.includes('<重点>'));
      assert.ok(page.text.includes('周敏'));
      assert.ok((await anon().get('/units')).text.includes('0571-86668888'), 'directory shows the new phone');

      const audit = await sup.get(`/console/audit?entity_type=unit&entity_id=${unitId}`);
      assert.equal(audit.status, 200);
      assert.match(audit.text, /修改单位信息/);
      assert.match(audit.text, /林公开/);
      // Each change is shown as field: <del>before</del> → <ins>after</ins> (with hidden words for screen readers).
      const changes = [...audit.text.matchAll(/<div class="change">([\s\S]*?)<\/div>/g)].map((m) => ({
        field: (m[1].match(/class="field-name">([^<]*)</) || [])[1],
        before: (m[1].match(/<del>([\s\S]*?)<\/del>/) || [])[1]?.replace(/<span class="visually-hidden">[^<]*<\/span>/g, ''),
        after: (m[1].match(/<ins>([\s\S]*?)<\/ins>/) || [])[1]?.replace(/<span class="visually-hidden">[^<]*<\/span>/g, ''),
      }));
      // Fields are named by their code name or by their Chinese label.
      const is = (c, code, label) => c.field === code || c.field === label;
      assert.ok(changes.some((c) => is(c, 'address', '办公地址') && c.before === before.address && c.after === '临江区民生路 88 号'),
        JSON.stringify(changes.slice(0, 8)));
      assert.ok(changes.some((c) => is(c, 'phone', '联系电话') && c.before === before.phone && c.after === '0571-86668888'));

      const json = await sup.get(`/console/audit?entity_type=unit&entity_id=${unitId}`, { headers: { accept: 'application/json' } });
      const entries = json.json().entries;
      const update = entries.find((e) => e.action === 'unit.update');
      assert.ok(update, 'unit.update entry');
      assert.equal(update.action_label, '修改单位信息');
      assert.equal(update.actor_name, '林公开');
      assert.equal(update.entity_label, '区民政局');
      assert.ok(update.request_id.length > 0);
      const head = update.changes.find((c) => is(c, 'head_name', '负责人'));
      assert.deepEqual([head?.before, head?.after], [before.head_name, '孙卫东']);
      assert.equal(update.changes.find((c) => is(c, 'name', '名称')), undefined, 'unchanged fields are not listed');
      assert.equal(update.changes.length, 6, JSON.stringify(update.changes.map((c) => c.field)));
      assert.ok(entries.some((e) => e.action === 'unit.create'), 'the demo creation is logged too');
    });

    test('invalid credit code or email: 422 on the form, typed values kept, nothing saved', async () => {
      const unitId = id('区司法局');
      const before = await api(unitId);
      const { fields } = await editForm(unitId);

      const badCode = await sup.post(`/console/units/${unitId}`,
        withFields(fields, { credit_code: '91330100MA27XXXX0X', address: '我刚输入的地址' }));
      assert.equal(badCode.status, 422);
      const alert = badCode.text.match(/<div class="alert" role="alert" id="form-error">([\s\S]*?)<\/div>/);
      assert.ok(alert, 'the form shows an error box');
      assert.match(alert[1], /统一社会信用代码/);
      assert.match(badCode.text, /<input id="credit_code"[^>]*aria-invalid="true"/);
      assert.equal(inputValue(badCode.text, 'credit_code'), '91330100MA27XXXX0X');
      assert.equal(inputValue(badCode.text, 'address'), '我刚输入的地址');
      assert.equal(inputValue(badCode.text, 'version'), String(before.version));

      const badEmail = await sup.post(`/console/units/${unitId}`,
        withFields(fields, { email: 'not an email', head_title: '新职务' }));
      assert.equal(badEmail.status, 422);
      assert.match(badEmail.text, /电子邮箱格式不正确/);
      assert.match(badEmail.text, /<div class="field has-error"><label for="email">/);
      assert.equal(inputValue(badEmail.text, 'email'), 'not an email');
      assert.equal(inputValue(badEmail.text, 'head_title'), '新职务');

      const badPostcode = await sup.post(`/console/units/${unitId}`, withFields(fields, { postcode: '31' }));
      assert.equal(badPostcode.status, 422);
      assert.match(badPostcode.text, /邮政编码应为 6 位数字/);
      const noName = await sup.post(`/console/units/${unitId}`, withFields(fields, { name: '   ' }));
      assert.equal(noName.status, 422);
      assert.match(noName.text, /请填写单位名称/);
      const taken = await sup.post(`/console/units/${unitId}`, withFields(fields, { credit_code: units.find((u) => u.name === '区财政局').credit_code }));
      assert.equal(taken.status, 422);
      assert.match(taken.text, /已被其他单位使用/);

      const after = await api(unitId);
      assert.deepEqual(after, before, 'nothing saved');
      const audit = (await sup.get(`/console/audit?entity_type=unit&entity_id=${unitId}`, { headers: { accept: 'application/json' } })).json();
      assert.ok(!audit.entries.some((e) => e.action === 'unit.update'), 'no audit entry for refused edits');
    });

    test('optimistic locking: two edits of the same version, the second gets 409 and the first survives', async () => {
      const unitId = id('区审计局');
      const before = await api(unitId);
      const a = await editForm(unitId);
      // A second person (the sysadmin) opens the same version.
      const admin = await login(server.base, 'admin', env.accounts.admin);
      const b = await admin.form(`/console/units/${unitId}/edit`, `/console/units/${unitId}`);
      assert.equal(field(a.fields, 'version'), field(b.fields, 'version'));

      const first = await sup.post(`/console/units/${unitId}`, withFields(a.fields, { phone: '0571-81110001' }));
      assert.equal(first.status, 303);
      const second = await admin.post(`/console/units/${unitId}`, withFields(b.fields, { phone: '0571-82220002', fax: '0571-82220003' }));
      assert.equal(second.status, 409);
      assert.match(second.text, /其他人已保存了此单位的修改/);
      assert.equal(inputValue(second.text, 'phone'), '0571-82220002', 'what the second person typed is kept');
      assert.equal(inputValue(second.text, 'version'), String(before.version + 1), 'the form now carries the current version');

      const after = await api(unitId);
      assert.equal(after.phone, '0571-81110001');
      assert.equal(after.fax, before.fax);
      assert.equal(after.version, before.version + 1);

      // A stale JSON client is told 409 as well; a missing version never overwrites.
      const noVersion = await admin.post(`/console/units/${unitId}`, withFields(b.fields, { version: '', phone: '0571-83330003' }));
      assert.equal(noVersion.status, 409);
      assert.equal((await api(unitId)).phone, '0571-81110001');
    });

    test('creating units: form post redirects to the new unit; JSON answers 201; duplicates refused', async () => {
      const rootId = id('临江区人民政府');
      const { fields } = await sup.form('/console/units/new', '/console/units');
      assert.equal(field(fields, 'parent_id'), String(rootId));
      const r = await sup.post('/console/units', withFields(fields, {
        name: '区档案馆', short_name: '档案馆', kind: 'department', phone: '0571-86123456', address: '临江区档案路 1 号',
        functions: '负责全区档案的收集、保管和利用。',
      }));
      assert.equal(r.status, 303, r.text.slice(0, 400));
      const m = r.location.match(/^\/console\/units\/(\d+)\/edit$/);
      assert.ok(m, r.location);
      const created = await api(Number(m[1]));
      assert.equal(created.name, '区档案馆');
      assert.equal(created.parent_id, rootId);
      assert.equal(created.kind, 'department');
      assert.equal(created.active, true);
      assert.equal(created.version, 1);
      assert.ok((await anon().get('/units')).text.includes('区档案馆'));
      const list = (await anon().get('/api/v1/units')).json();
      assert.equal(list.count, units.length + 1);

      const j = await sup.post('/console/units', withFields(fields, { name: '区地方志办公室', kind: 'department' }),
        { headers: { accept: 'application/json' } });
      assert.equal(j.status, 201);
      assert.match(j.header('content-type'), /^application\/json/);
      const newId = j.json().id;
      assert.equal((await api(newId)).name, '区地方志办公室');

      const dup = await sup.post('/console/units', withFields(fields, { name: '区档案馆', kind: 'department' }));
      assert.equal(dup.status, 422);
      assert.match(dup.text, /同一上级单位下已有同名单位/);
      assert.equal(inputValue(dup.text, 'name'), '区档案馆');
      const badKind = await sup.post('/console/units', withFields(fields, { name: '某科室', kind: 'section' }));
      assert.equal(badKind.status, 422, 'a section under the government is refused');
      assert.equal((await anon().get('/api/v1/units')).json().count, units.length + 2);

      const audit = (await sup.get(`/console/audit?entity_type=unit&entity_id=${newId}`, { headers: { accept: 'application/json' } })).json();
      assert.equal(audit.entries.length, 1);
      assert.equal(audit.entries[0].action_label, '新建单位');
    });

    test('deactivating a unit hides it from public pages, the console still has it', async () => {
      const unitId = id('区统计局');
      const { fields } = await editForm(unitId);
      const without = fields.filter(([k, v]) => !(k === 'active' && v === '1'));  // checkbox unticked
      const r = await sup.post(`/console/units/${unitId}`, without);
      assert.equal(r.status, 303);
      assert.equal((await anon().get(`/units/${unitId}`)).status, 404);
      assert.equal((await anon().get(`/api/v1/units/${unitId}`)).status, 404);
      assert.ok(!(await anon().get('/units')).text.includes('区统计局'));
      assert.equal((await sup.get(`/console/units/${unitId}/edit`)).status, 200);
    });

    test('the audit_log table refuses UPDATE and DELETE', async () => {
      const count = async () => {
        const r = await env.db.sql('SELECT count(*) FROM audit_log');
        assert.equal(r.code, 0, r.stderr);
        return Number(r.stdout.trim());
      };
      const n = await count();
      assert.ok(n > 10);
      for (const stmt of [
        "UPDATE audit_log SET actor_name = 'someone else'",
        'UPDATE audit_log SET after_json = NULL WHERE id = (SELECT max(id) FROM audit_log)',
        'DELETE FROM audit_log',
        'DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)',
      ]) {
        const r = await env.db.sql(stmt);
        assert.notEqual(r.code, 0, `${stmt} must fail`);
        assert.match(r.stderr, /append-only/, stmt);
      }
      assert.equal(await count(), n);
      const names = await env.db.sql("SELECT count(*) FROM audit_log WHERE actor_name = 'someone else'");
      assert.equal(names.stdout.trim(), '0');
      // Appending still works.
      const ins = await env.db.sql("INSERT INTO audit_log (at, actor_name, action, entity_type) VALUES ('2026-01-01T00:00:00Z', 'test', 'test.append', 'test')");
      assert.equal(ins.code, 0, ins.stderr);
      assert.equal(await count(), n + 1);
    });
  });
}
