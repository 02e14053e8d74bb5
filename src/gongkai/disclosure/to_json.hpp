// The JSON shapes of documents, editions, columns and ledger entries: the template data of pages and the bodies of
// /api/v1. Only public fields: nothing here names the staff who wrote or reviewed a document.
#pragma once

#include <boost/json.hpp>

#include "gongkai/disclosure/service.hpp"

namespace gongkai::disclosure {

// The official metadata of an edition with labels ("topic_label", "validity_label", …) for pages.
boost::json::object edition_json(const store::Edition& e, const Vocabulary& v);
// A published document in a list: id, index_no, title, doc_no, dates, unit, validity, url.
boost::json::object listed_json(const store::Listed& l, const Vocabulary& v, const std::string& unit_name);
// The whole public page: metadata table, body HTML, attachments, related documents, history, ledger entries.
boost::json::object public_json(const PublicDocument& p, const Vocabulary& v);
boost::json::object column_json(const store::Column& c);
boost::json::object ledger_json(const LedgerEntry& e);
boost::json::object checkpoint_json(const store::Checkpoint& c);
// A 标准目录 entry with its 领域's label and the number of published documents that fulfil it.
boost::json::object catalogue_entry_json(const CatalogueEntry& c, const Vocabulary& v, long long documents);
// Code lists as [{code, label, selected}] for <select> elements.
boost::json::array options_json(const std::vector<CodeLabel>& list, const std::string& selected);

}  // namespace gongkai::disclosure
