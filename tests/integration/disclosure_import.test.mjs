// `gongkai import documents` on SQLite and PostgreSQL: the 2,000 real documents of shared/data import into a fresh
// database and show on the site; re-running creates nothing; a CSV with bad lines reports each by number and
// imports the rest; the ledger verifies afterwards.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { Client } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = path.resolve(HERE, '../../../shared/data/documents/lawrefbook_sample_2000.jsonl');

for (const backend of BACKENDS) {
  describe(`import documents [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server;
    before(async () => {
      env = await Env.create(backend, 'import');
    });
    after(() => env?.close());

    test('the 2,000 documents import, once', { timeout: 600_000 }, async () => {
      const r = await env.db.cli(['import', 'documents', SAMPLE, '--column', 'policy'], { timeoutMs: 600_000 });
      assert.equal(r.code, 0, r.stderr.slice(-2000));
      assert.match(r.stdout, /导入完成：新建 2000 条，已存在跳过 0 条，失败 0 条/);
      assert.match(r.stderr, /100% 2000\/2000/, 'progress is shown');
      const again = await env.db.cli(['import', 'documents', SAMPLE, '--column', 'policy'], { timeoutMs: 600_000 });
      assert.equal(again.code, 0);
      assert.match(again.stdout, /新建 0 条，已存在跳过 2000 条/);

      server = await env.start();
      const anon = new Client(server.base);
      let seen = 0, cursor = '', pages = 0;
      do {
        const page = (await anon.get(`/api/v1/documents?column=policy&limit=100${cursor ? '&after=' + encodeURIComponent(cursor) : ''}`)).json();
        seen += page.items.length;
        cursor = page.next_cursor;
        pages++;
      } while (cursor && pages < 100);
      assert.equal(seen, 2000 + 1, 'the 2,000 imported plus the demo policy');
      const first = (await anon.get('/api/v1/documents?column=policy&limit=1')).json().items[0];
      const doc = await anon.get(first.url);
      assert.equal(doc.status, 200);
      assert.match(doc.text, /<th scope="row">索引号<\/th>/);

      const verify = await env.db.cli(['ledger', 'verify'], { timeoutMs: 600_000 });
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
      assert.match(verify.stdout, /台账完整：20\d\d 条记录/);
    });

    test('a CSV with bad lines: each is reported with its number, the rest is imported', async () => {
      const csv = [
        'id,title,org,date,doc_number,body',
        'csv-1,第一份规定,某市人民政府,2024-03-01,某政发〔2024〕1号,"第一条 为了……，制定本规定。"',
        'csv-2,,某市人民政府,2024-03-02,,没有标题的一行',
        'csv-3,第三份规定,某市人民政府,2024-02-30,,"日期不存在时不作为成文日期"',
        ',第四份规定,,,,没有 id 的一行',
        'csv-5,第五份规定,某市人民政府,2024-03-05,,"联系电话 13800138000"',
        'csv-6,"第六份,含逗号的标题",,,,"第一段\n\n第二段"',
      ].join('\r\n');
      const file = path.join(env.db.dir, 'import.csv');
      await writeFile(file, '\ufeff' + csv);
      const r = await env.db.cli(['import', 'documents', file, '--column', 'rules']);
      assert.equal(r.code, 1, 'exit status 1 when some lines failed');
      assert.match(r.stdout, /新建 3 条，已存在跳过 0 条，失败 3 条/);
      assert.match(r.stderr, /第 3 行：请填写标题。/);
      assert.match(r.stderr, /第 5 行：缺少 id/);
      assert.match(r.stderr, /第 6 行：文件中含有未处理的个人信息（手机号 1 处）/);
      const anon = new Client(server.base);
      const items = (await anon.get('/api/v1/documents?column=rules')).json().items;
      assert.deepEqual(items.map((d) => d.title).sort(), ['第一份规定', '第三份规定', '第六份,含逗号的标题'].sort());
      const bad = await env.db.cli(['import', 'documents', path.join(env.db.dir, 'missing.jsonl')]);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /无法打开文件/);
    });
  });
}
