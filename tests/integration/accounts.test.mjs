// Accounts: login and its failures, throttling, logout, the must-change-password flow for a new account, and
// role checks in the services (posting directly, not only through what the pages show).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, csrfToken, login, setField } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

// The text of the login page's error box.
const loginError = (html) => {
  const m = html.match(/id="login-error"[^>]*>([\s\S]*?)<\/div>/);
  return m ? m[1].replace(/<[^>]*>/g, '').trim() : undefined;
};

for (const backend of BACKENDS) {
  describe(`accounts [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, units, sup;
    const id = (name) => units.find((u) => u.name === name).id;
    const api = async (unitId) => (await new Client(server.base).get(`/api/v1/units/${unitId}`)).json();

    // Tries one login through the form; returns the response and the client.
    const attempt = async (username, password) => {
      const c = new Client(server.base);
      const page = await c.get('/login');
      const r = await c.post('/login', { _csrf: csrfToken(page.text), next: '', username, password });
      return { r, c };
    };

    before(async () => {
      env = await Env.create(backend, 'accounts');
      server = await env.start();
      units = (await new Client(server.base).get('/api/v1/units')).json().items;
    });
    after(() => env?.close());

    test('demo prints all eight accounts with their passwords', () => {
      assert.deepEqual(env.accounts, {
        editor: 'Gongkai-2026-1', reviewer: 'Gongkai-2026-2', handler: 'Gongkai-2026-3', mailbox: 'Gongkai-2026-4',
        unitadmin: 'Gongkai-2026-5', supervisor: 'Gongkai-2026-6', admin: 'Gongkai-2026-7',
        eduhandler: 'Gongkai-2026-8',
      });
    });

    test('login succeeds: HttpOnly SameSite session cookie, console shows the person', async () => {
      const { r, c } = await attempt('supervisor', env.accounts.supervisor);
      assert.equal(r.status, 303);
      assert.equal(r.location, '/console');
      const setCookie = r.headers.getSetCookie().find((s) => s.startsWith('gk_session='));
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=(Lax|Strict)/i);
      assert.match(setCookie, /Path=\//);
      const home = await c.get('/console');
      assert.equal(home.status, 200);
      assert.match(home.text, /林公开/);
      assert.equal(home.header('cache-control'), 'no-store');
      sup = c;

      // Username is case-insensitive and trimmed; next= only to paths on this site.
      const page = await new Client(server.base).get('/login?next=/console/units');
      assert.match(page.text, /name="next" value="\/console\/units"/);
      const c2 = new Client(server.base);
      const t2 = csrfToken((await c2.get('/login')).text);
      const r2 = await c2.post('/login', { _csrf: t2, next: 'https://evil.example/', username: ' Reviewer ', password: env.accounts.reviewer });
      assert.equal(r2.status, 303);
      assert.equal(r2.location, '/console');
      const c3 = new Client(server.base);
      const t3 = csrfToken((await c3.get('/login')).text);
      const r3 = await c3.post('/login', { _csrf: t3, next: '/console/units', username: 'handler', password: env.accounts.handler });
      assert.equal(r3.location, '/console/units');
    });

    test('login failure: 401, the same Chinese message whether or not the user exists', async () => {
      const wrong = await attempt('editor', 'Not-the-password-1');
      assert.equal(wrong.r.status, 401);
      assert.equal(wrong.c.cookies.has('gk_session'), false);
      const nobody = await attempt('nosuchuser', 'Not-the-password-1');
      assert.equal(nobody.r.status, 401);
      const invalidName = await attempt('!!', 'x');
      assert.equal(invalidName.r.status, 401);
      const m1 = loginError(wrong.r.text), m2 = loginError(nobody.r.text), m3 = loginError(invalidName.r.text);
      assert.equal(m1, '用户名或密码不正确。');
      assert.equal(m2, m1);
      assert.equal(m3, m1);
      assert.ok(!/不存在|未注册|not exist/.test(nobody.r.text));
      assert.ok(!nobody.r.text.includes('Not-the-password-1'), 'the password is never echoed');
    });

    test('throttling: after 5 failures for one account, 429 even with the right password', async () => {
      for (let i = 1; i <= 5; i++) {
        const { r } = await attempt('mailbox', `Wrong-password-${i}`);
        assert.equal(r.status, 401, `failure ${i}`);
      }
      const locked = await attempt('mailbox', env.accounts.mailbox);
      assert.equal(locked.r.status, 429);
      assert.match(loginError(locked.r.text), /登录失败次数过多/);
      assert.equal(locked.c.cookies.has('gk_session'), false);
      // Other accounts are not affected.
      const other = await attempt('admin', env.accounts.admin);
      assert.equal(other.r.status, 303);
      // The lock is in the audit log.
      const audit = await sup.get('/console/audit?action=user.login_locked');
      assert.equal(audit.status, 200);
      assert.match(audit.text, /登录被限制/);
    });

    test('logout ends the session: the old cookie no longer works', async () => {
      const c = await login(server.base, 'reviewer', env.accounts.reviewer);
      const old = c.cookies.get('gk_session');
      const home = await c.get('/console');
      assert.equal(home.status, 200);
      const out = await c.post('/logout', { _csrf: csrfToken(home.text) });
      assert.equal(out.status, 303);
      assert.equal(out.location, '/');
      assert.equal(c.cookies.has('gk_session'), false, 'cookie cleared');
      const replay = new Client(server.base);
      replay.cookies.set('gk_session', old);
      const r = await replay.get('/console');
      assert.equal(r.status, 303);
      assert.match(r.location, /^\/login/);
    });

    test('a new account must change its password first; weak passwords are refused', async () => {
      const username = 'ceshi.xiaoli';
      const add = await env.db.cli(['user', 'add', '--username', username, '--name', '测试', '--unit', '1', '--role', 'editor',
        '--password', 'Temp-Start-2026x']);
      assert.equal(add.code, 0, add.stderr);
      assert.match(add.stdout, /账号已创建：ceshi\.xiaoli/);
      const dup = await env.db.cli(['user', 'add', '--username', username, '--name', '测试', '--unit', '1', '--role', 'editor',
        '--password', 'Temp-Start-2026x']);
      assert.equal(dup.code, 1);
      assert.match(dup.stderr, /该用户名已被使用/);
      const weakCli = await env.db.cli(['user', 'add', '--username', 'weakling', '--name', '测试', '--unit', '1', '--role', 'editor',
        '--password', 'short1']);
      assert.equal(weakCli.code, 1);
      assert.match(weakCli.stderr, /至少需要 10 个字符/);

      const { r, c } = await attempt(username, 'Temp-Start-2026x');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/console/password');
      for (const path of ['/console', '/console/units', `/console/units/${id('区教育局')}/edit`]) {
        const g = await c.get(path);
        assert.equal(g.status, 303, path);
        assert.equal(g.location, '/console/password', path);
      }
      const page = await c.get('/console/password');
      assert.equal(page.status, 200);
      assert.match(page.text, /须先设置新密码/);
      const token = csrfToken(page.text);
      const change = (password, confirm = password, old = 'Temp-Start-2026x') =>
        c.post('/console/password', { _csrf: token, old_password: old, password, password_confirm: confirm });

      const cases = [
        ['short1', /至少需要 10 个字符/],
        ['onlyletterspassword', /同时包含字母和数字/],
        ['Ceshi.xiaoli-2026', /不能包含用户名/],
        ['password1234', /过于常见/],
        ['Temp-Start-2026x', /不能与当前密码相同/],
      ];
      for (const [pw, msg] of cases) {
        const w = await change(pw);
        assert.equal(w.status, 422, pw);
        assert.match(w.text, msg, pw);
      }
      const mismatch = await change('Good-New-Pass-2026', 'Good-New-Pass-2027');
      assert.equal(mismatch.status, 422);
      assert.match(mismatch.text, /不一致/);
      const wrongOld = await change('Good-New-Pass-2026', 'Good-New-Pass-2026', 'not-the-old-1');
      assert.equal(wrongOld.status, 422);
      assert.match(wrongOld.text, /当前密码不正确/);
      // Still locked into the password page.
      assert.equal((await c.get('/console')).location, '/console/password');

      const ok = await change('Good-New-Pass-2026');
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/console');
      const home = await c.get('/console');
      assert.equal(home.status, 200);
      assert.match(home.text, /测试/);

      const oldPw = await attempt(username, 'Temp-Start-2026x');
      assert.equal(oldPw.r.status, 401);
      const newPw = await attempt(username, 'Good-New-Pass-2026');
      assert.equal(newPw.r.status, 303);
      assert.equal(newPw.r.location, '/console');
    });

    test('role checks in the services: editors cannot edit units, unit admins only their own', async () => {
      const eduId = id('区教育局'), finId = id('区财政局');
      const supEdu = await sup.form(`/console/units/${eduId}/edit`, `/console/units/${eduId}`);
      const supFin = await sup.form(`/console/units/${finId}/edit`, `/console/units/${finId}`);
      const eduBefore = await api(eduId), finBefore = await api(finId);

      // editor (区教育局): may not open the form, and a direct POST with its own valid token is refused.
      const editor = await login(server.base, 'editor', env.accounts.editor);
      const editorToken = csrfToken((await editor.get('/console')).text);
      assert.equal((await editor.get(`/console/units/${eduId}/edit`)).status, 403);
      const e1 = await editor.post(`/console/units/${eduId}`,
        setField(setField(supEdu.fields, '_csrf', editorToken), 'phone', '0571-99990000'));
      assert.equal(e1.status, 403);
      assert.match(e1.text, /没有权限/);
      const e2 = await editor.post('/console/units', [['_csrf', editorToken], ['name', '编辑新建单位'], ['kind', 'section'],
        ['parent_id', String(eduId)]], { headers: { accept: 'application/json' } });
      assert.equal(e2.status, 403);
      assert.equal((await editor.get('/console/audit')).status, 403);
      assert.equal((await editor.get('/console/users')).status, 403);

      // unitadmin (区教育局): edits its own unit...
      const ua = await login(server.base, 'unitadmin', env.accounts.unitadmin);
      const own = await ua.form(`/console/units/${eduId}/edit`, `/console/units/${eduId}`);
      assert.ok(!own.res.text.includes('id="parent_id"'), 'unit admins cannot move units');
      const u1 = await ua.post(`/console/units/${eduId}`, setField(own.fields, 'phone', '0571-87770000'));
      assert.equal(u1.status, 303, u1.text.slice(0, 400));
      const eduAfter = await api(eduId);
      assert.equal(eduAfter.phone, '0571-87770000');
      assert.equal(eduAfter.version, eduBefore.version + 1);
      assert.equal(eduAfter.active, true);
      // ...even if it tries to move it, the parent and kind stay.
      const moved = setField(setField(setField((await ua.form(`/console/units/${eduId}/edit`, `/console/units/${eduId}`)).fields, 'parent_id', String(id('新桥镇人民政府'))),
        'kind', 'section'), 'short_name', '教育局');
      assert.equal((await ua.post(`/console/units/${eduId}`, moved)).status, 303);
      const eduMoved = await api(eduId);
      assert.equal(eduMoved.parent_id, eduBefore.parent_id);
      assert.equal(eduMoved.kind, 'department');
      assert.equal(eduMoved.short_name, '教育局');

      // ...but not another unit, neither through the page nor by posting directly.
      assert.equal((await ua.get(`/console/units/${finId}/edit`)).status, 403);
      const uaToken = csrfToken(own.res.text);
      const u2 = await ua.post(`/console/units/${finId}`, setField(setField(supFin.fields, '_csrf', uaToken), 'phone', '0571-87770001'));
      assert.equal(u2.status, 403);
      const finAfter = await api(finId);
      assert.equal(finAfter.phone, finBefore.phone);
      assert.equal(finAfter.version, finBefore.version);

      // Unit admins create sections under their own unit only.
      const s1 = await ua.post('/console/units', [['_csrf', uaToken], ['name', '基础教育科'], ['kind', 'section'],
        ['parent_id', String(eduId)], ['active', '1']], { headers: { accept: 'application/json' } });
      assert.equal(s1.status, 201, s1.text.slice(0, 300));
      const section = await api(s1.json().id);
      assert.equal(section.parent_id, eduId);
      const s2 = await ua.post('/console/units', [['_csrf', uaToken], ['name', '越权科'], ['kind', 'section'],
        ['parent_id', String(finId)], ['active', '1']], { headers: { accept: 'application/json' } });
      assert.equal(s2.status, 403);
      assert.equal(supEdu.csrf === uaToken, false, 'tokens are per session');
    });
  });
}
