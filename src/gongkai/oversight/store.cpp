#include "gongkai/oversight/store.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "platform/db/rows.hpp"
#include "platform/time.hpp"

namespace gongkai::oversight::store {

using platform::db::int_at;
using platform::db::opt_int_at;
using platform::db::Params;
using platform::db::run;
using platform::db::for_each_row;
using platform::db::text_at;

namespace {

// "2026-03-02T17:00:00Z" → the local (UTC+8) date "2026-03-03"; '' stays ''.
std::string local_date(const std::string& utc) {
  if (utc.empty()) return "";
  return platform::utc_iso_to_local_display(utc).substr(0, 10);
}

}  // namespace

std::vector<UnitRow> units(soci::session& s) {
  std::vector<UnitRow> out;
  for_each_row(s, "SELECT id, parent_id, kind, name, active FROM units ORDER BY id", [](Params&) {}, [&](const soci::row& r) {
    out.push_back({int_at(r, 0), opt_int_at(r, 1), text_at(r, 2), text_at(r, 3), int_at(r, 4) != 0});
  });
  return out;
}

std::vector<long long> subtree(const std::vector<UnitRow>& all, long long root) {
  std::vector<long long> out;
  if (std::none_of(all.begin(), all.end(), [&](const UnitRow& u) { return u.id == root; })) return out;
  std::multimap<long long, long long> children;
  for (const auto& u : all) {
    if (u.parent_id) children.emplace(*u.parent_id, u.id);
  }
  std::vector<long long> todo{root};
  std::set<long long> seen;
  while (!todo.empty()) {
    long long id = todo.back();
    todo.pop_back();
    if (!seen.insert(id).second) continue;
    out.push_back(id);
    auto [b, e] = children.equal_range(id);
    for (auto it = b; it != e; ++it) todo.push_back(it->second);
  }
  return out;
}

std::vector<DocumentFact> regulation_documents(soci::session& s, const std::vector<long long>& unit_ids,
                                               const std::string& until) {
  std::set<long long> wanted(unit_ids.begin(), unit_ids.end());
  std::vector<DocumentFact> out;
  // The edition the public saw on `until` (the latest published on or before it), so a validity declared by a later
  // edition does not change a past year's table; documents with no dated edition fall back to the current one.
  for_each_row(s,
        "SELECT d.id, d.unit_id, e.title, d.state, e.doc_no, e.legal_category, e.written_on, d.first_published_at, "
        "e.validity, e.expires_on, d.repealed_on FROM documents d JOIN editions e ON e.document_id = d.id AND "
        "e.edition_no = COALESCE((SELECT MAX(x.edition_no) FROM editions x WHERE x.document_id = d.id AND x.status IN "
        "('published', 'superseded') AND x.published_on <= :until), d.published_edition) "
        "WHERE e.legal_category = 'art20-01' ORDER BY d.id",
        [&](Params& p) { p.text("until", until); },
        [&](const soci::row& r) {
          DocumentFact f;
          f.id = int_at(r, 0);
          f.unit_id = int_at(r, 1);
          if (!wanted.count(f.unit_id)) return;
          f.title = text_at(r, 2);
          f.state = text_at(r, 3);
          f.doc_no = text_at(r, 4);
          f.legal_category = text_at(r, 5);
          f.written_on = text_at(r, 6);
          f.first_published_on = local_date(text_at(r, 7));
          f.validity = text_at(r, 8);
          f.expires_on = text_at(r, 9);
          f.repealed_on = text_at(r, 10);
          out.push_back(std::move(f));
        });
  return out;
}

std::vector<RequestFact> request_facts(soci::session& s, const std::vector<long long>& unit_ids, const std::string& until) {
  std::set<long long> wanted(unit_ids.begin(), unit_ids.end());
  std::vector<RequestFact> out;
  for_each_row(s,
        "SELECT r.id, r.number, r.unit_id, r.applicant_type, r.state, r.received_on, r.outcome, r.replied_on, "
        "(SELECT MIN(e.at) FROM request_events e WHERE e.request_id = r.id AND e.to_state IN "
        "('replied', 'deemed_withdrawn', 'closed_duplicate')), r.fee_amount, r.fee_paid_on "
        "FROM requests r WHERE r.received_on <= :until ORDER BY r.id",
        [&](Params& p) { p.text("until", until); },
        [&](const soci::row& r) {
          RequestFact f;
          f.id = int_at(r, 0);
          f.number = text_at(r, 1);
          f.unit_id = int_at(r, 2);
          if (!wanted.count(f.unit_id)) return;
          f.applicant_type = text_at(r, 3);
          f.state = text_at(r, 4);
          f.received_on = text_at(r, 5);
          f.outcome = text_at(r, 6);
          f.closed_on = text_at(r, 7);
          if (f.closed_on.empty()) f.closed_on = local_date(text_at(r, 8));
          f.fee_amount = int_at(r, 9);
          f.fee_paid_on = text_at(r, 10);
          out.push_back(std::move(f));
        });
  return out;
}

bool appeals_table_exists(soci::session& s) {
  long long n = 0;
  if (s.get_backend_name() == "postgresql") {
    s << "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'request_appeals' AND "
         "table_schema = current_schema()",
        soci::into(n);
  } else {
    s << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'request_appeals'", soci::into(n);
  }
  return n > 0;
}

std::vector<AppealFact> appeal_facts(soci::session& s, const std::vector<long long>& unit_ids, const std::string& until) {
  std::set<long long> wanted(unit_ids.begin(), unit_ids.end());
  std::vector<AppealFact> out;
  for_each_row(s,
        "SELECT a.id, a.request_id, r.unit_id, a.kind, a.after_review, a.filed_on, a.result, a.decided_on "
        "FROM request_appeals a JOIN requests r ON r.id = a.request_id WHERE a.filed_on <= :until ORDER BY a.id",
        [&](Params& p) { p.text("until", until); },
        [&](const soci::row& r) {
          AppealFact f;
          f.id = int_at(r, 0);
          f.request_id = int_at(r, 1);
          f.unit_id = int_at(r, 2);
          if (!wanted.count(f.unit_id)) return;
          f.kind = text_at(r, 3);
          f.after_review = int_at(r, 4) != 0;
          f.filed_on = text_at(r, 5);
          f.result = text_at(r, 6);
          f.decided_on = text_at(r, 7);
          out.push_back(std::move(f));
        });
  return out;
}

Facts indicator_facts(soci::session& s, const std::string& from, const std::string& to) {
  Facts f;
  const std::string published_edition = "JOIN editions e ON e.document_id = d.id AND e.edition_no = d.published_edition";
  for_each_row(s,
        "SELECT d.id, d.unit_id, e.title, e.published_on, e.timely FROM editions e JOIN documents d ON d.id = "
        "e.document_id WHERE e.edition_no = 1 AND e.status IN ('published', 'superseded') AND e.published_on >= :f "
        "AND e.published_on <= :t ORDER BY e.published_on, d.id",
        [&](Params& p) { p.text("f", from).text("t", to); },
        [&](const soci::row& r) {
          auto t = opt_int_at(r, 4);
          f.published.push_back({int_at(r, 0), int_at(r, 1), text_at(r, 2), text_at(r, 3),
                                 t ? std::optional<bool>(*t != 0) : std::nullopt});
        });
  for_each_row(s,
        "SELECT d.id, d.unit_id, e.title, e.expires_on FROM documents d " + published_edition +
            " WHERE d.state = 'published' AND e.validity = 'in_force' ORDER BY d.id",
        [](Params&) {},
        [&](const soci::row& r) { f.validity.push_back({int_at(r, 0), int_at(r, 1), text_at(r, 2), text_at(r, 3)}); });
  for_each_row(s,
        "SELECT d.id, d.unit_id, e.title, e.info_class, e.legal_category, "
        "(SELECT COUNT(*) FROM document_links l JOIN documents x ON x.id = l.from_document_id WHERE "
        "l.to_document_id = d.id AND l.kind = 'interprets' AND x.state = 'published'), "
        "(SELECT COUNT(*) FROM document_links l WHERE l.from_document_id = d.id AND l.kind = 'interprets') "
        "FROM documents d " + published_edition +
            " WHERE d.state = 'published' AND (e.info_class = 'policy' OR e.title LIKE '%解读%') ORDER BY d.id",
        [](Params&) {},
        [&](const soci::row& r) {
          PolicyFact p;
          p.document_id = int_at(r, 0);
          p.unit_id = int_at(r, 1);
          p.title = text_at(r, 2);
          p.info_class = text_at(r, 3);
          p.legal_category = text_at(r, 4);
          p.interpreted = int_at(r, 5) > 0;
          p.links_to_policy = int_at(r, 6) > 0;
          p.is_interpretation = p.title.find("解读") != std::string::npos;
          f.policies.push_back(std::move(p));
        });
  std::map<long long, std::size_t> entry_at;
  for_each_row(s,
        "SELECT c.id, c.unit_id, c.item_l1, c.item_l2, (SELECT COUNT(*) FROM documents d " + published_edition +
            " WHERE e.catalogue_entry_id = c.id AND d.state = 'published'), c.time_limit, (SELECT MAX(e.published_on) "
            "FROM editions e WHERE e.catalogue_entry_id = c.id AND e.status IN ('published', 'superseded') AND "
            "e.published_on <= :t) FROM catalogue_entries c ORDER BY c.unit_id, c.sort_order, c.id",
        [&](Params& p) { p.text("t", to); },
        [&](const soci::row& r) {
          CatalogueFact c;
          c.entry_id = int_at(r, 0);
          c.unit_id = int_at(r, 1);
          c.label = text_at(r, 2);
          if (!text_at(r, 3).empty()) c.label += " › " + text_at(r, 3);
          c.documents = int_at(r, 4);
          c.time_limit = text_at(r, 5);
          c.last_published_on = text_at(r, 6);
          entry_at[c.entry_id] = f.catalogue.size();
          f.catalogue.push_back(std::move(c));
        });
  // The editions citing an entry published in the period, with the working days they took (公开时限).
  for_each_row(s,
        "SELECT e.catalogue_entry_id, e.document_id, e.title, e.formed_on, e.published_on, e.working_days_to_publish "
        "FROM editions e WHERE e.catalogue_entry_id IS NOT NULL AND e.status IN ('published', 'superseded') AND "
        "e.published_on >= :f AND e.published_on <= :t ORDER BY e.published_on, e.id",
        [&](Params& p) { p.text("f", from).text("t", to); },
        [&](const soci::row& r) {
          auto it = entry_at.find(int_at(r, 0));
          if (it == entry_at.end()) return;
          auto wd = opt_int_at(r, 5);
          f.catalogue[it->second].in_period.push_back(
              {int_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4),
               wd ? std::optional<int>(static_cast<int>(*wd)) : std::nullopt});
        });
  for_each_row(s,
        "SELECT r.id, r.unit_id, r.number, r.state, r.received_on, r.replied_on, (SELECT MIN(e.at) FROM request_events e "
        "WHERE e.request_id = r.id AND e.to_state IN ('replied', 'deemed_withdrawn', 'closed_duplicate')), r.due_on "
        "FROM requests r WHERE r.received_on <= :t ORDER BY r.received_on, r.id",
        [&](Params& p) { p.text("t", to); },
        [&](const soci::row& r) {
          RequestCaseFact x;
          x.id = int_at(r, 0);
          x.unit_id = int_at(r, 1);
          x.number = text_at(r, 2);
          x.state = text_at(r, 3);
          x.received_on = text_at(r, 4);
          bool closed = x.state == "replied" || x.state == "deemed_withdrawn" || x.state == "closed_duplicate" ||
                        x.state == "archived";
          if (closed) {
            x.closed_on = text_at(r, 5);
            if (x.closed_on.empty()) x.closed_on = local_date(text_at(r, 6));
          }
          x.due_on = text_at(r, 7);
          f.requests.push_back(std::move(x));
        });
  for_each_row(s,
        "SELECT p.document_id, d.unit_id, e.title, p.granted_at FROM privacy_overrides p JOIN documents d ON d.id = "
        "p.document_id JOIN editions e ON e.document_id = d.id AND e.edition_no = (SELECT MAX(x.edition_no) FROM "
        "editions x WHERE x.document_id = d.id) ORDER BY p.granted_at, p.id",
        [](Params&) {},
        [&](const soci::row& r) {
          f.overrides.push_back({int_at(r, 0), int_at(r, 1), text_at(r, 2), local_date(text_at(r, 3))});
        });
  // Leaf columns only: a column that holds sub-columns is a heading, not a place documents go.
  for_each_row(s,
        "SELECT c.id, c.slug, c.name, c.update_interval_days, (SELECT MAX(e.published_on) FROM editions e JOIN "
        "documents d ON d.id = e.document_id WHERE d.column_id = c.id AND e.status IN ('published', 'superseded') AND "
        "e.published_on <= :t) FROM columns c WHERE c.active = 1 AND NOT EXISTS (SELECT 1 FROM columns k WHERE "
        "k.parent_id = c.id) ORDER BY c.sort_order, c.id",
        [&](Params& p) { p.text("t", to); },
        [&](const soci::row& r) {
          auto interval = opt_int_at(r, 3);
          f.columns.push_back({int_at(r, 0), text_at(r, 1), text_at(r, 2),
                               interval ? std::optional<int>(static_cast<int>(*interval)) : std::nullopt, text_at(r, 4)});
        });
  return f;
}

EnteredCounts entered_counts(soci::session& s, const std::vector<long long>& unit_ids, int year) {
  std::set<long long> wanted(unit_ids.begin(), unit_ids.end());
  EnteredCounts c;
  for_each_row(s, "SELECT unit_id, licensing, penalty, coercion, fees_fen FROM annual_report_counts WHERE year = :y",
        [&](Params& p) { p.integer("y", year); },
        [&](const soci::row& r) {
          if (!wanted.count(int_at(r, 0))) return;
          c.licensing += int_at(r, 1);
          c.penalty += int_at(r, 2);
          c.coercion += int_at(r, 3);
          c.fees_fen += int_at(r, 4);
        });
  return c;
}

std::optional<EnteredCounts> own_counts(soci::session& s, long long unit_id, int year) {
  std::optional<EnteredCounts> out;
  for_each_row(s, "SELECT licensing, penalty, coercion, fees_fen FROM annual_report_counts WHERE unit_id = :u AND year = :y",
        [&](Params& p) { p.integer("u", unit_id).integer("y", year); },
        [&](const soci::row& r) { out = EnteredCounts{int_at(r, 0), int_at(r, 1), int_at(r, 2), int_at(r, 3)}; });
  return out;
}

void put_counts(soci::session& s, long long unit_id, int year, const EnteredCounts& c, long long user_id,
                const std::string& now) {
  std::optional<long long> user = user_id ? std::optional<long long>(user_id) : std::nullopt;
  {
    soci::statement st(s);
    Params p(st);
    p.integer("u", unit_id).integer("y", year).integer("l", c.licensing).integer("p", c.penalty).integer("c", c.coercion)
        .integer("f", c.fees_fen).opt_integer("by", user).text("now", now);
    if (run(st, "UPDATE annual_report_counts SET licensing = :l, penalty = :p, coercion = :c, fees_fen = :f, "
                "updated_by = :by, updated_at = :now WHERE unit_id = :u AND year = :y") > 0) {
      return;
    }
  }
  soci::statement st(s);
  Params p(st);
  p.integer("u", unit_id).integer("y", year).integer("l", c.licensing).integer("p", c.penalty).integer("c", c.coercion)
      .integer("f", c.fees_fen).opt_integer("by", user).text("now", now);
  run(st, "INSERT INTO annual_report_counts (unit_id, year, licensing, penalty, coercion, fees_fen, updated_by, "
          "updated_at) VALUES (:u, :y, :l, :p, :c, :f, :by, :now)");
}

namespace {

const char* kReportCols =
    "id, unit_id, year, status, section1, section5, section6, snapshot_json, document_id, published_at, version, "
    "created_at, updated_at";

Report report_from(const soci::row& r) {
  Report x;
  x.id = int_at(r, 0);
  x.unit_id = int_at(r, 1);
  x.year = static_cast<int>(int_at(r, 2));
  x.status = report_status_from(text_at(r, 3)).value_or(ReportStatus::draft);
  x.section1 = text_at(r, 4);
  x.section5 = text_at(r, 5);
  x.section6 = text_at(r, 6);
  x.snapshot_json = text_at(r, 7);
  x.document_id = opt_int_at(r, 8);
  x.published_at = text_at(r, 9);
  x.version = static_cast<int>(int_at(r, 10));
  x.created_at = text_at(r, 11);
  x.updated_at = text_at(r, 12);
  return x;
}

}  // namespace

std::optional<Report> find_report(soci::session& s, long long unit_id, int year) {
  std::optional<Report> out;
  for_each_row(s, std::string("SELECT ") + kReportCols + " FROM annual_reports WHERE unit_id = :u AND year = :y",
        [&](Params& p) { p.integer("u", unit_id).integer("y", year); },
        [&](const soci::row& r) { out = report_from(r); });
  return out;
}

std::vector<Report> reports_of_year(soci::session& s, int year) {
  std::vector<Report> out;
  for_each_row(s, std::string("SELECT ") + kReportCols + " FROM annual_reports WHERE year = :y ORDER BY unit_id",
        [&](Params& p) { p.integer("y", year); }, [&](const soci::row& r) { out.push_back(report_from(r)); });
  return out;
}

long long insert_report(soci::session& s, const Report& r, const std::string& now) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  p.integer("u", r.unit_id).integer("y", r.year).text("s1", r.section1).text("s5", r.section5).text("s6", r.section6)
      .text("now", now).text("now2", now);
  st.exchange(soci::into(id));
  st.alloc();
  st.prepare("INSERT INTO annual_reports (unit_id, year, status, section1, section5, section6, version, created_at, "
             "updated_at) VALUES (:u, :y, 'draft', :s1, :s5, :s6, 1, :now, :now2) RETURNING id");
  st.define_and_bind();
  st.execute(true);
  return id;
}

bool update_texts(soci::session& s, const Report& r, int expected_version, const std::string& now) {
  soci::statement st(s);
  Params p(st);
  p.text("s1", r.section1).text("s5", r.section5).text("s6", r.section6).text("now", now).integer("id", r.id)
      .integer("v", expected_version);
  return run(st, "UPDATE annual_reports SET section1 = :s1, section5 = :s5, section6 = :s6, updated_at = :now, "
                 "version = version + 1 WHERE id = :id AND version = :v AND status = 'draft'") == 1;
}

bool mark_published(soci::session& s, long long id, const std::string& snapshot_json, long long document_id,
                    long long user_id, const std::string& now, int expected_version) {
  std::optional<long long> user = user_id ? std::optional<long long>(user_id) : std::nullopt;
  soci::statement st(s);
  Params p(st);
  p.text("snap", snapshot_json).integer("doc", document_id).opt_integer("by", user).text("now", now).text("now2", now)
      .integer("id", id).integer("v", expected_version);
  return run(st, "UPDATE annual_reports SET status = 'published', snapshot_json = :snap, document_id = :doc, "
                 "published_by = :by, published_at = :now, updated_at = :now2, version = version + 1 "
                 "WHERE id = :id AND version = :v AND status = 'draft'") == 1;
}

// ---- inspections ----

long long insert_inspection(soci::session& s, const Inspection& i, long long user_id, const std::string& now) {
  long long id = 0;
  {
    soci::statement st(s);
    Params p(st);
    p.text("t", i.title).text("sc", i.scope).text("f", i.period_from).text("to", i.period_to).text("d", i.due_on)
        .opt_integer("by", user_id ? std::optional<long long>(user_id) : std::nullopt).text("now", now);
    st.exchange(soci::into(id));
    st.alloc();
    st.prepare("INSERT INTO inspections (title, scope, period_from, period_to, due_on, created_by, created_at) VALUES "
               "(:t, :sc, :f, :to, :d, :by, :now) RETURNING id");
    st.define_and_bind();
    st.execute(true);
  }
  for (long long u : i.unit_ids) {
    s << "INSERT INTO inspection_units (inspection_id, unit_id) VALUES (:i, :u)", soci::use(id), soci::use(u);
  }
  return id;
}

namespace {

std::vector<Inspection> inspections_where(soci::session& s, const std::string& where, long long arg) {
  std::vector<Inspection> out;
  for_each_row(s, "SELECT id, title, scope, period_from, period_to, due_on, created_at FROM inspections " + where + " ORDER BY id DESC",
        [&](Params& p) { if (!where.empty()) p.integer("a", arg); },
        [&](const soci::row& r) {
          out.push_back({int_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5), text_at(r, 6), {}});
        });
  for (auto& i : out) {
    for_each_row(s, "SELECT unit_id FROM inspection_units WHERE inspection_id = :i ORDER BY unit_id",
          [&](Params& p) { p.integer("i", i.id); }, [&](const soci::row& r) { i.unit_ids.push_back(int_at(r, 0)); });
  }
  return out;
}

const char* kFindingCols =
    "id, inspection_id, unit_id, description, evidence, status, rectify_by, notified_on, answer, answered_on, "
    "answered_by, decision_note, closed_on, version, created_at, updated_at";

Finding finding_from(const soci::row& r) {
  Finding f;
  f.id = int_at(r, 0);
  f.inspection_id = int_at(r, 1);
  f.unit_id = int_at(r, 2);
  f.description = text_at(r, 3);
  f.evidence = text_at(r, 4);
  f.status = finding_status_from(text_at(r, 5)).value_or(FindingStatus::recorded);
  f.rectify_by = text_at(r, 6);
  f.notified_on = text_at(r, 7);
  f.answer = text_at(r, 8);
  f.answered_on = text_at(r, 9);
  f.answered_by = opt_int_at(r, 10);
  f.decision_note = text_at(r, 11);
  f.closed_on = text_at(r, 12);
  f.version = static_cast<int>(int_at(r, 13));
  f.created_at = text_at(r, 14);
  f.updated_at = text_at(r, 15);
  return f;
}

}  // namespace

std::vector<Inspection> inspections(soci::session& s) { return inspections_where(s, "", 0); }

std::optional<Inspection> find_inspection(soci::session& s, long long id) {
  auto v = inspections_where(s, "WHERE id = :a", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

long long insert_finding(soci::session& s, const Finding& f, const std::string& now) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  p.integer("i", f.inspection_id).integer("u", f.unit_id).text("d", f.description).text("e", f.evidence)
      .text("now", now).text("now2", now);
  st.exchange(soci::into(id));
  st.alloc();
  st.prepare("INSERT INTO inspection_findings (inspection_id, unit_id, description, evidence, status, version, "
             "created_at, updated_at) VALUES (:i, :u, :d, :e, 'recorded', 1, :now, :now2) RETURNING id");
  st.define_and_bind();
  st.execute(true);
  return id;
}

std::vector<Finding> findings(soci::session& s, long long inspection_id) {
  std::vector<Finding> out;
  std::string where = inspection_id > 0 ? " WHERE inspection_id = :i" : "";
  for_each_row(s, std::string("SELECT ") + kFindingCols + " FROM inspection_findings" + where + " ORDER BY id",
        [&](Params& p) { if (inspection_id > 0) p.integer("i", inspection_id); },
        [&](const soci::row& r) { out.push_back(finding_from(r)); });
  return out;
}

std::optional<Finding> find_finding(soci::session& s, long long id) {
  std::optional<Finding> out;
  for_each_row(s, std::string("SELECT ") + kFindingCols + " FROM inspection_findings WHERE id = :i",
        [&](Params& p) { p.integer("i", id); }, [&](const soci::row& r) { out = finding_from(r); });
  return out;
}

bool update_finding(soci::session& s, const Finding& f, int expected_version, const std::string& now) {
  soci::statement st(s);
  Params p(st);
  p.text("st", std::string(to_string(f.status))).text("rb", f.rectify_by).text("no", f.notified_on).text("an", f.answer)
      .text("ao", f.answered_on).opt_integer("ab", f.answered_by).text("dn", f.decision_note).text("co", f.closed_on)
      .text("now", now).integer("id", f.id).integer("v", expected_version);
  return run(st, "UPDATE inspection_findings SET status = :st, rectify_by = :rb, notified_on = :no, answer = :an, "
                 "answered_on = :ao, answered_by = :ab, decision_note = :dn, closed_on = :co, updated_at = :now, "
                 "version = version + 1 WHERE id = :id AND version = :v") == 1;
}

}  // namespace gongkai::oversight::store
