#include "gongkai/disclosure/to_json.hpp"

#include "platform/files/inspect.hpp"
#include "platform/time.hpp"

namespace gongkai::disclosure {
namespace json = boost::json;

namespace {
std::string display_time(const std::string& iso) { return iso.empty() ? "" : platform::utc_iso_to_local_display(iso); }
std::string display_date(const std::string& iso) { return display_time(iso).substr(0, 10); }
}  // namespace

json::object edition_json(const store::Edition& e, const Vocabulary& v) {
  const EditionFields& f = e.f;
  return json::object{
      {"edition_no", e.edition_no},
      {"status", to_string(e.status)},
      {"status_label", label(e.status)},
      {"title", f.title},
      {"summary", f.summary},
      {"issuer_name", f.issuer_name},
      {"doc_no", f.doc_no},
      {"written_on", f.written_on},
      {"formed_on", f.formed_on},
      {"topic", f.topic},
      {"topic_label", Vocabulary::label_of(v.topics, f.topic)},
      {"keywords", f.keywords},
      {"declared_validity", to_string(f.validity)},
      {"effective_on", f.effective_on},
      {"expires_on", f.expires_on},
      {"disclosure_mode", to_string(f.disclosure_mode)},
      {"disclosure_mode_label", label(f.disclosure_mode)},
      {"info_class", f.info_class},
      {"info_class_label", Vocabulary::label_of(v.classes, f.info_class)},
      {"legal_category", f.legal_category},
      {"legal_category_label", Vocabulary::label_of(v.legal_categories, f.legal_category)},
      {"domain", f.domain},
      {"domain_label", Vocabulary::label_of(v.domains, f.domain)},
      {"change_kind", to_string(f.change_kind)},
      {"change_kind_label", label(f.change_kind)},
      {"change_note", f.change_note},
      {"published_at", e.published_at},
      {"published_display", display_time(e.published_at)},
      {"published_on", e.published_on},
      {"content_hash", e.content_hash},
  };
}

json::object listed_json(const store::Listed& l, const Vocabulary& v, const std::string& unit_name) {
  const auto& e = l.edition;
  return json::object{{"id", l.doc.id},
                      {"url", "/documents/" + std::to_string(l.doc.id)},
                      {"index_no", l.doc.index_no},
                      {"title", e.f.title},
                      {"summary", e.f.summary},
                      {"doc_no", e.f.doc_no},
                      {"written_on", e.f.written_on},
                      {"issuer_name", e.f.issuer_name},
                      {"unit_id", l.doc.unit_id},
                      {"unit_name", unit_name},
                      {"topic_label", Vocabulary::label_of(v.topics, e.f.topic)},
                      {"state", to_string(l.doc.state)},
                      {"repealed", l.doc.state == DocumentState::repealed},
                      {"withdrawn", l.doc.state == DocumentState::withdrawn},
                      {"edition_no", e.edition_no},
                      {"first_published_at", l.doc.first_published_at},
                      {"last_published_at", l.doc.last_published_at},
                      {"published_date", display_date(l.doc.first_published_at)}};
}

json::object public_json(const PublicDocument& p, const Vocabulary& v) {
  json::object o = edition_json(p.edition, v);
  o["id"] = p.doc.id;
  o["url"] = "/documents/" + std::to_string(p.doc.id);
  o["index_no"] = p.doc.index_no;
  o["unit_id"] = p.doc.unit_id;
  o["unit_name"] = p.unit_name;
  if (o["issuer_name"].as_string().empty()) o["issuer_name"] = p.unit_name;
  o["state"] = to_string(p.doc.state);
  o["state_label"] = label(p.doc.state);
  o["validity"] = to_string(p.validity);
  o["validity_label"] = label(p.validity);
  o["validity_warning"] = p.validity != Validity::in_force;
  o["withdrawn"] = p.doc.state == DocumentState::withdrawn;
  o["withdrawn_at"] = display_time(p.doc.withdrawn_at);
  o["withdrawal_reason"] = p.doc.withdrawal_reason;
  o["repealed"] = p.doc.state == DocumentState::repealed;
  o["repealed_on"] = p.doc.repealed_on;
  o["repeal_note"] = p.doc.repeal_note;
  o["first_published_date"] = display_date(p.doc.first_published_at);
  o["is_current"] = p.is_current;
  o["current_edition"] = p.doc.published_edition.value_or(0);
  // A withdrawn document keeps its address and its metadata, but not its content.
  if (p.doc.state != DocumentState::withdrawn) o["body_html"] = p.edition.body_html;
  if (p.column) o["column"] = column_json(*p.column);
  o["catalogue_item"] = p.catalogue_item;
  json::array attachments;
  if (p.doc.state != DocumentState::withdrawn) {
    for (const auto& a : p.attachments) {
      attachments.push_back(json::object{
          {"id", a.id}, {"name", a.file_name}, {"kind", a.kind}, {"kind_label", platform::files::kind_label(a.kind)},
          {"size", a.size_bytes}, {"sha256", a.sha256},
          {"size_label", a.size_bytes >= 1024 * 1024 ? std::to_string(a.size_bytes / (1024 * 1024)) + " MB"
                                                      : std::to_string((a.size_bytes + 1023) / 1024) + " KB"},
          {"url", "/documents/" + std::to_string(p.doc.id) + "/editions/" + std::to_string(p.edition.edition_no) +
                      "/files/" + std::to_string(a.id)}});
    }
  }
  o["attachments"] = attachments;
  o["has_attachments"] = !attachments.empty();
  json::array related, interpretations, policies;
  for (const auto& r : p.related) {
    json::object x{{"id", r.id}, {"title", r.title}, {"url", "/documents/" + std::to_string(r.id)}};
    if (r.kind == "interprets" && r.direction == "from") interpretations.push_back(x);
    else if (r.kind == "interprets") policies.push_back(x);
    else related.push_back(x);
  }
  o["interpretations"] = interpretations;  // 政策解读 of this policy
  o["interprets"] = policies;              // the policy this document interprets
  o["related"] = related;
  o["has_related"] = !related.empty() || !interpretations.empty() || !policies.empty();
  json::array history;
  for (auto it = p.editions.rbegin(); it != p.editions.rend(); ++it) {
    history.push_back(json::object{{"edition_no", it->edition_no},
                                   {"published_display", display_time(it->published_at)},
                                   {"change_kind_label", label(it->f.change_kind)},
                                   {"change_note", it->f.change_note},
                                   {"current", it->edition_no == p.doc.published_edition.value_or(0)},
                                   {"shown", it->edition_no == p.edition.edition_no},
                                   {"url", "/documents/" + std::to_string(p.doc.id) + "?edition=" +
                                               std::to_string(it->edition_no)}});
  }
  o["history"] = history;
  o["has_history"] = history.size() > 1;
  json::array ledger;
  for (const auto& e : p.ledger) ledger.push_back(ledger_json(e));
  o["ledger"] = ledger;
  return o;
}

json::object column_json(const store::Column& c) {
  return json::object{{"id", c.id},
                      {"parent_id", c.parent_id ? json::value(*c.parent_id) : json::value(nullptr)},
                      {"slug", c.slug},
                      {"name", c.name},
                      {"description", c.description},
                      {"required", c.required},
                      {"update_interval_days", c.update_interval_days ? json::value(*c.update_interval_days) : json::value(nullptr)},
                      {"sort_order", c.sort_order},
                      {"active", c.active},
                      {"version", c.version},
                      {"url", "/columns/" + c.slug}};
}

json::object ledger_json(const LedgerEntry& e) {
  static const std::map<std::string, std::string> labels = {
      {"publish", "发布"}, {"new_edition", "发布新版本"}, {"withdraw", "撤回"}, {"repeal", "废止"}};
  auto it = labels.find(e.action);
  return json::object{{"seq", e.seq},
                      {"at", e.at},
                      {"at_display", display_time(e.at)},
                      {"action", e.action},
                      {"action_label", it == labels.end() ? e.action : it->second},
                      {"document_id", e.document_id},
                      {"document_url", "/documents/" + std::to_string(e.document_id)},
                      {"edition_no", e.edition_no},
                      {"index_no", e.index_no},
                      {"title", e.title},
                      {"content_hash", e.content_hash},
                      {"prev_hash", e.prev_hash},
                      {"entry_hash", e.entry_hash}};
}

json::object checkpoint_json(const store::Checkpoint& c) {
  return json::object{{"id", c.id},           {"seq", c.seq},
                      {"entry_hash", c.entry_hash}, {"signed_at", c.signed_at},
                      {"public_key", c.public_key}, {"signature", c.signature},
                      {"message", checkpoint_message(c.seq, c.entry_hash, c.signed_at)}};
}

json::object catalogue_entry_json(const CatalogueEntry& c, const Vocabulary& v, long long documents) {
  return json::object{{"id", c.id},           {"item_l1", c.item_l1},       {"item_l2", c.item_l2},
                      {"content", c.content}, {"basis", c.basis},           {"time_limit", c.time_limit},
                      {"subject", c.subject}, {"channels", c.channels},     {"audience", c.audience},
                      {"mode", c.mode},       {"level", c.level},           {"domain_label", Vocabulary::label_of(v.domains, c.domain)},
                      {"documents", documents}, {"uncovered", documents == 0}};
}

json::array options_json(const std::vector<CodeLabel>& list, const std::string& selected) {
  json::array out;
  for (const auto& c : list) out.push_back(json::object{{"code", c.code}, {"label", c.label}, {"selected", c.code == selected}});
  return out;
}

}  // namespace gongkai::disclosure
