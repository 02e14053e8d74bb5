#include "gongkai/disclosure/model.hpp"

#include <array>
#include <map>
#include <boost/json.hpp>

#include "gongkai/text.hpp"
#include "platform/crypto.hpp"

namespace gongkai::disclosure {
namespace json = boost::json;
using platform::make_error;

namespace {

template <class E, std::size_t N>
std::optional<E> from_table(const std::array<std::pair<E, std::string_view>, N>& t, std::string_view s) {
  for (const auto& [e, name] : t) {
    if (name == s) return e;
  }
  return std::nullopt;
}
template <class E, std::size_t N>
std::string_view name_in(const std::array<std::pair<E, std::string_view>, N>& t, E e) {
  for (const auto& [x, name] : t) {
    if (x == e) return name;
  }
  return "";
}

constexpr std::array<std::pair<DocumentState, std::string_view>, 4> kDocumentStates{{
    {DocumentState::draft, "draft"}, {DocumentState::published, "published"},
    {DocumentState::withdrawn, "withdrawn"}, {DocumentState::repealed, "repealed"}}};
constexpr std::array<std::pair<DocumentState, std::string_view>, 4> kDocumentStateLabels{{
    {DocumentState::draft, "草稿"}, {DocumentState::published, "已发布"},
    {DocumentState::withdrawn, "已撤回"}, {DocumentState::repealed, "已废止"}}};
constexpr std::array<std::pair<EditionStatus, std::string_view>, 6> kEditionStatuses{{
    {EditionStatus::draft, "draft"}, {EditionStatus::submitted, "submitted"}, {EditionStatus::approved, "approved"},
    {EditionStatus::scheduled, "scheduled"}, {EditionStatus::published, "published"},
    {EditionStatus::superseded, "superseded"}}};
constexpr std::array<std::pair<EditionStatus, std::string_view>, 6> kEditionStatusLabels{{
    {EditionStatus::draft, "草稿"}, {EditionStatus::submitted, "待审核"}, {EditionStatus::approved, "审核通过"},
    {EditionStatus::scheduled, "定时发布"}, {EditionStatus::published, "已发布"},
    {EditionStatus::superseded, "已被新版本取代"}}};
constexpr std::array<std::pair<Validity, std::string_view>, 4> kValidities{{
    {Validity::in_force, "in_force"}, {Validity::expired, "expired"}, {Validity::repealed, "repealed"},
    {Validity::amended, "amended"}}};
constexpr std::array<std::pair<Validity, std::string_view>, 4> kValidityLabels{{
    {Validity::in_force, "有效"}, {Validity::expired, "失效"}, {Validity::repealed, "废止"},
    {Validity::amended, "已修订"}}};
constexpr std::array<std::pair<DisclosureMode, std::string_view>, 3> kModes{{
    {DisclosureMode::proactive, "proactive"}, {DisclosureMode::on_request, "on_request"},
    {DisclosureMode::withheld, "withheld"}}};
constexpr std::array<std::pair<DisclosureMode, std::string_view>, 3> kModeLabels{{
    {DisclosureMode::proactive, "主动公开"}, {DisclosureMode::on_request, "依申请公开"},
    {DisclosureMode::withheld, "不予公开"}}};
constexpr std::array<std::pair<ChangeKind, std::string_view>, 2> kChangeKinds{{
    {ChangeKind::major, "major"}, {ChangeKind::minor, "minor"}}};
constexpr std::array<std::pair<ChangeKind, std::string_view>, 2> kChangeKindLabels{{
    {ChangeKind::major, "重要修改"}, {ChangeKind::minor, "一般修改"}}};
constexpr std::array<std::pair<Action, std::string_view>, 13> kActions{{
    {Action::save, "save"}, {Action::submit, "submit"}, {Action::recall, "recall"}, {Action::approve, "approve"},
    {Action::reject, "reject"}, {Action::publish, "publish"}, {Action::schedule, "schedule"},
    {Action::unschedule, "unschedule"}, {Action::urgent_publish, "urgent_publish"},
    {Action::post_review, "post_review"}, {Action::new_edition, "new_edition"}, {Action::withdraw, "withdraw"},
    {Action::repeal, "repeal"}}};
constexpr std::array<std::pair<Action, std::string_view>, 13> kActionLabels{{
    {Action::save, "保存"}, {Action::submit, "提交审核"}, {Action::recall, "撤回提交"},
    {Action::approve, "审核通过"}, {Action::reject, "退回修改"}, {Action::publish, "发布"},
    {Action::schedule, "定时发布"}, {Action::unschedule, "取消定时"}, {Action::urgent_publish, "紧急发布"},
    {Action::post_review, "事后审核"}, {Action::new_edition, "发布新版本"}, {Action::withdraw, "撤回"},
    {Action::repeal, "废止"}}};

Result<void> check_length(std::string_view value, std::size_t max_chars, std::string_view label, std::string_view field) {
  if (utf8_length(value) > max_chars) {
    return make_error("too_long", std::string(label) + "不能超过 " + std::to_string(max_chars) + " 个字符。",
                      std::string(field));
  }
  return {};
}

// Parses an optional date field in place (empty stays empty). Error invalid_date naming the field.
Result<std::optional<calendar::Date>> check_date(std::string& value, std::string_view label, std::string_view field) {
  value = trim(value);
  if (value.empty()) return std::optional<calendar::Date>{};
  auto d = calendar::Date::parse(value);
  if (!d) {
    return make_error("invalid_date", std::string(label) + "不是有效日期，请按“2026-03-01”的格式填写真实存在的日期。",
                      std::string(field));
  }
  return std::optional<calendar::Date>{*d};
}

bool known_code(const std::vector<CodeLabel>& list, std::string_view code) {
  for (const auto& c : list) {
    if (c.code == code) return true;
  }
  return false;
}

}  // namespace

std::string_view to_string(DocumentState s) { return name_in(kDocumentStates, s); }
std::string_view to_string(EditionStatus s) { return name_in(kEditionStatuses, s); }
std::string_view to_string(Validity v) { return name_in(kValidities, v); }
std::string_view to_string(DisclosureMode m) { return name_in(kModes, m); }
std::string_view to_string(ChangeKind k) { return name_in(kChangeKinds, k); }
std::string_view to_string(Action a) { return name_in(kActions, a); }
std::optional<DocumentState> document_state_from(std::string_view s) { return from_table(kDocumentStates, s); }
std::optional<EditionStatus> edition_status_from(std::string_view s) { return from_table(kEditionStatuses, s); }
std::optional<Validity> validity_from(std::string_view s) { return from_table(kValidities, s); }
std::optional<DisclosureMode> disclosure_mode_from(std::string_view s) { return from_table(kModes, s); }
std::optional<ChangeKind> change_kind_from(std::string_view s) { return from_table(kChangeKinds, s); }
std::string_view label(DocumentState s) { return name_in(kDocumentStateLabels, s); }
std::string_view label(EditionStatus s) { return name_in(kEditionStatusLabels, s); }
std::string_view label(Validity v) { return name_in(kValidityLabels, v); }
std::string_view label(DisclosureMode m) { return name_in(kModeLabels, m); }
std::string_view label(ChangeKind k) { return name_in(kChangeKindLabels, k); }
std::string_view label(Action a) { return name_in(kActionLabels, a); }

std::string Vocabulary::label_of(const std::vector<CodeLabel>& list, std::string_view code) {
  for (const auto& c : list) {
    if (c.code == code) return c.label;
  }
  return "";
}

Result<Vocabulary> parse_vocabulary(std::string_view text) {
  json::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec || !root.is_object()) return make_error("invalid_json", "公开目录配置不是有效的 JSON。");
  const auto& o = root.as_object();
  auto* format = o.if_contains("format");
  if (!format || !format->is_string() || format->as_string() != "gongkai-disclosure/1") {
    return make_error("invalid_vocabulary", "公开目录配置的 format 应为 gongkai-disclosure/1。");
  }
  Vocabulary v;
  if (auto* p = o.if_contains("index_no_pattern"); p && p->is_string()) v.index_no_pattern = std::string(p->as_string());
  if (auto* p = o.if_contains("publish_within_working_days"); p && p->is_int64()) {
    v.publish_within_working_days = static_cast<int>(p->as_int64());
  }
  auto read_list = [&](const char* key, std::vector<CodeLabel>& out) -> Result<void> {
    auto* p = o.if_contains(key);
    if (!p || !p->is_array()) return make_error("invalid_vocabulary", std::string("公开目录配置缺少列表 ") + key + "。");
    for (const auto& item : p->as_array()) {
      const auto* obj = item.if_object();
      if (!obj || !obj->contains("code") || !obj->contains("label") || !obj->at("code").is_string() ||
          !obj->at("label").is_string()) {
        return make_error("invalid_vocabulary", std::string("公开目录配置 ") + key + " 的每一项需要 code 和 label。");
      }
      CodeLabel c{std::string(obj->at("code").as_string()), std::string(obj->at("label").as_string())};
      if (c.code.empty() || known_code(out, c.code)) {
        return make_error("invalid_vocabulary", std::string("公开目录配置 ") + key + " 中的代码为空或重复：" + c.code);
      }
      out.push_back(std::move(c));
    }
    return {};
  };
  for (auto [key, list] : {std::pair{"topics", &v.topics}, std::pair{"classes", &v.classes},
                           std::pair{"legal_categories", &v.legal_categories}, std::pair{"domains", &v.domains}}) {
    if (auto r = read_list(key, *list); !r) return r.error();
  }
  if (auto r = format_index_no(v.index_no_pattern, "91110000000000000X", 1, 2026, 1); !r &&
      r.error().code == "invalid_index_pattern") {
    return r.error();
  }
  return v;
}

Result<EditionFields> validate_edition(EditionFields f, const Vocabulary& v, bool is_new_edition) {
  f.title = trim(f.title);
  f.summary = trim(f.summary);
  f.issuer_name = trim(f.issuer_name);
  f.doc_no = trim(f.doc_no);
  f.keywords = trim(f.keywords);
  f.withheld_reason = trim(f.withheld_reason);
  f.change_note = trim(f.change_note);
  f.topic = trim(f.topic);
  f.info_class = trim(f.info_class);
  f.legal_category = trim(f.legal_category);
  f.domain = trim(f.domain);
  if (f.title.empty()) return make_error("required", "请填写标题。", "title");
  struct Len {
    const std::string& value;
    std::size_t max;
    const char* label;
    const char* field;
  };
  for (const Len& l : {Len{f.title, 200, "标题", "title"}, Len{f.summary, 2000, "内容概述", "summary"},
                       Len{f.body_md, 2'000'000, "正文", "body_md"}, Len{f.issuer_name, 100, "发布机构", "issuer_name"},
                       Len{f.doc_no, 100, "文号", "doc_no"}, Len{f.keywords, 200, "主题词", "keywords"},
                       Len{f.withheld_reason, 1000, "不予公开理由", "withheld_reason"},
                       Len{f.change_note, 1000, "修改说明", "change_note"}}) {
    if (auto r = check_length(l.value, l.max, l.label, l.field); !r) return r.error();
  }
  auto written = check_date(f.written_on, "成文日期", "written_on");
  if (!written) return written.error();
  auto formed = check_date(f.formed_on, "信息形成日期", "formed_on");
  if (!formed) return formed.error();
  auto effective = check_date(f.effective_on, "施行日期", "effective_on");
  if (!effective) return effective.error();
  auto expires = check_date(f.expires_on, "失效日期", "expires_on");
  if (!expires) return expires.error();
  if (*written && *formed && **formed < **written) {
    return make_error("date_order", "信息形成日期不能早于成文日期。", "formed_on");
  }
  if (*effective && *expires && **expires < **effective) {
    return make_error("date_order", "失效日期不能早于施行日期。", "expires_on");
  }
  if (!f.topic.empty() && !known_code(v.topics, f.topic)) return make_error("unknown_code", "请从列表中选择主题分类。", "topic");
  if (!f.info_class.empty() && !known_code(v.classes, f.info_class)) {
    return make_error("unknown_code", "请从列表中选择信息类别。", "info_class");
  }
  if (!f.legal_category.empty() && !known_code(v.legal_categories, f.legal_category)) {
    return make_error("unknown_code", "请从列表中选择条例规定的公开类别。", "legal_category");
  }
  if (!f.domain.empty() && !known_code(v.domains, f.domain)) {
    return make_error("unknown_code", "请从列表中选择标准目录领域。", "domain");
  }
  if (f.disclosure_mode == DisclosureMode::withheld && f.withheld_reason.empty()) {
    return make_error("withheld_reason_required", "标为“不予公开”的文件须写明理由。", "withheld_reason");
  }
  if (f.disclosure_mode != DisclosureMode::withheld) f.withheld_reason.clear();
  if (is_new_edition && f.change_kind == ChangeKind::major && f.change_note.empty()) {
    return make_error("change_note_required", "重要修改须填写公开的修改说明。", "change_note");
  }
  return f;
}

Validity effective_validity(Validity declared, const std::string& expires_on, const std::string& repealed_on,
                            calendar::Date today) {
  if (!repealed_on.empty()) {
    auto r = calendar::Date::parse(repealed_on);
    if (r && *r <= today) return Validity::repealed;
  }
  if (declared == Validity::in_force && !expires_on.empty()) {
    auto e = calendar::Date::parse(expires_on);
    if (e && *e < today) return Validity::expired;
  }
  return declared;
}

// ---------------------------------------------------------------------------------------------------------------

Result<EditionStatus> edition_transition(EditionStatus from, Action a) {
  using S = EditionStatus;
  std::optional<S> to;
  switch (a) {
    case Action::save: if (from == S::draft) to = S::draft; break;
    case Action::submit: if (from == S::draft) to = S::submitted; break;
    case Action::recall: if (from == S::submitted) to = S::draft; break;
    case Action::approve: if (from == S::submitted) to = S::approved; break;
    case Action::reject: if (from == S::submitted) to = S::draft; break;
    case Action::publish: if (from == S::approved || from == S::scheduled) to = S::published; break;
    case Action::schedule: if (from == S::approved) to = S::scheduled; break;
    case Action::unschedule: if (from == S::scheduled) to = S::approved; break;
    case Action::urgent_publish: if (from == S::draft || from == S::submitted) to = S::published; break;
    case Action::post_review: if (from == S::published) to = S::published; break;
    case Action::new_edition:
    case Action::withdraw:
    case Action::repeal: break;
  }
  if (!to) {
    return make_error("invalid_transition", "当前版本状态为“" + std::string(label(from)) + "”，不能" +
                                                std::string(label(a)) + "。");
  }
  return *to;
}

Result<DocumentState> document_transition(DocumentState from, Action a) {
  using S = DocumentState;
  std::optional<S> to;
  switch (a) {
    case Action::publish:
    case Action::urgent_publish: if (from == S::draft || from == S::published) to = S::published; break;
    case Action::new_edition: if (from == S::published) to = S::published; break;
    case Action::withdraw: if (from == S::published) to = S::withdrawn; break;
    case Action::repeal: if (from == S::published) to = S::repealed; break;
    case Action::save:
    case Action::submit:
    case Action::recall:
    case Action::approve:
    case Action::reject:
    case Action::schedule:
    case Action::unschedule:
    case Action::post_review:
      if (from == S::draft || from == S::published) to = from;
      break;
  }
  if (!to) {
    return make_error("invalid_transition", "该文件当前为“" + std::string(label(from)) + "”，不能" +
                                                std::string(label(a)) + "。");
  }
  return *to;
}

Result<void> may(const units::Actor& actor, Action a, const WorkflowContext& ctx) {
  using units::Role;
  const bool own_unit = actor.unit_id == ctx.unit_id;
  const bool office = actor.has(Role::supervisor);
  const bool writer = office || (own_unit && actor.has(Role::editor));
  const bool reviewer = office || (own_unit && actor.has(Role::reviewer));
  auto forbidden = [&] {
    return make_error("forbidden", "您没有权限对本单位以外或超出职责的文件执行“" + std::string(label(a)) + "”。");
  };
  switch (a) {
    case Action::save:
    case Action::submit:
    case Action::recall:
    case Action::new_edition:
      if (!writer) return forbidden();
      return {};
    case Action::approve:
    case Action::reject:
      if (!reviewer) return forbidden();
      // 先审查、后公开: the person who wrote it cannot be the one who clears it.
      if (ctx.author_id != 0 && ctx.author_id == actor.user_id) {
        return make_error("self_review", "审核人不能审核自己提交的文件，请由本单位其他审核人审核。");
      }
      return {};
    case Action::post_review:
      if (!reviewer) return forbidden();
      if (ctx.urgent_publisher_id != 0 && ctx.urgent_publisher_id == actor.user_id) {
        return make_error("self_review", "紧急发布的文件须由发布人以外的审核人事后审核。");
      }
      return {};
    case Action::publish:
    case Action::schedule:
    case Action::unschedule:
    case Action::withdraw:
    case Action::repeal:
      if (!reviewer) return forbidden();
      return {};
    case Action::urgent_publish:
      if (!office) return make_error("forbidden", "只有政务公开办督查人员可以紧急发布未经审核的文件。");
      return {};
  }
  return forbidden();
}

// ---------------------------------------------------------------------------------------------------------------

Result<std::string> format_index_no(std::string_view pattern, std::string_view credit_code, long long unit_id,
                                    int year, long long serial) {
  std::string out;
  bool has_serial = false;
  for (std::size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '}') return make_error("invalid_index_pattern", "索引号格式中的花括号不成对。");
    if (c != '{') {
      out += c;
      ++i;
      continue;
    }
    std::size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) return make_error("invalid_index_pattern", "索引号格式中的花括号不成对。");
    std::string_view token = pattern.substr(i + 1, close - i - 1);
    if (token == "credit_code") {
      if (credit_code.empty()) {
        return make_error("credit_code_required", "发布机构没有登记统一社会信用代码，无法生成索引号。请先在单位信息中补充。");
      }
      out += credit_code;
    } else if (token == "unit_id") {
      out += std::to_string(unit_id);
    } else if (token == "YYYY") {
      out += std::to_string(year);
    } else if (!token.empty() && token.find_first_not_of('N') == std::string_view::npos && token.size() <= 12) {
      std::string digits = std::to_string(serial);
      if (digits.size() < token.size()) digits.insert(0, token.size() - digits.size(), '0');
      out += digits;
      has_serial = true;
    } else {
      return make_error("invalid_index_pattern", "索引号格式中有未知的占位符 {" + std::string(token) + "}。");
    }
    i = close + 1;
  }
  if (!has_serial) return make_error("invalid_index_pattern", "索引号格式必须包含流水号占位符，如 {NNNNN}。");
  return out;
}

Timeliness timeliness(const calendar::WorkdayCalendar& cal, const std::string& formed_on, calendar::Date published_on,
                      int limit_working_days) {
  Timeliness t;
  if (formed_on.empty()) return t;
  auto formed = calendar::Date::parse(formed_on);
  if (!formed) return t;
  if (published_on <= *formed) {
    t.working_days = 0;
    t.timely = true;
    return t;
  }
  auto n = cal.count_working_days(*formed, published_on);
  if (!n) return t;
  t.working_days = *n;
  t.timely = *n <= limit_working_days;
  return t;
}

// ---------------------------------------------------------------------------------------------------------------

namespace {
// "公开内容（要素）" and "公开内容(要素)" are the same heading.
std::string heading_key(std::string_view s) {
  std::string out = trim(s);
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"（", "("}, {"）", ")"}, {" ", ""}}) {
    for (std::size_t p = out.find(from); p != std::string::npos; p = out.find(from, p + to.size())) {
      out.replace(p, from.size(), to);
    }
  }
  return out;
}
}  // namespace

Result<ParsedCatalogue> parse_catalogue(const std::vector<std::vector<std::string>>& rows, const Vocabulary& v) {
  if (rows.empty()) return make_error("catalogue_header", "表格是空的：第一行应为列名（一级事项、二级事项、公开内容……）。");
  std::map<std::string, int> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i) col[heading_key(rows[0][i])] = static_cast<int>(i);
  auto find = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (auto it = col.find(heading_key(n)); it != col.end()) return it->second;
    }
    return -1;
  };
  const int c_l1 = find({"一级事项"}), c_l2 = find({"二级事项"}), c_content = find({"公开内容（要素）", "公开内容"}),
            c_basis = find({"公开依据"}), c_limit = find({"公开时限"}), c_subject = find({"公开主体"}),
            c_channels = find({"公开渠道和载体", "公开渠道"}), c_audience = find({"公开对象"}), c_mode = find({"公开方式"}),
            c_level = find({"公开层级"}), c_domain = find({"领域", "所属领域"});
  if (c_l1 < 0) return make_error("catalogue_header", "第一行找不到“一级事项”列。请使用标准目录的列名。");
  ParsedCatalogue out;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto get = [&](int c) { return c >= 0 && c < static_cast<int>(row.size()) ? trim(row[c]) : std::string(); };
    bool blank = true;
    for (const auto& cell : row) blank = blank && trim(cell).empty();
    if (blank) continue;
    const int n = static_cast<int>(r) + 1;
    CatalogueEntry e;
    e.item_l1 = get(c_l1);
    e.item_l2 = get(c_l2);
    e.content = get(c_content);
    e.basis = get(c_basis);
    e.time_limit = get(c_limit);
    e.subject = get(c_subject);
    e.channels = get(c_channels);
    e.audience = get(c_audience);
    e.mode = get(c_mode);
    e.level = get(c_level);
    e.sort_order = n;
    std::string domain = get(c_domain);
    if (e.item_l1.empty()) {
      out.problems.push_back({n, "缺少一级事项"});
      continue;
    }
    if (utf8_length(e.item_l1) > 200 || utf8_length(e.item_l2) > 200) {
      out.problems.push_back({n, "事项名称过长（不超过 200 个字符）"});
      continue;
    }
    if (!domain.empty()) {
      for (const auto& d : v.domains) {
        if (d.code == domain || d.label == domain) e.domain = d.code;
      }
      if (e.domain.empty()) {
        out.problems.push_back({n, "未知的领域“" + domain + "”（应为 26 个领域之一）"});
        continue;
      }
    }
    if (!e.audience.empty() && e.audience != "全社会" && e.audience != "特定群众") {
      out.problems.push_back({n, "公开对象应为“全社会”或“特定群众”"});
      continue;
    }
    if (!e.mode.empty() && e.mode != "主动" && e.mode != "依申请") {
      out.problems.push_back({n, "公开方式应为“主动”或“依申请”"});
      continue;
    }
    auto key = std::make_pair(e.item_l1, e.item_l2);
    if (auto it = seen.find(key); it != seen.end()) {
      out.entries[it->second] = e;
    } else {
      seen[key] = out.entries.size();
      out.entries.push_back(std::move(e));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

namespace {
void line(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  out += '=';
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  out += '\n';
}
}  // namespace

std::string canonical_text(const LedgerContent& c) {
  const EditionFields& f = c.fields;
  std::string out = "gongkai-edition/1\n";
  line(out, "document", std::to_string(c.document_id));
  line(out, "edition", std::to_string(c.edition_no));
  line(out, "index_no", c.index_no);
  line(out, "title", f.title);
  line(out, "summary", f.summary);
  line(out, "issuer", f.issuer_name);
  line(out, "doc_no", f.doc_no);
  line(out, "written_on", f.written_on);
  line(out, "formed_on", f.formed_on);
  line(out, "published_at", c.published_at);
  line(out, "topic", f.topic);
  line(out, "keywords", f.keywords);
  line(out, "validity", to_string(f.validity));
  line(out, "effective_on", f.effective_on);
  line(out, "expires_on", f.expires_on);
  line(out, "disclosure_mode", to_string(f.disclosure_mode));
  line(out, "info_class", f.info_class);
  line(out, "legal_category", f.legal_category);
  line(out, "domain", f.domain);
  line(out, "change_kind", to_string(f.change_kind));
  line(out, "change_note", f.change_note);
  line(out, "body", f.body_md);
  for (const auto& a : c.attachments) {
    line(out, "attachment", a.sha256 + " " + std::to_string(a.size) + " " + a.file_name);
  }
  return out;
}

std::string content_hash(const LedgerContent& c) { return platform::sha256_hex(canonical_text(c)); }

std::string state_change_hash(long long document_id, std::string_view action, std::string_view detail) {
  std::string out = "gongkai-state/1\n";
  line(out, "document", std::to_string(document_id));
  line(out, "action", action);
  line(out, "detail", detail);
  return platform::sha256_hex(out);
}

std::string entry_hash(const LedgerEntry& e) {
  std::string out = "gongkai-ledger-entry/1\n";
  line(out, "seq", std::to_string(e.seq));
  line(out, "at", e.at);
  line(out, "action", e.action);
  line(out, "document", std::to_string(e.document_id));
  line(out, "edition", std::to_string(e.edition_no));
  line(out, "index_no", e.index_no);
  line(out, "title", e.title);
  line(out, "content_hash", e.content_hash);
  line(out, "prev_hash", e.prev_hash);
  return platform::sha256_hex(out);
}

std::string checkpoint_message(long long seq, std::string_view entry_hash, std::string_view signed_at) {
  return "gongkai-ledger/1\n" + std::to_string(seq) + "\n" + std::string(entry_hash) + "\n" + std::string(signed_at);
}

}  // namespace gongkai::disclosure
