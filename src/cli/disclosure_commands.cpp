#include "cli/disclosure_commands.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "gongkai/calendar/model.hpp"
#include "platform/progress.hpp"
#include "platform/text/csv.hpp"
#include "platform/time.hpp"

namespace cli {

void add_disclosure_commands(CLI::App& app, DisclosureCommands& c) {
  c.ledger = app.add_subcommand("ledger", "The public ledger of publications (公开台账)");
  c.ledger->fallthrough();
  c.ledger->require_subcommand(1);
  c.verify = c.ledger->add_subcommand("verify", "Re-hash every published edition and follow the chain; exit 1 at the first mismatch");
  c.verify->fallthrough();
  c.checkpoint = c.ledger->add_subcommand("checkpoint", "Sign the current head of the ledger (Ed25519 key in the data folder)");
  c.checkpoint->fallthrough();

  c.import = app.add_subcommand("import", "Bulk import");
  c.import->fallthrough();
  c.import->require_subcommand(1);
  c.import_documents = c.import->add_subcommand("documents", "Import published documents from JSON Lines or CSV");
  c.import_documents->fallthrough();
  c.import_documents->add_option("file", c.file, "FILE.jsonl or FILE.csv (fields: id, title, org, date, doc_number, body)")->required();
  c.import_documents->add_option("--unit", c.unit, "Issuing unit: id or exact name (default: the district government)");
  c.import_documents->add_option("--column", c.column, "Column slug to file the documents in")->capture_default_str();
}

namespace {

int verify(gongkai::App& app) {
  std::optional<platform::ProgressBar> bar;
  long long shown = 0;
  auto report = app.disclosure.verify_ledger([&](long long done, long long total) {
    if (!bar) bar.emplace("核验台账", static_cast<std::uint64_t>(total));
    bar->advance(static_cast<std::uint64_t>(done - shown));
    shown = done;
  });
  if (bar) bar->finish();
  if (report.ok) {
    std::cout << fmt::format("台账完整：{} 条记录、{} 个签名检查点均与存储内容一致。\n", report.entries, report.checkpoints);
    return 0;
  }
  std::cout << fmt::format("台账不一致：第 {} 条。{}\n", report.first_bad_seq, report.problem);
  return 1;
}

// One record of the import file, in the field names of shared/data/documents/*.jsonl.
struct ImportRecord {
  std::string id, title, org, date, doc_number, category, subcategory, body;
  std::vector<std::string> history;
};

gongkai::disclosure::EditionFields to_fields(const ImportRecord& r, std::optional<long long> column) {
  gongkai::disclosure::EditionFields f;
  f.column_id = column;
  f.title = r.title;
  f.issuer_name = r.org;
  f.doc_no = r.doc_number;
  // Only real dates become 成文日期; sources sometimes give a year or nothing. The 信息形成日期 stays empty: an
  // imported document was formed elsewhere, long ago, so its timeliness here is unknown rather than "late".
  if (gongkai::calendar::Date::parse(r.date)) f.written_on = r.date;
  std::string summary;
  for (const auto& h : r.history) summary += (summary.empty() ? "" : "；") + h;
  if (summary.size() > 1500) summary.resize(1500);
  // Cut at a UTF-8 boundary.
  while (!summary.empty() && (static_cast<unsigned char>(summary.back()) & 0xC0) == 0x80) summary.pop_back();
  if (!summary.empty() && static_cast<unsigned char>(summary.back()) >= 0xC0) summary.pop_back();
  f.summary = summary;
  f.keywords = r.category + (r.subcategory.empty() ? "" : " " + r.subcategory);
  f.body_md = r.body;
  f.info_class = "policy";
  f.legal_category = "art20-01";
  return f;
}

platform::Result<ImportRecord> from_json_line(std::string_view line) {
  boost::system::error_code ec;
  auto v = boost::json::parse(line, ec);
  if (ec || !v.is_object()) return platform::make_error("invalid_json", "不是有效的 JSON 对象");
  const auto& o = v.as_object();
  auto str = [&](const char* k) -> std::string {
    auto* p = o.if_contains(k);
    return p && p->is_string() ? std::string(p->as_string()) : "";
  };
  ImportRecord r{str("id"), str("title"), str("org"), str("date"), str("doc_number"), str("category"), str("subcategory"), str("body"), {}};
  if (auto* h = o.if_contains("history"); h && h->is_array()) {
    for (const auto& x : h->as_array()) {
      if (x.is_string()) r.history.emplace_back(x.as_string());
    }
  }
  return r;
}

int import_documents(const DisclosureCommands& c, gongkai::App& app) {
  std::ifstream in(c.file, std::ios::binary);
  if (!in) {
    std::cerr << "错误：无法打开文件 " << c.file << "\n";
    return 1;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();

  // The issuing unit: an id, an exact name, or the district government.
  std::optional<gongkai::units::Unit> unit;
  for (const auto& u : app.units.all()) {
    if (c.unit.empty() ? !u.f.parent_id.has_value() : (std::to_string(u.id) == c.unit || u.f.name == c.unit)) unit = u;
  }
  if (!unit) {
    std::cerr << "错误：" << (c.unit.empty() ? "尚未建立区政府单位（先运行 gongkai init 或 gongkai demo）" : "没有这个单位：" + c.unit) << "\n";
    return 1;
  }
  auto column = app.disclosure.column_by_slug(c.column);
  if (!column) {
    std::cerr << "错误：没有网址名为 " << c.column << " 的栏目\n";
    return 1;
  }
  auto actor = gongkai::units::command_line_actor();
  actor.roles.insert(gongkai::units::Role::supervisor);

  // The records with their line numbers, then one transaction per record.
  std::vector<std::pair<int, platform::Result<ImportRecord>>> records;
  bool csv = c.file.size() >= 4 && c.file.substr(c.file.size() - 4) == ".csv";
  if (csv) {
    platform::text::CsvReader reader(text);
    std::vector<std::string> header, row;
    platform::Error err;
    if (!reader.next(header, &err)) {
      std::cerr << "错误：" << (reader.failed() ? err.message : "CSV 文件是空的") << "\n";
      return 1;
    }
    auto col = [&](const char* name) -> int {
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return static_cast<int>(i);
      }
      return -1;
    };
    int i_id = col("id"), i_title = col("title"), i_org = col("org"), i_date = col("date"), i_no = col("doc_number"),
        i_cat = col("category"), i_sub = col("subcategory"), i_body = col("body"), i_hist = col("history");
    if (i_id < 0 || i_title < 0 || i_body < 0) {
      std::cerr << "错误：CSV 表头须包含 id、title、body 列（另可有 org、date、doc_number、category、subcategory、history）\n";
      return 1;
    }
    while (reader.next(row, &err)) {
      auto get = [&](int i) { return i >= 0 && i < static_cast<int>(row.size()) ? row[i] : std::string(); };
      ImportRecord r{get(i_id), get(i_title), get(i_org), get(i_date), get(i_no), get(i_cat), get(i_sub), get(i_body), {}};
      if (!get(i_hist).empty()) r.history.push_back(get(i_hist));
      records.emplace_back(reader.line(), r);
    }
    if (reader.failed()) records.emplace_back(reader.line(), err);
  } else {
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t eol = text.find('\n', pos);
      std::string_view line(text.data() + pos, (eol == std::string::npos ? text.size() : eol) - pos);
      pos = eol == std::string::npos ? text.size() : eol + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      records.emplace_back(line_no, from_json_line(line));
    }
  }

  platform::ProgressBar bar("导入政府信息", records.size());
  long long created = 0, skipped = 0, failed = 0;
  std::vector<std::string> problems;
  // Batches of up to 200 records share one transaction (one fsync); each record is still all-or-nothing.
  constexpr std::size_t kBatch = 200;
  for (std::size_t start = 0; start < records.size(); start += kBatch) {
    std::size_t end = std::min(records.size(), start + kBatch);
    std::vector<gongkai::disclosure::DisclosureService::ImportItem> items;
    std::vector<std::size_t> index;  // records[index[k]] is items[k]
    for (std::size_t i = start; i < end; ++i) {
      auto& [line, rec] = records[i];
      if (!rec) {
        ++failed;
        problems.push_back(fmt::format("第 {} 行：{}（{}）", line, rec.error().message, rec.error().code));
      } else if (rec->id.empty()) {
        ++failed;
        problems.push_back(fmt::format("第 {} 行：缺少 id（用于避免重复导入）", line));
      } else {
        items.push_back({"import:" + rec->id, to_fields(*rec, column->id)});
        index.push_back(i);
      }
    }
    auto results = app.disclosure.import_published_many(actor, unit->id, items);
    for (std::size_t k = 0; k < results.size(); ++k) {
      const auto& r = results[k];
      if (!r) {
        ++failed;
        problems.push_back(fmt::format("第 {} 行：{}（{}）", records[index[k]].first, r.error().message, r.error().code));
      } else if (*r) {
        ++created;
      } else {
        ++skipped;
      }
    }
    bar.advance(end - start);
  }
  bar.finish();
  for (const auto& p : problems) std::cerr << p << "\n";
  std::cout << fmt::format("导入完成：新建 {} 条，已存在跳过 {} 条，失败 {} 条（发布机构：{}，栏目：{}）。\n", created, skipped,
                           failed, unit->f.name, column->name);
  return failed ? 1 : 0;
}

}  // namespace

int run_disclosure_commands(const DisclosureCommands& c, gongkai::App& app) {
  if (c.verify->parsed()) return verify(app);
  if (c.import_documents->parsed()) return import_documents(c, app);
  if (c.checkpoint->parsed()) {
    auto cp = app.disclosure.checkpoint();
    if (!cp) {
      std::cout << "台账自上一个检查点以来没有新记录（或尚无记录），无需签名。\n";
      return 0;
    }
    std::cout << fmt::format("已签名检查点：第 {} 条，链头 {}\n公钥 {}\n签名 {}\n", cp->seq, cp->entry_hash, cp->public_key,
                             cp->signature);
    return 0;
  }
  return 2;
}

}  // namespace cli
