#include "gongkai/disclosure/store.hpp"

#include "platform/db/rows.hpp"

namespace gongkai::disclosure::store {

using platform::db::int_at;
using platform::db::opt_int_at;
using platform::db::Params;
using platform::db::text_at;

namespace {

// Prepares and runs `sql` with the statement's exchanges; returns affected rows.
long long run(soci::statement& st, const std::string& sql) {
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

// Runs a SELECT with the parameters `bind` adds and calls `each(row)` per result row.
template <class Bind, class Each>
void query(soci::session& s, const std::string& sql, Bind&& bind, Each&& each) {
  soci::row r;
  soci::statement st(s);
  Params p(st);
  bind(p);
  st.exchange(soci::into(r));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) each(r);
}

std::optional<int> opt_int(const soci::row& r, std::size_t i) {
  auto v = opt_int_at(r, i);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

const char* kColumnCols =
    "id, parent_id, slug, name, description, required, update_interval_days, sort_order, active, version, created_at, "
    "updated_at";

Column column_from(const soci::row& r) {
  Column c;
  c.id = int_at(r, 0);
  c.parent_id = opt_int_at(r, 1);
  c.slug = text_at(r, 2);
  c.name = text_at(r, 3);
  c.description = text_at(r, 4);
  c.required = int_at(r, 5) != 0;
  c.update_interval_days = opt_int(r, 6);
  c.sort_order = static_cast<int>(int_at(r, 7));
  c.active = int_at(r, 8) != 0;
  c.version = static_cast<int>(int_at(r, 9));
  c.created_at = text_at(r, 10);
  c.updated_at = text_at(r, 11);
  return c;
}

void bind_column(Params& p, const Column& c) {
  p.opt_integer("parent", c.parent_id)
      .text("slug", c.slug)
      .text("name", c.name)
      .text("description", c.description)
      .integer("required", c.required ? 1 : 0)
      .opt_integer("interval", c.update_interval_days ? std::optional<long long>(*c.update_interval_days) : std::nullopt)
      .integer("sort", c.sort_order)
      .integer("active", c.active ? 1 : 0);
}

const char* kDocumentCols =
    "d.id, d.unit_id, d.column_id, d.index_no, d.state, d.published_edition, d.first_published_at, "
    "d.last_published_at, d.withdrawn_at, d.withdrawal_reason, d.repealed_on, d.repeal_note, d.source_key, "
    "d.created_by, d.created_at, d.updated_at, d.version";
constexpr std::size_t kDocumentColCount = 17;

Document document_from(const soci::row& r, std::size_t o = 0) {
  Document d;
  d.id = int_at(r, o + 0);
  d.unit_id = int_at(r, o + 1);
  d.column_id = opt_int_at(r, o + 2);
  d.index_no = text_at(r, o + 3);
  d.state = document_state_from(text_at(r, o + 4)).value_or(DocumentState::draft);
  d.published_edition = opt_int(r, o + 5);
  d.first_published_at = text_at(r, o + 6);
  d.last_published_at = text_at(r, o + 7);
  d.withdrawn_at = text_at(r, o + 8);
  d.withdrawal_reason = text_at(r, o + 9);
  d.repealed_on = text_at(r, o + 10);
  d.repeal_note = text_at(r, o + 11);
  d.source_key = text_at(r, o + 12);
  d.created_by = int_at(r, o + 13);
  d.created_at = text_at(r, o + 14);
  d.updated_at = text_at(r, o + 15);
  d.version = static_cast<int>(int_at(r, o + 16));
  return d;
}

void bind_document(Params& p, const Document& d) {
  p.integer("unit", d.unit_id)
      .opt_integer("col", d.column_id)
      .opt_text("index_no", d.index_no)
      .text("state", std::string(to_string(d.state)))
      .opt_integer("pub_ed", d.published_edition ? std::optional<long long>(*d.published_edition) : std::nullopt)
      .opt_text("first_pub", d.first_published_at)
      .opt_text("last_pub", d.last_published_at)
      .opt_text("withdrawn_at", d.withdrawn_at)
      .text("withdrawal_reason", d.withdrawal_reason)
      .opt_text("repealed_on", d.repealed_on)
      .text("repeal_note", d.repeal_note)
      .opt_text("source_key", d.source_key);
}

const char* kEditionCols =
    "e.id, e.document_id, e.edition_no, e.status, e.change_kind, e.change_note, e.title, e.summary, e.body_md, "
    "e.issuer_name, e.doc_no, e.written_on, e.formed_on, e.topic, e.keywords, e.validity, e.effective_on, "
    "e.expires_on, e.disclosure_mode, e.withheld_reason, e.info_class, e.legal_category, e.domain, "
    "e.catalogue_entry_id, e.author_id, e.submitted_at, e.reviewer_id, e.review_opinion, e.reviewed_at, "
    "e.rejection_reason, e.urgent, e.review_pending, e.publish_at, e.published_at, e.published_by, e.published_on, "
    "e.working_days_to_publish, e.timely, e.body_html, e.content_hash, e.created_at, e.updated_at, e.version";

Edition edition_from(const soci::row& r, std::size_t o = 0) {
  Edition e;
  e.id = int_at(r, o + 0);
  e.document_id = int_at(r, o + 1);
  e.edition_no = static_cast<int>(int_at(r, o + 2));
  e.status = edition_status_from(text_at(r, o + 3)).value_or(EditionStatus::draft);
  e.f.change_kind = change_kind_from(text_at(r, o + 4)).value_or(ChangeKind::major);
  e.f.change_note = text_at(r, o + 5);
  e.f.title = text_at(r, o + 6);
  e.f.summary = text_at(r, o + 7);
  e.f.body_md = text_at(r, o + 8);
  e.f.issuer_name = text_at(r, o + 9);
  e.f.doc_no = text_at(r, o + 10);
  e.f.written_on = text_at(r, o + 11);
  e.f.formed_on = text_at(r, o + 12);
  e.f.topic = text_at(r, o + 13);
  e.f.keywords = text_at(r, o + 14);
  e.f.validity = validity_from(text_at(r, o + 15)).value_or(Validity::in_force);
  e.f.effective_on = text_at(r, o + 16);
  e.f.expires_on = text_at(r, o + 17);
  e.f.disclosure_mode = disclosure_mode_from(text_at(r, o + 18)).value_or(DisclosureMode::proactive);
  e.f.withheld_reason = text_at(r, o + 19);
  e.f.info_class = text_at(r, o + 20);
  e.f.legal_category = text_at(r, o + 21);
  e.f.domain = text_at(r, o + 22);
  e.f.catalogue_entry_id = opt_int_at(r, o + 23);
  e.author_id = int_at(r, o + 24);
  e.submitted_at = text_at(r, o + 25);
  e.reviewer_id = int_at(r, o + 26);
  e.review_opinion = text_at(r, o + 27);
  e.reviewed_at = text_at(r, o + 28);
  e.rejection_reason = text_at(r, o + 29);
  e.urgent = int_at(r, o + 30) != 0;
  e.review_pending = int_at(r, o + 31) != 0;
  e.publish_at = text_at(r, o + 32);
  e.published_at = text_at(r, o + 33);
  e.published_by = int_at(r, o + 34);
  e.published_on = text_at(r, o + 35);
  e.working_days_to_publish = opt_int(r, o + 36);
  if (auto t = opt_int_at(r, o + 37)) e.timely = *t != 0;
  e.body_html = text_at(r, o + 38);
  e.content_hash = text_at(r, o + 39);
  e.created_at = text_at(r, o + 40);
  e.updated_at = text_at(r, o + 41);
  e.version = static_cast<int>(int_at(r, o + 42));
  // The document's column lives on the document row; the caller fills it in where it matters.
  return e;
}

std::optional<long long> opt_user(long long id) { return id ? std::optional<long long>(id) : std::nullopt; }

void bind_edition(Params& p, const Edition& e) {
  const EditionFields& f = e.f;
  p.text("status", std::string(to_string(e.status)))
      .text("change_kind", std::string(to_string(f.change_kind)))
      .text("change_note", f.change_note)
      .text("title", f.title)
      .text("summary", f.summary)
      .text("body_md", f.body_md)
      .text("issuer_name", f.issuer_name)
      .text("doc_no", f.doc_no)
      .opt_text("written_on", f.written_on)
      .opt_text("formed_on", f.formed_on)
      .text("topic", f.topic)
      .text("keywords", f.keywords)
      .text("validity", std::string(to_string(f.validity)))
      .opt_text("effective_on", f.effective_on)
      .opt_text("expires_on", f.expires_on)
      .text("mode", std::string(to_string(f.disclosure_mode)))
      .text("withheld_reason", f.withheld_reason)
      .text("info_class", f.info_class)
      .text("legal_category", f.legal_category)
      .text("domain", f.domain)
      .opt_integer("catalogue", f.catalogue_entry_id)
      .opt_integer("author", opt_user(e.author_id))
      .opt_text("submitted_at", e.submitted_at)
      .opt_integer("reviewer", opt_user(e.reviewer_id))
      .text("review_opinion", e.review_opinion)
      .opt_text("reviewed_at", e.reviewed_at)
      .text("rejection_reason", e.rejection_reason)
      .integer("urgent", e.urgent ? 1 : 0)
      .integer("review_pending", e.review_pending ? 1 : 0)
      .opt_text("publish_at", e.publish_at)
      .opt_text("published_at", e.published_at)
      .opt_integer("published_by", opt_user(e.published_by))
      .opt_text("published_on", e.published_on)
      .opt_integer("wd", e.working_days_to_publish ? std::optional<long long>(*e.working_days_to_publish) : std::nullopt)
      .opt_integer("timely", e.timely ? std::optional<long long>(*e.timely ? 1 : 0) : std::nullopt)
      .text("body_html", e.body_html)
      .text("content_hash", e.content_hash);
}

const char* kEditionAssignments =
    "status = :status, change_kind = :change_kind, change_note = :change_note, title = :title, summary = :summary, "
    "body_md = :body_md, issuer_name = :issuer_name, doc_no = :doc_no, written_on = :written_on, formed_on = :formed_on, "
    "topic = :topic, keywords = :keywords, validity = :validity, effective_on = :effective_on, expires_on = :expires_on, "
    "disclosure_mode = :mode, withheld_reason = :withheld_reason, info_class = :info_class, "
    "legal_category = :legal_category, domain = :domain, catalogue_entry_id = :catalogue, author_id = :author, "
    "submitted_at = :submitted_at, reviewer_id = :reviewer, review_opinion = :review_opinion, "
    "reviewed_at = :reviewed_at, rejection_reason = :rejection_reason, urgent = :urgent, "
    "review_pending = :review_pending, publish_at = :publish_at, published_at = :published_at, "
    "published_by = :published_by, published_on = :published_on, working_days_to_publish = :wd, timely = :timely, "
    "body_html = :body_html, content_hash = :content_hash";

const char* kLedgerCols = "seq, at, action, document_id, edition_no, index_no, title, content_hash, prev_hash, entry_hash";

LedgerEntry entry_from(const soci::row& r) {
  LedgerEntry e;
  e.seq = int_at(r, 0);
  e.at = text_at(r, 1);
  e.action = text_at(r, 2);
  e.document_id = int_at(r, 3);
  e.edition_no = static_cast<int>(int_at(r, 4));
  e.index_no = text_at(r, 5);
  e.title = text_at(r, 6);
  e.content_hash = text_at(r, 7);
  e.prev_hash = text_at(r, 8);
  e.entry_hash = text_at(r, 9);
  return e;
}

}  // namespace

// ---- columns -------------------------------------------------------------------------------------------------

std::vector<Column> list_columns(soci::session& s) {
  std::vector<Column> out;
  query(s, std::string("SELECT ") + kColumnCols + " FROM columns ORDER BY sort_order, id", [](Params&) {},
        [&](const soci::row& r) { out.push_back(column_from(r)); });
  return out;
}

std::optional<Column> find_column(soci::session& s, long long id) {
  std::optional<Column> out;
  query(s, std::string("SELECT ") + kColumnCols + " FROM columns WHERE id = :id", [&](Params& p) { p.integer("id", id); },
        [&](const soci::row& r) { out = column_from(r); });
  return out;
}

std::optional<Column> find_column_by_slug(soci::session& s, const std::string& slug) {
  std::optional<Column> out;
  query(s, std::string("SELECT ") + kColumnCols + " FROM columns WHERE slug = :slug",
        [&](Params& p) { p.text("slug", slug); }, [&](const soci::row& r) { out = column_from(r); });
  return out;
}

long long insert_column(soci::session& s, const Column& c, const std::string& now) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  bind_column(p, c);
  p.text("created", now).text("updated", now);
  st.exchange(soci::into(id));
  run(st,
      "INSERT INTO columns (parent_id, slug, name, description, required, update_interval_days, sort_order, active, "
      "version, created_at, updated_at) VALUES (:parent, :slug, :name, :description, :required, :interval, :sort, "
      ":active, 1, :created, :updated) RETURNING id");
  return id;
}

bool update_column(soci::session& s, const Column& c, int expected_version, const std::string& now) {
  soci::statement st(s);
  Params p(st);
  bind_column(p, c);
  p.text("updated", now).integer("id", c.id).integer("ver", expected_version);
  return run(st,
             "UPDATE columns SET parent_id = :parent, slug = :slug, name = :name, description = :description, "
             "required = :required, update_interval_days = :interval, sort_order = :sort, active = :active, "
             "version = version + 1, updated_at = :updated WHERE id = :id AND version = :ver") == 1;
}

// ---- documents -----------------------------------------------------------------------------------------------

std::optional<Document> find_document(soci::session& s, long long id) {
  std::optional<Document> out;
  query(s, std::string("SELECT ") + kDocumentCols + " FROM documents d WHERE d.id = :id",
        [&](Params& p) { p.integer("id", id); }, [&](const soci::row& r) { out = document_from(r); });
  return out;
}

std::optional<Document> find_document_by_source(soci::session& s, const std::string& source_key) {
  std::optional<Document> out;
  query(s, std::string("SELECT ") + kDocumentCols + " FROM documents d WHERE d.source_key = :k",
        [&](Params& p) { p.text("k", source_key); }, [&](const soci::row& r) { out = document_from(r); });
  return out;
}

long long insert_document(soci::session& s, const Document& d, const std::string& now) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  bind_document(p, d);
  p.opt_integer("created_by", opt_user(d.created_by)).text("created", now).text("updated", now);
  st.exchange(soci::into(id));
  run(st,
      "INSERT INTO documents (unit_id, column_id, index_no, state, published_edition, first_published_at, "
      "last_published_at, withdrawn_at, withdrawal_reason, repealed_on, repeal_note, source_key, created_by, "
      "created_at, updated_at, version) VALUES (:unit, :col, :index_no, :state, :pub_ed, :first_pub, :last_pub, "
      ":withdrawn_at, :withdrawal_reason, :repealed_on, :repeal_note, :source_key, :created_by, :created, :updated, 1) "
      "RETURNING id");
  return id;
}

bool update_document(soci::session& s, const Document& d, int expected_version, const std::string& now) {
  soci::statement st(s);
  Params p(st);
  bind_document(p, d);
  p.text("updated", now).integer("id", d.id).integer("ver", expected_version);
  return run(st,
             "UPDATE documents SET unit_id = :unit, column_id = :col, index_no = :index_no, state = :state, "
             "published_edition = :pub_ed, first_published_at = :first_pub, last_published_at = :last_pub, "
             "withdrawn_at = :withdrawn_at, withdrawal_reason = :withdrawal_reason, repealed_on = :repealed_on, "
             "repeal_note = :repeal_note, source_key = :source_key, updated_at = :updated, version = version + 1 "
             "WHERE id = :id AND version = :ver") == 1;
}

// ---- editions ------------------------------------------------------------------------------------------------

std::optional<Edition> find_edition(soci::session& s, long long document_id, int edition_no) {
  std::optional<Edition> out;
  query(s, std::string("SELECT ") + kEditionCols + " FROM editions e WHERE e.document_id = :d AND e.edition_no = :n",
        [&](Params& p) { p.integer("d", document_id).integer("n", edition_no); },
        [&](const soci::row& r) { out = edition_from(r); });
  return out;
}

std::vector<Edition> list_editions(soci::session& s, long long document_id) {
  std::vector<Edition> out;
  query(s, std::string("SELECT ") + kEditionCols + " FROM editions e WHERE e.document_id = :d ORDER BY e.edition_no",
        [&](Params& p) { p.integer("d", document_id); }, [&](const soci::row& r) { out.push_back(edition_from(r)); });
  return out;
}

std::optional<Edition> latest_edition(soci::session& s, long long document_id) {
  std::optional<Edition> out;
  query(s,
        std::string("SELECT ") + kEditionCols +
            " FROM editions e WHERE e.document_id = :d ORDER BY e.edition_no DESC LIMIT 1",
        [&](Params& p) { p.integer("d", document_id); }, [&](const soci::row& r) { out = edition_from(r); });
  return out;
}

long long insert_edition(soci::session& s, const Edition& e, const std::string& now) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  bind_edition(p, e);
  p.integer("doc", e.document_id).integer("no", e.edition_no).text("created", now).text("updated", now);
  st.exchange(soci::into(id));
  run(st,
      "INSERT INTO editions (document_id, edition_no, status, change_kind, change_note, title, summary, body_md, "
      "issuer_name, doc_no, written_on, formed_on, topic, keywords, validity, effective_on, expires_on, "
      "disclosure_mode, withheld_reason, info_class, legal_category, domain, catalogue_entry_id, author_id, "
      "submitted_at, reviewer_id, review_opinion, reviewed_at, rejection_reason, urgent, review_pending, publish_at, "
      "published_at, published_by, published_on, working_days_to_publish, timely, body_html, content_hash, "
      "created_at, updated_at, version) VALUES (:doc, :no, :status, :change_kind, :change_note, :title, :summary, "
      ":body_md, :issuer_name, :doc_no, :written_on, :formed_on, :topic, :keywords, :validity, :effective_on, "
      ":expires_on, :mode, :withheld_reason, :info_class, :legal_category, :domain, :catalogue, :author, "
      ":submitted_at, :reviewer, :review_opinion, :reviewed_at, :rejection_reason, :urgent, :review_pending, "
      ":publish_at, :published_at, :published_by, :published_on, :wd, :timely, :body_html, :content_hash, :created, "
      ":updated, 1) RETURNING id");
  return id;
}

bool update_edition(soci::session& s, const Edition& e, int expected_version, const std::string& now) {
  soci::statement st(s);
  Params p(st);
  bind_edition(p, e);
  p.text("updated", now).integer("id", e.id).integer("ver", expected_version);
  return run(st, std::string("UPDATE editions SET ") + kEditionAssignments +
                     ", updated_at = :updated, version = version + 1 WHERE id = :id AND version = :ver") == 1;
}

std::vector<std::pair<long long, int>> due_scheduled(soci::session& s, const std::string& now) {
  std::vector<std::pair<long long, int>> out;
  query(s,
        "SELECT document_id, edition_no FROM editions WHERE status = 'scheduled' AND publish_at <= :now "
        "ORDER BY publish_at, id",
        [&](Params& p) { p.text("now", now); },
        [&](const soci::row& r) { out.emplace_back(int_at(r, 0), static_cast<int>(int_at(r, 1))); });
  return out;
}

// ---- attachments, links, overrides -----------------------------------------------------------------------------

std::vector<Attachment> list_attachments(soci::session& s, long long edition_id) {
  std::vector<Attachment> out;
  query(s,
        "SELECT id, edition_id, position, file_name, sha256, size_bytes, mime, kind, text, created_at "
        "FROM edition_attachments WHERE edition_id = :e ORDER BY position, id",
        [&](Params& p) { p.integer("e", edition_id); },
        [&](const soci::row& r) {
          out.push_back(Attachment{int_at(r, 0), int_at(r, 1), static_cast<int>(int_at(r, 2)), text_at(r, 3),
                                   text_at(r, 4), int_at(r, 5), text_at(r, 6), text_at(r, 7), text_at(r, 8),
                                   text_at(r, 9)});
        });
  return out;
}

long long insert_attachment(soci::session& s, const Attachment& a) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  p.integer("e", a.edition_id).integer("pos", a.position).text("name", a.file_name).text("sha", a.sha256)
      .integer("size", a.size_bytes).text("mime", a.mime).text("kind", a.kind).text("text", a.text)
      .text("at", a.created_at);
  st.exchange(soci::into(id));
  run(st,
      "INSERT INTO edition_attachments (edition_id, position, file_name, sha256, size_bytes, mime, kind, text, "
      "created_at) VALUES (:e, :pos, :name, :sha, :size, :mime, :kind, :text, :at) RETURNING id");
  return id;
}

void delete_attachment(soci::session& s, long long edition_id, long long attachment_id) {
  s << "DELETE FROM edition_attachments WHERE edition_id = :e AND id = :id", soci::use(edition_id, "e"),
      soci::use(attachment_id, "id");
}

void insert_link(soci::session& s, const Link& l, const std::string& now) {
  long long from = l.from_document_id, to = l.to_document_id;
  std::string kind = l.kind, at = now;
  s << "INSERT INTO document_links (from_document_id, to_document_id, kind, created_at) VALUES (:f, :t, :k, :at)",
      soci::use(from, "f"), soci::use(to, "t"), soci::use(kind, "k"), soci::use(at, "at");
}

void delete_link(soci::session& s, const Link& l) {
  long long from = l.from_document_id, to = l.to_document_id;
  std::string kind = l.kind;
  s << "DELETE FROM document_links WHERE from_document_id = :f AND to_document_id = :t AND kind = :k",
      soci::use(from, "f"), soci::use(to, "t"), soci::use(kind, "k");
}

std::vector<Link> links_of(soci::session& s, long long document_id) {
  std::vector<Link> out;
  query(s,
        "SELECT from_document_id, to_document_id, kind FROM document_links WHERE from_document_id = :a "
        "OR to_document_id = :b ORDER BY created_at",
        [&](Params& p) { p.integer("a", document_id).integer("b", document_id); },
        [&](const soci::row& r) { out.push_back(Link{int_at(r, 0), int_at(r, 1), text_at(r, 2)}); });
  return out;
}

std::vector<Override> list_overrides(soci::session& s, long long document_id) {
  std::vector<Override> out;
  query(s,
        "SELECT kind, value_hash, masked, reason, granted_by, granted_at FROM privacy_overrides "
        "WHERE document_id = :d ORDER BY id",
        [&](Params& p) { p.integer("d", document_id); },
        [&](const soci::row& r) {
          out.push_back(Override{text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int_at(r, 4), text_at(r, 5)});
        });
  return out;
}

void insert_override(soci::session& s, long long document_id, const Override& o) {
  soci::statement st(s);
  Params p(st);
  p.integer("d", document_id).text("kind", o.kind).text("hash", o.value_hash).text("masked", o.masked)
      .text("reason", o.reason).integer("by", o.granted_by).text("at", o.granted_at);
  run(st,
      "INSERT INTO privacy_overrides (document_id, kind, value_hash, masked, reason, granted_by, granted_at) "
      "VALUES (:d, :kind, :hash, :masked, :reason, :by, :at)");
}

// ---- the standard catalogue ------------------------------------------------------------------------------------

namespace {
const char* kCatalogueCols =
    "id, unit_id, domain, item_l1, item_l2, content, basis, time_limit, subject, channels, audience, mode, level, sort_order";
CatalogueEntry catalogue_from(const soci::row& r) {
  CatalogueEntry e;
  e.id = int_at(r, 0);
  e.unit_id = int_at(r, 1);
  e.domain = text_at(r, 2);
  e.item_l1 = text_at(r, 3);
  e.item_l2 = text_at(r, 4);
  e.content = text_at(r, 5);
  e.basis = text_at(r, 6);
  e.time_limit = text_at(r, 7);
  e.subject = text_at(r, 8);
  e.channels = text_at(r, 9);
  e.audience = text_at(r, 10);
  e.mode = text_at(r, 11);
  e.level = text_at(r, 12);
  e.sort_order = static_cast<int>(int_at(r, 13));
  return e;
}
}  // namespace

std::vector<CatalogueEntry> list_catalogue(soci::session& s, std::optional<long long> unit_id) {
  std::vector<CatalogueEntry> out;
  query(s,
        std::string("SELECT ") + kCatalogueCols + " FROM catalogue_entries" + (unit_id ? " WHERE unit_id = :u" : "") +
            " ORDER BY unit_id, sort_order, id",
        [&](Params& p) {
          if (unit_id) p.integer("u", *unit_id);
        },
        [&](const soci::row& r) { out.push_back(catalogue_from(r)); });
  return out;
}

std::optional<CatalogueEntry> find_catalogue_entry(soci::session& s, long long id) {
  std::optional<CatalogueEntry> out;
  query(s, std::string("SELECT ") + kCatalogueCols + " FROM catalogue_entries WHERE id = :id",
        [&](Params& p) { p.integer("id", id); }, [&](const soci::row& r) { out = catalogue_from(r); });
  return out;
}

bool upsert_catalogue_entry(soci::session& s, const CatalogueEntry& e, const std::string& now) {
  long long existing = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT id FROM catalogue_entries WHERE unit_id = :u AND item_l1 = :a AND item_l2 = :b", soci::use(e.unit_id, "u"),
      soci::use(e.item_l1, "a"), soci::use(e.item_l2, "b"), soci::into(existing, ind);
  soci::statement st(s);
  Params p(st);
  p.text("domain", e.domain).text("content", e.content).text("basis", e.basis).text("time_limit", e.time_limit)
      .text("subject", e.subject).text("channels", e.channels).text("audience", e.audience).text("mode", e.mode)
      .text("level", e.level).integer("sort", e.sort_order).text("now", now);
  if (ind == soci::i_ok && s.got_data()) {
    p.integer("id", existing);
    run(st,
        "UPDATE catalogue_entries SET domain = :domain, content = :content, basis = :basis, time_limit = :time_limit, "
        "subject = :subject, channels = :channels, audience = :audience, mode = :mode, level = :level, "
        "sort_order = :sort, updated_at = :now WHERE id = :id");
    return false;
  }
  p.integer("unit", e.unit_id).text("l1", e.item_l1).text("l2", e.item_l2).text("created", now);
  run(st,
      "INSERT INTO catalogue_entries (unit_id, domain, item_l1, item_l2, content, basis, time_limit, subject, channels, "
      "audience, mode, level, sort_order, created_at, updated_at) VALUES (:unit, :domain, :l1, :l2, :content, :basis, "
      ":time_limit, :subject, :channels, :audience, :mode, :level, :sort, :created, :now)");
  return true;
}

std::vector<std::pair<long long, long long>> catalogue_citations(soci::session& s, long long unit_id) {
  std::vector<std::pair<long long, long long>> out;
  query(s,
        "SELECT e.catalogue_entry_id, COUNT(DISTINCT d.id) FROM documents d JOIN editions e ON e.document_id = d.id "
        "AND e.edition_no = d.published_edition JOIN catalogue_entries c ON c.id = e.catalogue_entry_id "
        "WHERE d.state = 'published' AND c.unit_id = :u GROUP BY e.catalogue_entry_id",
        [&](Params& p) { p.integer("u", unit_id); },
        [&](const soci::row& r) { out.emplace_back(int_at(r, 0), int_at(r, 1)); });
  return out;
}

// ---- index numbers -------------------------------------------------------------------------------------------

long long next_index_serial(soci::session& s, long long unit_id, int year) {
  // UPDATE first: on PostgreSQL it takes the row lock, so two publishers in one unit get different serials.
  long long serial = 0;
  soci::indicator ind = soci::i_null;
  s << "UPDATE index_no_counters SET last_serial = last_serial + 1 WHERE unit_id = :u AND year = :y "
       "RETURNING last_serial",
      soci::use(unit_id, "u"), soci::use(year, "y"), soci::into(serial, ind);
  if (ind == soci::i_ok && s.got_data()) return serial;
  s << "INSERT INTO index_no_counters (unit_id, year, last_serial) VALUES (:u, :y, 1)", soci::use(unit_id, "u"),
      soci::use(year, "y");
  return 1;
}

bool index_no_taken(soci::session& s, const std::string& index_no) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM documents WHERE index_no = :i", soci::use(index_no, "i"), soci::into(n);
  return n > 0;
}

// ---- ledger --------------------------------------------------------------------------------------------------

Head lock_head(soci::session& s) {
  Head h;
  std::string sql = "SELECT seq, entry_hash FROM ledger_head WHERE id = 1";
  if (s.get_backend_name() == "postgresql") sql += " FOR UPDATE";
  s << sql, soci::into(h.seq), soci::into(h.entry_hash);
  return h;
}

void append_entry(soci::session& s, const LedgerEntry& e) {
  soci::statement st(s);
  Params p(st);
  p.integer("seq", e.seq).text("at", e.at).text("action", e.action).integer("doc", e.document_id)
      .integer("ed", e.edition_no).text("index_no", e.index_no).text("title", e.title)
      .text("content_hash", e.content_hash).text("prev", e.prev_hash).text("hash", e.entry_hash);
  run(st,
      "INSERT INTO ledger_entries (seq, at, action, document_id, edition_no, index_no, title, content_hash, "
      "prev_hash, entry_hash) VALUES (:seq, :at, :action, :doc, :ed, :index_no, :title, :content_hash, :prev, :hash)");
  long long seq = e.seq;
  std::string hash = e.entry_hash;
  s << "UPDATE ledger_head SET seq = :seq, entry_hash = :h WHERE id = 1", soci::use(seq, "seq"), soci::use(hash, "h");
}

std::vector<LedgerEntry> list_entries(soci::session& s, long long after_seq, int limit) {
  std::vector<LedgerEntry> out;
  query(s,
        std::string("SELECT ") + kLedgerCols + " FROM ledger_entries WHERE seq > :a ORDER BY seq LIMIT " +
            std::to_string(limit),
        [&](Params& p) { p.integer("a", after_seq); }, [&](const soci::row& r) { out.push_back(entry_from(r)); });
  return out;
}

std::vector<LedgerEntry> list_entries_desc(soci::session& s, long long before_seq, int limit) {
  std::vector<LedgerEntry> out;
  std::string where = before_seq > 0 ? " WHERE seq < :b" : "";
  query(s,
        std::string("SELECT ") + kLedgerCols + " FROM ledger_entries" + where + " ORDER BY seq DESC LIMIT " +
            std::to_string(limit),
        [&](Params& p) {
          if (before_seq > 0) p.integer("b", before_seq);
        },
        [&](const soci::row& r) { out.push_back(entry_from(r)); });
  return out;
}

std::vector<LedgerEntry> entries_of(soci::session& s, long long document_id) {
  std::vector<LedgerEntry> out;
  query(s, std::string("SELECT ") + kLedgerCols + " FROM ledger_entries WHERE document_id = :d ORDER BY seq",
        [&](Params& p) { p.integer("d", document_id); }, [&](const soci::row& r) { out.push_back(entry_from(r)); });
  return out;
}

void insert_checkpoint(soci::session& s, const Checkpoint& c) {
  soci::statement st(s);
  Params p(st);
  p.integer("seq", c.seq).text("hash", c.entry_hash).text("at", c.signed_at).text("pk", c.public_key)
      .text("sig", c.signature);
  run(st,
      "INSERT INTO ledger_checkpoints (seq, entry_hash, signed_at, public_key, signature) VALUES (:seq, :hash, :at, "
      ":pk, :sig)");
}

std::vector<Checkpoint> list_checkpoints(soci::session& s, int limit) {
  std::vector<Checkpoint> out;
  query(s,
        "SELECT id, seq, entry_hash, signed_at, public_key, signature FROM ledger_checkpoints ORDER BY id DESC LIMIT " +
            std::to_string(limit),
        [](Params&) {},
        [&](const soci::row& r) {
          out.push_back(Checkpoint{int_at(r, 0), int_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5)});
        });
  return out;
}

// ---- listings ------------------------------------------------------------------------------------------------

std::vector<Listed> list_public(soci::session& s, const ListQuery& q) {
  std::string sql = std::string("SELECT ") + kDocumentCols + ", " + kEditionCols +
                    " FROM documents d JOIN editions e ON e.document_id = d.id AND e.edition_no = d.published_edition "
                    "WHERE d.state " +
                    (q.include_withdrawn ? "IN ('published', 'withdrawn', 'repealed')" : "IN ('published', 'repealed')");
  if (!q.column_ids.empty()) {
    sql += " AND d.column_id IN (";
    for (std::size_t i = 0; i < q.column_ids.size(); ++i) sql += (i ? ", " : "") + std::to_string(q.column_ids[i]);
    sql += ")";
  } else if (q.column_id) {
    sql += " AND d.column_id = :col";
  }
  if (q.unit_id) sql += " AND d.unit_id = :unit";
  if (!q.topic.empty()) sql += " AND e.topic = :topic";
  if (!q.info_class.empty()) sql += " AND e.info_class = :cls";
  if (!q.year.empty()) sql += " AND d.first_published_at >= :y0 AND d.first_published_at < :y1";
  if (!q.after_published_at.empty()) {
    sql += " AND (d.last_published_at < :after OR (d.last_published_at = :after2 AND d.id < :after_id))";
  }
  sql += " ORDER BY d.last_published_at DESC, d.id DESC LIMIT " + std::to_string(q.limit);
  std::vector<Listed> out;
  query(
      s, sql,
      [&](Params& p) {
        if (q.column_ids.empty() && q.column_id) p.integer("col", *q.column_id);
        if (q.unit_id) p.integer("unit", *q.unit_id);
        if (!q.topic.empty()) p.text("topic", q.topic);
        if (!q.info_class.empty()) p.text("cls", q.info_class);
        if (!q.year.empty()) {
          // first_published_at is UTC; a year boundary in Beijing time is 16:00 UTC on 31 December.
          int y = std::atoi(q.year.c_str());
          p.text("y0", std::to_string(y - 1) + "-12-31T16:00:00Z").text("y1", std::to_string(y) + "-12-31T16:00:00Z");
        }
        if (!q.after_published_at.empty()) {
          p.text("after", q.after_published_at).text("after2", q.after_published_at).integer("after_id", q.after_id);
        }
      },
      [&](const soci::row& r) { out.push_back(Listed{document_from(r), edition_from(r, kDocumentColCount)}); });
  return out;
}

std::vector<std::pair<std::string, long long>> facet_counts(soci::session& s, const std::string& facet) {
  std::string expr;
  if (facet == "topic") expr = "e.topic";
  else if (facet == "info_class") expr = "e.info_class";
  else if (facet == "unit_id") expr = "CAST(d.unit_id AS TEXT)";
  // The Beijing year of first publication: shift UTC by 8 hours before taking the year.
  else if (facet == "year") {
    expr = s.get_backend_name() == "postgresql"
               ? "TO_CHAR((d.first_published_at::timestamptz AT TIME ZONE 'Asia/Shanghai'), 'YYYY')"
               : "strftime('%Y', d.first_published_at, '+8 hours')";
  } else {
    return {};
  }
  std::vector<std::pair<std::string, long long>> out;
  query(s,
        "SELECT " + expr + " AS k, COUNT(*) FROM documents d JOIN editions e ON e.document_id = d.id AND "
        "e.edition_no = d.published_edition WHERE d.state IN ('published', 'repealed') GROUP BY " + expr +
        " ORDER BY 1",
        [](Params&) {}, [&](const soci::row& r) { out.emplace_back(text_at(r, 0), int_at(r, 1)); });
  return out;
}

std::vector<WorkItem> list_work(soci::session& s, std::optional<long long> unit_id, const std::vector<std::string>& statuses,
                                int limit) {
  std::string sql = std::string("SELECT ") + kDocumentCols + ", " + kEditionCols +
                    " FROM documents d JOIN editions e ON e.document_id = d.id AND e.edition_no = "
                    "(SELECT MAX(x.edition_no) FROM editions x WHERE x.document_id = d.id) WHERE 1 = 1";
  if (unit_id) sql += " AND d.unit_id = :unit";
  if (!statuses.empty()) {
    sql += " AND e.status IN (";
    for (std::size_t i = 0; i < statuses.size(); ++i) sql += (i ? ", :st" : ":st") + std::to_string(i);
    sql += ")";
  }
  sql += " ORDER BY e.updated_at DESC, d.id DESC LIMIT " + std::to_string(limit);
  std::vector<WorkItem> out;
  query(
      s, sql,
      [&](Params& p) {
        if (unit_id) p.integer("unit", *unit_id);
        for (std::size_t i = 0; i < statuses.size(); ++i) p.text("st" + std::to_string(i), statuses[i]);
      },
      [&](const soci::row& r) { out.push_back(WorkItem{document_from(r), edition_from(r, kDocumentColCount)}); });
  return out;
}

std::vector<long long> public_document_ids(soci::session& s) {
  std::vector<long long> out;
  platform::db::for_each_row(
      s, "SELECT id FROM documents WHERE state IN ('published', 'repealed') AND published_edition IS NOT NULL ORDER BY id",
      [](platform::db::Params&) {}, [&](const soci::row& r) { out.push_back(platform::db::int_at(r, 0)); });
  return out;
}

}  // namespace gongkai::disclosure::store
