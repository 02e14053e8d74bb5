// Search over HTTP, on SQLite and PostgreSQL: the demo's documents are found from the header's search box in
// Traditional script with <mark> in title and snippet, everything else escaped; facets narrow the results; pages
// follow a search-after cursor; unusable queries get a clear message with suggestions; the API answers as JSON; a
// withdrawn document leaves the results in the same step; `gongkai search reindex` rebuilds and `search optimize`
// merges the index, each with a progress bar; the office's search statistics show frequent and zero-result searches
// with personal numbers masked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, decodeEntities, formFields, login, setField } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

const withFields = (pairs, changes) => Object.entries(changes).reduce((p, [k, v]) => setField(p, k, v), pairs);

for (const backend of BACKENDS) {
  describe(`search [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server;
    const anon = () => new Client(server.base);

    before(async () => {
      env = await Env.create(backend, 'search');
      server = await env.start();
    });
    after(() => env?.close());

    test('every public page has a search box; a Traditional query finds the Simplified document with marks', async () => {
      const home = await anon().get('/');
      assert.match(home.text, /<form class="header-search" method="get" action="\/search" role="search" aria-label="站内搜索">/);
      const r = await anon().get('/search?q=' + encodeURIComponent('義務教育 招生'));
      assert.equal(r.status, 200);
      assert.match(r.text, /找到 <strong>[1-9]\d*<\/strong> 条结果/);
      assert.match(r.text, /<mark>义务教育<\/mark>阶段学校<mark>招生<\/mark>/);
      assert.match(r.text, /临江区2026年/);
      assert.match(r.text, /<h3>发布单位<\/h3>/);
      const start = await anon().get('/search');
      assert.equal(start.status, 200);
      assert.match(start.text, /请在上面的搜索框中输入要查找的内容/);
    });

    test('the query is escaped wherever it is shown', async () => {
      const r = await anon().get('/search?q=' + encodeURIComponent('<script>alert(1)</script>'));
      assert.equal(r.status, 200);
      assert.doesNotMatch(r.text, /<script>alert/);
      assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    });

    test('unusable queries and filters are explained; nothing found gives suggestions', async () => {
      const only = await anon().get('/search?q=' + encodeURIComponent('-招生'));
      assert.equal(only.status, 200);
      assert.match(only.text, /只有排除词/);
      const punct = await anon().get('/search?q=' + encodeURIComponent('，。'));
      assert.match(punct.text, /只有标点或符号/);
      const badUnit = await anon().get('/search?q=a&unit=999999');
      assert.equal(badUnit.status, 400);
      assert.match(badUnit.text, /没有这个单位/);
      const badCursor = await anon().get('/search?q=a&after=nonsense');
      assert.equal(badCursor.status, 400);
      // Nothing holds both terms: the documents holding parts of the query, said so, with the shorter query offered.
      const partial = await anon().get('/search?q=' + encodeURIComponent('义务教育 火星殖民'));
      assert.equal(partial.status, 200);
      assert.match(partial.text, /没有同时包含全部内容的结果/);
      assert.match(partial.text, /只查“义务教育”/);
      assert.match(partial.text, /<mark>义务<\/mark>/);
      const none = await anon().get('/search?q=' + encodeURIComponent('火星殖民 太空电梯'));
      assert.equal(none.status, 200);
      assert.match(none.text, /没有找到包含“火星殖民 太空电梯”的政府信息/);
      const api = (await anon().get('/api/v1/search?q=' + encodeURIComponent('义务教育学校招生要准备哪些材料'))).json();
      assert.equal(api.relaxed, true);
      assert.ok(api.total >= 1);
    });

    test('the API: results, facets, a cursor that walks every match once, errors as JSON', async () => {
      const a = anon();
      const first = (await a.get('/api/v1/search?q=' + encodeURIComponent('临江区') + '&limit=2')).json();
      assert.ok(first.total >= 3, JSON.stringify(first).slice(0, 300));
      assert.equal(first.items.length, 2);
      assert.ok(first.next_cursor);
      assert.ok(first.facets.some((f) => f.name === 'unit' && f.values.length > 0));
      const seen = new Set(first.items.map((i) => i.url));
      let cursor = first.next_cursor, pages = 1;
      while (cursor && pages < 50) {
        const p = (await a.get('/api/v1/search?q=' + encodeURIComponent('临江区') + '&limit=2&after=' + encodeURIComponent(cursor))).json();
        for (const i of p.items) {
          assert.ok(!seen.has(i.url), 'no result twice');
          seen.add(i.url);
        }
        cursor = p.next_cursor;
        pages++;
      }
      assert.equal(seen.size, first.total);
      const byDate = (await a.get('/api/v1/search?q=' + encodeURIComponent('临江区') + '&sort=date&limit=50')).json();
      const dates = byDate.items.map((i) => i.published_on);
      assert.deepEqual(dates, [...dates].sort().reverse());
      // Filtering by the unit of the first result keeps only that unit (or units under it).
      const unitFacet = first.facets.find((f) => f.name === 'unit').values[0];
      const filtered = (await a.get(`/api/v1/search?q=${encodeURIComponent('临江区')}&unit=${unitFacet.value}&limit=50`)).json();
      assert.ok(filtered.total >= unitFacet.count);
      const empty = await a.get('/api/v1/search?q=');
      assert.equal(empty.status, 400);
      assert.equal(empty.json().error.code, 'empty_query');
      const spec = (await a.get('/api/v1/openapi.json')).json();
      assert.ok(spec.paths['/search'].get.parameters.some((p) => p.name === 'after'));
    });

    test('beyond --search-exact-up-to the counts are estimated and the page says so', async () => {
      const q = encodeURIComponent('临江区');
      const exact = (await anon().get(`/api/v1/search?q=${q}&limit=50`)).json();
      assert.equal(exact.estimated, false);
      assert.ok(exact.total > 2 && exact.total <= 50, String(exact.total));
      const oneExact = (await anon().get(`/api/v1/search?q=${encodeURIComponent('区')}&limit=50`)).json();
      assert.ok(oneExact.total >= exact.total && oneExact.total <= 50, String(oneExact.total));
      // More matches than the bound, and a sample (128 a slice) that holds every one of them: the "estimate" is the
      // count and the ranking is the exact one (each phrase's frequency too is counted whole).
      const whole = await env.start({ args: ['--search-exact-up-to', '2', '--search-cache', '0'] });
      try {
        const w = new Client(whole.base);
        const r = (await w.get(`/api/v1/search?q=${q}&limit=50`)).json();
        assert.equal(r.estimated, true);
        assert.equal(r.total, exact.total);
        assert.equal(r.ranked_among, exact.total);
        assert.deepEqual(r.items.map((i) => i.url), exact.items.map((i) => i.url));
        const one = (await w.get(`/api/v1/search?q=${encodeURIComponent('区')}&limit=50`)).json();
        assert.equal(one.estimated, true, 'a one-character query is sampled like any other');
        assert.equal(one.total, oneExact.total);
        assert.deepEqual(one.items.map((i) => i.url), oneExact.items.map((i) => i.url));
      } finally {
        await whole.stop();
      }
      // One match a slice (and the 4 newest): the sample holds more matches than the bound, and not every one.
      const bounded = await env.start({ args: ['--search-exact-up-to', '2', '--search-sample', '1', '--search-cache', '0'] });
      try {
        const b = new Client(bounded.base);
        const first = (await b.get(`/api/v1/search?q=${q}&limit=2`)).json();
        {
          assert.equal(first.estimated, true);
          assert.ok(first.total > 2, String(first.total));
          assert.ok(first.ranked_among > 0 && first.ranked_among <= exact.total, String(first.ranked_among));
          const matching = new Set(exact.items.map((i) => i.url));
          const seen = new Set(first.items.map((i) => i.url));
          let cursor = first.next_cursor, pages = 1;
          while (cursor && pages < 50) {
            const p = (await b.get(`/api/v1/search?q=${q}&limit=2&after=${encodeURIComponent(cursor)}`)).json();
            for (const i of p.items) {
              assert.ok(!seen.has(i.url), 'no result twice');
              seen.add(i.url);
            }
            cursor = p.next_cursor;
            pages++;
          }
          assert.equal(seen.size, first.ranked_among, 'the pages go through the ranked sample once');
          for (const url of seen) assert.ok(matching.has(url), `${url} matches`);
          const page = await b.get(`/search?q=${q}`);
          assert.equal(page.status, 200);
          assert.match(page.text, /找到约 <strong>\d+<\/strong> 条结果/);
          assert.match(page.text, /总数和筛选项后的条数是估算的/);
          assert.match(page.text, /<span class="count">\(约\d+\)<\/span>/);
          const byDate = (await b.get(`/api/v1/search?q=${q}&sort=date&limit=50`)).json();
          const dates = byDate.items.map((i) => i.published_on);
          assert.deepEqual(dates, [...dates].sort().reverse());
          assert.equal(byDate.items.length, first.ranked_among);
          // A one-character query is a prefix among the bigrams (区*): the prefix index (migration 0058) lets it
          // be sampled like any other term.
          const one = (await b.get(`/api/v1/search?q=${encodeURIComponent('区')}&limit=50`)).json();
          assert.equal(one.estimated, true);
          const oneMatching = new Set(oneExact.items.map((i) => i.url));
          assert.ok(one.items.length > 2);
          for (const i of one.items) assert.ok(oneMatching.has(i.url), `${i.url} matches 区`);
        }
      } finally {
        await bounded.stop();
      }
    });

    test('a document number in the forms people type', async () => {
      const hits = async (q) => (await anon().get('/api/v1/search?q=' + encodeURIComponent(q))).json();
      const listing = (await anon().get('/api/v1/documents?limit=100')).json().items.filter((d) => d.doc_no && /〔\d{4}〕\d+号/.test(d.doc_no));
      assert.ok(listing.length > 0, 'the demo has a document with a 文号');
      const docNo = listing[0].doc_no;
      const [, agency, year, no] = docNo.match(/^(.*)〔(\d{4})〕(\d+)号$/);
      for (const typed of [docNo, `${agency}[${year}]${no}号`, `${agency}${year}年${no}号`, `${agency}（${year}）${no}号`]) {
        const r = await hits(typed);
        assert.ok(r.items.some((i) => i.doc_no === docNo), `${typed} finds ${docNo}`);
      }
    });

    test('a withdrawn document leaves the results at once; reindex rebuilds with progress', async () => {
      const reviewer = await login(server.base, 'reviewer', env.accounts.reviewer);
      const q = '学校安全大检查';
      const before = (await anon().get('/api/v1/search?q=' + encodeURIComponent(q))).json();
      assert.equal(before.total, 1, JSON.stringify(before).slice(0, 300));
      const id = before.items[0].record_id;
      const page = await reviewer.get(`/console/documents/${id}`);
      assert.equal(page.status, 200);
      const fields = formFields(page.text, `/console/documents/${id}/withdraw`);
      const w = await reviewer.post(`/console/documents/${id}/withdraw`, withFields(fields, { reason: '内容已过时，撤回。' }));
      assert.equal(w.status, 303, w.text.slice(0, 400));
      const afterWithdrawal = (await anon().get('/api/v1/search?q=' + encodeURIComponent(q))).json();
      assert.ok(afterWithdrawal.items.every((i) => i.record_id !== id), 'the withdrawn document is gone');
      assert.ok(afterWithdrawal.total === 0 || afterWithdrawal.relaxed, 'only partial matches of other documents remain');

      const r = await env.db.cli(['search', 'reindex']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /检索索引已重建：\d+ 条公开信息/);
      assert.match(r.stderr, /100%/);
      assert.ok((await anon().get('/api/v1/search?q=' + encodeURIComponent(q))).json().items.every((i) => i.record_id !== id));
      assert.ok((await anon().get('/api/v1/search?q=' + encodeURIComponent('义务教育'))).json().total >= 1);

      // The merge after a bulk change, with its own progress bar, while the server keeps answering.
      const answer = (await anon().get('/api/v1/search?q=' + encodeURIComponent('义务教育'))).json();
      const o = await env.db.cli(['search', 'optimize']);
      assert.equal(o.code, 0, o.stderr);
      assert.match(o.stderr, /合并检索索引.*100%/s);
      if (backend === 'sqlite') {
        assert.match(o.stdout, /检索索引已合并：\d+ 段 → 1 段（约 \d+ 页），\d+ 次提交/);
      } else {
        assert.match(o.stdout, /检索索引已整理：GIN 索引的待合并条目已并入/);
      }
      const again = (await anon().get('/api/v1/search?q=' + encodeURIComponent('义务教育'))).json();
      assert.deepEqual(again.items.map((i) => i.record_id), answer.items.map((i) => i.record_id));
      assert.equal(again.total, answer.total);
      const twice = await env.db.cli(['search', 'optimize']);
      assert.equal(twice.code, 0, twice.stderr);
      if (backend === 'sqlite') assert.match(twice.stdout, /检索索引已合并：1 段 → 1 段/);
    });

    test('the office sees frequent and zero-result searches, with personal numbers masked, and nobody else does', async () => {
      for (let i = 0; i < 3; i++) await anon().get('/search?q=' + encodeURIComponent('义务教育'));
      await anon().get('/search?q=' + encodeURIComponent('火星殖民计划'));  // nothing, not even in part
      await anon().get('/search?q=' + encodeURIComponent('13800138000 低保'));
      const supervisor = await login(server.base, 'supervisor', env.accounts.supervisor);
      const r = await supervisor.get('/console/search-log');
      assert.equal(r.status, 200);
      const text = decodeEntities(r.text);
      assert.match(text, /最常搜索的内容/);
      assert.match(text, /义务教育<\/a><\/td><td>\d+<\/td>/);
      assert.match(text, /没有找到结果的搜索[\s\S]*火星殖民计划/);
      assert.doesNotMatch(text, /13800138000/);
      assert.match(text, /138\*{4}8000|138\*+/);
      const editor = await login(server.base, 'editor', env.accounts.editor);
      assert.equal((await editor.get('/console/search-log')).status, 403);
      assert.equal((await anon().get('/console/search-log')).status, 303);
    });
  });
}
