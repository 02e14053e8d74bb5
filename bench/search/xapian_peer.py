#!/usr/bin/python3
"""Xapian as a peer for bench/search/run.sh: the same documents (the 2,000 real ones × copies) indexed with
Xapian's CJK n-gram option (title weighted 10×), the same query strings parsed with FLAG_CJK_NGRAM, top 20 by BM25.
Prints build time, index size and query latency percentiles (in-process, one process; then 16 processes).
Xapian has no Traditional → Simplified folding: Traditional queries find only Traditional text there."""
import argparse, json, os, shutil, statistics, sys, time
from multiprocessing import Pool
import xapian

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/documents/lawrefbook_sample_2000.jsonl')

def build(path, copies):
    docs = [json.loads(l) for l in open(DATA, encoding='utf-8')]
    shutil.rmtree(path, ignore_errors=True)
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    t0 = time.time()
    n = 0
    for c in range(copies):
        for d in docs:
            n += 1
            doc = xapian.Document()
            tg.set_document(doc)
            title = d['title'] if c == 0 else '%s（副本%d）' % (d['title'], c)
            tg.index_text(title, 10)
            tg.increase_termpos()
            tg.index_text(d['body'])
            doc.set_data(str(n))
            db.add_document(doc)
        db.commit()
    db.close()
    size = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    return n, time.time() - t0, size

def run_queries(args):
    path, queries, seconds = args
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND)
    flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_CJK_NGRAM
    times = []
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        q = queries[i % len(queries)]
        i += 1
        t = time.perf_counter()
        enq = xapian.Enquire(db)
        enq.set_query(qp.parse_query(q, flags))
        ms = enq.get_mset(0, 20, 100)  # top 20, with an estimate of the total (check at least 100)
        _ = [m.docid for m in ms]
        _ = ms.get_matches_estimated()
        times.append((time.perf_counter() - t) * 1000)
    return times

def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p / 100 * (len(v) - 1) + 0.5))]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--copies', type=int, default=1)
    ap.add_argument('--dir', default='/tmp/xapian-peer')
    ap.add_argument('--seconds', type=float, default=20)
    ap.add_argument('--build-only', action='store_true', help='index and stop (measure later with --reuse)')
    ap.add_argument('--reuse', action='store_true', help='query the index already in --dir (built with --build-only)')
    ap.add_argument('queries', nargs='*')
    a = ap.parse_args()
    if a.reuse:
        n = xapian.Database(a.dir).get_doccount()
        size = sum(os.path.getsize(os.path.join(a.dir, f)) for f in os.listdir(a.dir))
        print('  Xapian %s: reusing %s, %d documents, %.0f MB' % (xapian.version_string(), a.dir, n, size / 1e6))
    else:
        n, secs, size = build(a.dir, a.copies)
        print('  Xapian %s: %d documents indexed in %.1f s, %.0f MB' % (xapian.version_string(), n, secs, size / 1e6))
    if a.build_only:
        return
    one = run_queries((a.dir, a.queries, a.seconds))
    print('  Xapian 1 process:    requests=%d p50=%.1f p95=%.1f p99=%.1f (ms, in-process, no HTTP)' % (len(one), pct(one, 50), pct(one, 95), pct(one, 99)))
    with Pool(16) as pool:
        parts = pool.map(run_queries, [(a.dir, a.queries, a.seconds)] * 16)
    allt = [t for p in parts for t in p]
    print('  Xapian 16 processes: requests=%d p50=%.1f p95=%.1f p99=%.1f rps=%.1f' % (len(allt), pct(allt, 50), pct(allt, 95), pct(allt, 99), len(allt) / a.seconds))

if __name__ == '__main__':
    main()
