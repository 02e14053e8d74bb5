#include "gongkai/requests/model.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/text.hpp"

namespace gongkai::requests {

using platform::make_error;

namespace {

template <class E>
struct Named {
  E value;
  std::string_view code;
  std::string_view label;
};

template <class E, std::size_t N>
std::string_view code_of(const Named<E> (&table)[N], E v) {
  for (const auto& n : table) {
    if (n.value == v) return n.code;
  }
  return "";
}
template <class E, std::size_t N>
std::string_view label_of(const Named<E> (&table)[N], E v) {
  for (const auto& n : table) {
    if (n.value == v) return n.label;
  }
  return "";
}
template <class E, std::size_t N>
std::optional<E> from_code(const Named<E> (&table)[N], std::string_view s) {
  for (const auto& n : table) {
    if (n.code == s) return n.value;
  }
  return std::nullopt;
}
template <class E, std::size_t N>
std::vector<E> values_of(const Named<E> (&table)[N]) {
  std::vector<E> out;
  for (const auto& n : table) out.push_back(n.value);
  return out;
}

const Named<State> kStates[] = {
    {State::registered, "registered", "已登记"},
    {State::supplement_requested, "supplement_requested", "拟通知补正"},
    {State::awaiting_supplement, "awaiting_supplement", "等待补正"},
    {State::supplemented, "supplemented", "已补正"},
    {State::accepted, "accepted", "已受理"},
    {State::assigned, "assigned", "已分办"},
    {State::working, "working", "办理中"},
    {State::consulting, "consulting", "征求意见中（暂停计时）"},
    {State::awaiting_fee, "awaiting_fee", "等待缴费（暂停计时）"},
    {State::reply_drafted, "reply_drafted", "答复已拟稿"},
    {State::reply_approved, "reply_approved", "答复已审核"},
    {State::replied, "replied", "已答复"},
    {State::deemed_withdrawn, "deemed_withdrawn", "视为撤回申请"},
    {State::closed_duplicate, "closed_duplicate", "重复申请，不予重复处理"},
    {State::archived, "archived", "已归档"},
};

const Named<Action> kActions[] = {
    {Action::request_supplement, "request_supplement", "拟发补正通知"},
    {Action::cancel_supplement, "cancel_supplement", "撤销补正"},
    {Action::send_supplement_notice, "send_supplement_notice", "发出补正通知"},
    {Action::receive_supplement, "receive_supplement", "收到补正材料"},
    {Action::withdraw_no_supplement, "withdraw_no_supplement", "逾期未补正，视为撤回"},
    {Action::accept, "accept", "受理"},
    {Action::assign, "assign", "分办"},
    {Action::reassign, "reassign", "改派办理人"},
    {Action::start_work, "start_work", "开始办理"},
    {Action::consult, "consult", "征求意见"},
    {Action::receive_opinion, "receive_opinion", "收到意见"},
    {Action::extend, "extend", "延长答复期限"},
    {Action::fee_notice, "fee_notice", "发出收费通知"},
    {Action::fee_paid, "fee_paid", "已缴费"},
    {Action::withdraw_fee_unpaid, "withdraw_fee_unpaid", "逾期未缴费，视为撤回"},
    {Action::draft_reply, "draft_reply", "拟写答复"},
    {Action::return_reply, "return_reply", "退回修改答复"},
    {Action::approve_reply, "approve_reply", "审核通过答复"},
    {Action::send_reply, "send_reply", "发出答复"},
    {Action::close_duplicate, "close_duplicate", "按重复申请办结"},
    {Action::archive, "archive", "归档"},
};

const Named<ApplicantType> kApplicantTypes[] = {
    {ApplicantType::natural_person, "natural_person", "自然人"},
    {ApplicantType::commercial, "commercial", "商业企业"},
    {ApplicantType::research, "research", "科研机构"},
    {ApplicantType::public_interest, "public_interest", "社会公益组织"},
    {ApplicantType::legal_services, "legal_services", "法律服务机构"},
    {ApplicantType::other_org, "other_org", "其他"},
};

const Named<IdType> kIdTypes[] = {
    {IdType::resident_id, "resident_id", "居民身份证"},
    {IdType::passport, "passport", "护照"},
    {IdType::other_person, "other_person", "其他身份证件"},
    {IdType::credit_code, "credit_code", "统一社会信用代码"},
};

const Named<Delivery> kDeliveries[] = {
    {Delivery::email, "email", "电子邮件"},
    {Delivery::post, "post", "邮寄"},
    {Delivery::pickup, "pickup", "当面领取"},
    {Delivery::online, "online", "网上查阅"},
};

const Named<FeeBasis> kFeeBases[] = {
    {FeeBasis::by_count, "by_count", "按件计收"},
    {FeeBasis::by_pages, "by_pages", "按量计收"},
};

}  // namespace

// ---- states and actions ----

std::string_view to_string(State s) { return code_of(kStates, s); }
std::optional<State> state_from(std::string_view s) { return from_code(kStates, s); }
std::string_view label(State s) { return label_of(kStates, s); }
const std::vector<State>& all_states() {
  static const std::vector<State> v = values_of(kStates);
  return v;
}
bool is_closed(State s) {
  return s == State::replied || s == State::deemed_withdrawn || s == State::closed_duplicate || s == State::archived;
}

std::string_view to_string(Action a) { return code_of(kActions, a); }
std::optional<Action> action_from(std::string_view s) { return from_code(kActions, s); }
std::string_view label(Action a) { return label_of(kActions, a); }
const std::vector<Action>& all_actions() {
  static const std::vector<Action> v = values_of(kActions);
  return v;
}

const std::vector<Transition>& transitions() {
  using S = State;
  using A = Action;
  static const std::vector<Transition> t = {
      // 条例 Art. 30: one supplement notice, within 7 working days of receipt.
      {A::request_supplement, {S::registered}, S::supplement_requested, Who::handler},
      {A::cancel_supplement, {S::supplement_requested}, S::registered, Who::handler},
      {A::send_supplement_notice, {S::supplement_requested}, S::awaiting_supplement, Who::handler},
      // Art. 30: the reply limit restarts from the day the supplement arrives.
      {A::receive_supplement, {S::awaiting_supplement}, S::supplemented, Who::handler},
      // Art. 30: no supplement by the deadline without good reason — deemed withdrawn.
      {A::withdraw_no_supplement, {S::awaiting_supplement}, S::deemed_withdrawn, Who::handler},
      {A::accept, {S::registered, S::supplemented}, S::accepted, Who::handler},
      {A::assign, {S::accepted}, S::assigned, Who::handler},
      {A::reassign, {S::assigned, S::working, S::consulting, S::awaiting_fee, S::reply_drafted}, std::nullopt, Who::handler},
      {A::start_work, {S::assigned}, S::working, Who::handler},
      // Art. 32, 34: the time for opinions is not counted.
      {A::consult, {S::working}, S::consulting, Who::handler},
      {A::receive_opinion, {S::consulting}, S::working, Who::handler},
      // Art. 33: at most 20 more working days, approved by the head of the disclosure office.
      {A::extend, {S::working, S::consulting, S::awaiting_fee}, std::nullopt, Who::supervisor},
      // Art. 42, 国办函〔2020〕109号.
      {A::fee_notice, {S::working}, S::awaiting_fee, Who::handler},
      {A::fee_paid, {S::awaiting_fee}, S::working, Who::handler},
      {A::withdraw_fee_unpaid, {S::awaiting_fee}, S::deemed_withdrawn, Who::handler},
      {A::draft_reply, {S::working}, S::reply_drafted, Who::handler},
      {A::return_reply, {S::reply_drafted, S::reply_approved}, S::working, Who::handler},
      {A::approve_reply, {S::reply_drafted}, S::reply_approved, Who::supervisor},
      {A::send_reply, {S::reply_approved}, S::replied, Who::handler},
      {A::close_duplicate, {S::registered, S::supplemented, S::accepted, S::assigned, S::working}, S::closed_duplicate,
       Who::handler},
      // Art. 45: 归档.
      {A::archive, {S::replied, S::deemed_withdrawn, S::closed_duplicate}, S::archived, Who::handler},
  };
  return t;
}

const Transition& transition(Action a) {
  for (const auto& t : transitions()) {
    if (t.action == a) return t;
  }
  return transitions().front();  // unreachable: every action has a row (tested)
}

Result<State> next_state(State s, Action a) {
  const Transition& t = transition(a);
  if (std::find(t.from.begin(), t.from.end(), s) == t.from.end()) {
    return make_error("invalid_transition", "申请当前状态为“" + std::string(label(s)) + "”，不能执行“" +
                                                std::string(label(a)) + "”。请刷新页面查看当前状态。");
  }
  return t.to.value_or(s);
}

std::vector<Action> actions_from(State s) {
  std::vector<Action> out;
  for (const auto& t : transitions()) {
    if (std::find(t.from.begin(), t.from.end(), s) != t.from.end()) out.push_back(t.action);
  }
  return out;
}

bool may_view(const units::Actor& actor, long long unit_id) {
  if (actor.district_wide()) return true;
  return actor.has(units::Role::request_handler) && actor.unit_id == unit_id && unit_id != 0;
}

bool may_act(const units::Actor& actor, Action a, long long unit_id) {
  if (transition(a).who == Who::supervisor) return actor.has(units::Role::supervisor);
  return may_view(actor, unit_id);
}

// ---- applicants, outcomes, delivery ----

std::string_view to_string(ApplicantType t) { return code_of(kApplicantTypes, t); }
std::optional<ApplicantType> applicant_type_from(std::string_view s) { return from_code(kApplicantTypes, s); }
std::string_view label(ApplicantType t) { return label_of(kApplicantTypes, t); }
const std::vector<ApplicantType>& all_applicant_types() {
  static const std::vector<ApplicantType> v = values_of(kApplicantTypes);
  return v;
}

std::string_view to_string(IdType t) { return code_of(kIdTypes, t); }
std::optional<IdType> id_type_from(std::string_view s) { return from_code(kIdTypes, s); }
std::string_view label(IdType t) { return label_of(kIdTypes, t); }

std::string_view to_string(Delivery d) { return code_of(kDeliveries, d); }
std::optional<Delivery> delivery_from(std::string_view s) { return from_code(kDeliveries, s); }
std::string_view label(Delivery d) { return label_of(kDeliveries, d); }
const std::vector<Delivery>& all_deliveries() {
  static const std::vector<Delivery> v = values_of(kDeliveries);
  return v;
}

std::string_view to_string(FeeBasis b) { return code_of(kFeeBases, b); }
std::optional<FeeBasis> fee_basis_from(std::string_view s) { return from_code(kFeeBases, s); }
std::string_view label(FeeBasis b) { return label_of(kFeeBases, b); }

const std::vector<OutcomeInfo>& all_outcomes() {
  using O = Outcome;
  static const std::vector<OutcomeInfo> v = {
      {O::disclose, "disclose", "（一）予以公开", "", "条例第三十六条第（二）项", true},
      {O::partial, "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", "条例第三十七条、第三十六条第（二）项", true},
      {O::withhold_state_secret, "withhold_state_secret", "（三）不予公开", "1.属于国家秘密", "条例第十四条、第三十六条第（三）项", true},
      {O::withhold_law, "withhold_law", "（三）不予公开", "2.其他法律行政法规禁止公开", "条例第十四条、第三十六条第（三）项", true},
      {O::withhold_security, "withhold_security", "（三）不予公开", "3.危及“三安全一稳定”", "条例第十四条、第三十六条第（三）项", true},
      {O::withhold_third_party, "withhold_third_party", "（三）不予公开", "4.保护第三方合法权益", "条例第十五条、第三十二条、第三十六条第（三）项", true},
      {O::withhold_internal, "withhold_internal", "（三）不予公开", "5.属于三类内部事务信息", "条例第十六条第一款、第三十六条第（三）项", true},
      {O::withhold_process, "withhold_process", "（三）不予公开", "6.属于四类过程性信息", "条例第十六条第二款、第三十六条第（三）项", true},
      {O::withhold_enforcement, "withhold_enforcement", "（三）不予公开", "7.属于行政执法案卷", "条例第十六条第二款、第三十六条第（三）项", true},
      {O::withhold_inquiry, "withhold_inquiry", "（三）不予公开", "8.属于行政查询事项", "条例第三十六条第（三）项", true},
      {O::unable_not_held, "unable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息", "条例第三十六条第（四）项、第（五）项", true},
      {O::unable_needs_creation, "unable_needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作", "条例第三十八条", true},
      {O::unable_unclear, "unable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确", "条例第三十条", true},
      {O::not_processed_petition, "not_processed_petition", "（五）不予处理", "1.信访举报投诉类申请", "条例第三十九条第一款", true},
      {O::not_processed_repeat, "not_processed_repeat", "（五）不予处理", "2.重复申请", "条例第三十六条第（六）项", true},
      {O::not_processed_publication, "not_processed_publication", "（五）不予处理", "3.要求提供公开出版物", "条例第三十九条第二款", true},
      {O::not_processed_excessive, "not_processed_excessive", "（五）不予处理", "4.无正当理由大量反复申请", "条例第三十五条", true},
      {O::not_processed_confirmation, "not_processed_confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "条例第三十九条第二款", true},
      {O::other_no_supplement, "other_no_supplement", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "条例第三十条", false},
      {O::other_fee_unpaid, "other_fee_unpaid", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "条例第四十二条，国办函〔2020〕109号", false},
      {O::other, "other", "（六）其他处理", "3.其他", "", true},
  };
  return v;
}

const OutcomeInfo& info(Outcome o) {
  for (const auto& i : all_outcomes()) {
    if (i.outcome == o) return i;
  }
  return all_outcomes().back();
}

std::string_view to_string(Outcome o) { return info(o).code; }
std::optional<Outcome> outcome_from(std::string_view s) {
  for (const auto& i : all_outcomes()) {
    if (i.code == s) return i.outcome;
  }
  return std::nullopt;
}
std::string label(Outcome o) {
  const auto& i = info(o);
  return i.item.empty() ? std::string(i.group) : std::string(i.group) + " " + std::string(i.item);
}

// ---- the application ----

namespace {

Error field_error(std::string code, std::string message, std::string field) {
  return make_error(std::move(code), std::move(message), std::move(field));
}

Result<std::string> text_field(const std::string& raw, const char* field, const char* name, std::size_t max_chars,
                               bool required) {
  std::string v = trim(raw);
  if (required && v.empty()) return field_error("required", std::string("请填写") + name + "。", field);
  if (utf8_length(v) > max_chars) {
    return field_error("too_long", std::string(name) + "不能超过 " + std::to_string(max_chars) + " 个字。", field);
  }
  return v;
}

}  // namespace

Result<Application> validate_application(const ApplicationInput& in, std::chrono::year_month_day today) {
  Application a;
  long long unit = 0;
  for (char c : in.unit_id) {
    if (c < '0' || c > '9' || unit > 1'000'000'000) return field_error("invalid_choice", "请选择受理申请的机关。", "unit_id");
    unit = unit * 10 + (c - '0');
  }
  if (unit <= 0) return field_error("required", "请选择受理申请的机关。", "unit_id");
  a.unit_id = unit;

  auto type = applicant_type_from(in.applicant_type);
  if (!type) return field_error("invalid_choice", "请选择申请人类型（自然人或法人、其他组织）。", "applicant_type");
  a.applicant_type = *type;
  bool org = is_organisation(*type);

  auto name = text_field(in.name, "name", org ? "单位名称" : "姓名", 100, true);
  if (!name) return name.error();
  a.name = *name;
  auto contact_person = text_field(in.contact_person, "contact_person", "联系人姓名", 50, org);
  if (!contact_person) return contact_person.error();
  a.contact_person = *contact_person;

  auto id_type = id_type_from(in.id_type);
  if (!id_type) return field_error("invalid_choice", "请选择证件类型。", "id_type");
  if (org != (*id_type == IdType::credit_code)) {
    return field_error("invalid_id_type",
                       org ? "法人或其他组织请填写统一社会信用代码。" : "自然人请选择居民身份证、护照或其他身份证件。",
                       "id_type");
  }
  a.id_type = *id_type;
  std::string id = trim(in.id_number);
  if (id.empty()) return field_error("required", std::string("请填写") + std::string(label(*id_type)) + "号码。", "id_number");
  switch (*id_type) {
    case IdType::resident_id: {
      // GB 11643-1999 with its check character.
      auto r = privacy::parse_resident_id(id, today);
      if (!r) return field_error("invalid_resident_id", r.error().message, "id_number");
      a.id_number = r->number;
      break;
    }
    case IdType::credit_code: {
      // GB 32100-2015.
      auto r = privacy::normalize_credit_code(id);
      if (!r) return field_error("invalid_credit_code", r.error().message, "id_number");
      a.id_number = *r;
      break;
    }
    default: {
      if (utf8_length(id) > 40) return field_error("too_long", "证件号码不能超过 40 个字符。", "id_number");
      for (char& c : id) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '(' || c == ')';
        if (!ok) return field_error("invalid_id_number", "证件号码只能包含字母、数字、连字符和括号。", "id_number");
      }
      a.id_number = id;
    }
  }

  std::string phone = trim(in.phone);
  if (!phone.empty()) {
    if (phone.size() > 0 && phone[0] == '1' && phone.size() >= 11) {
      auto m = privacy::normalize_mobile(phone);
      if (!m) return field_error("invalid_mobile", m.error().message, "phone");
      phone = *m;
    } else {
      // A landline: digits with an optional area code and extension separated by hyphens or spaces.
      int digits = 0;
      for (char c : phone) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c != '-' && c != ' ' && c != '+' && c != '(' && c != ')') {
          return field_error("invalid_phone", "联系电话只能包含数字、连字符、空格和括号。", "phone");
        }
      }
      if (digits < 7 || digits > 16) return field_error("invalid_phone", "联系电话应为 7 至 16 位数字（固定电话请含区号）。", "phone");
    }
  }
  a.phone = phone;
  std::string email = trim(in.email);
  if (!email.empty()) {
    auto e = privacy::normalize_email(email);
    if (!e) return field_error("invalid_email", e.error().message, "email");
    email = *e;
  }
  a.email = email;
  auto address = text_field(in.address, "address", "通信地址", 200, false);
  if (!address) return address.error();
  a.address = *address;
  std::string postcode = trim(in.postcode);
  if (!postcode.empty()) {
    bool ok = postcode.size() == 6 && std::all_of(postcode.begin(), postcode.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!ok) return field_error("invalid_postcode", "邮政编码应为 6 位数字。", "postcode");
  }
  a.postcode = postcode;
  if (a.phone.empty() && a.email.empty() && a.address.empty()) {
    return field_error("contact_required", "请至少填写一种联系方式（电话、电子邮箱或通信地址），以便答复您。", "phone");
  }

  auto description = text_field(in.description, "description", "所需政府信息的名称或内容描述", 2000, true);
  if (!description) return description.error();
  if (utf8_length(*description) < 6) {
    return field_error("description_too_short", "请把所需信息描述得具体一些（至少 6 个字），例如文件名称、文号、时间范围或事项。",
                       "description");
  }
  a.description = *description;
  auto doc_no = text_field(in.doc_no, "doc_no", "文号", 100, false);
  if (!doc_no) return doc_no.error();
  a.doc_no = *doc_no;
  auto purpose = text_field(in.purpose, "purpose", "用途说明", 500, false);
  if (!purpose) return purpose.error();
  a.purpose = *purpose;

  auto delivery = delivery_from(in.delivery);
  if (!delivery) return field_error("invalid_choice", "请选择获取信息的方式。", "delivery");
  a.delivery = *delivery;
  if (a.delivery == Delivery::email && a.email.empty()) {
    return field_error("required", "选择通过电子邮件获取时，请填写电子邮箱。", "email");
  }
  if (a.delivery == Delivery::post && a.address.empty()) {
    return field_error("required", "选择邮寄时，请填写通信地址。", "address");
  }
  return a;
}

std::string applicant_key(const Application& a) { return std::string(to_string(a.id_type)) + ":" + a.id_number; }

namespace {

// Code points of `s` without white space and punctuation (ASCII and the common CJK marks), ASCII lower-cased.
std::vector<char32_t> significant(std::string_view s) {
  std::vector<char32_t> out;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    int len = 1;
    if (c < 0x80) cp = c;
    else if ((c >> 5) == 6) { cp = c & 0x1f; len = 2; }
    else if ((c >> 4) == 14) { cp = c & 0x0f; len = 3; }
    else if ((c >> 3) == 30) { cp = c & 0x07; len = 4; }
    else { ++i; continue; }
    if (i + len > s.size()) break;
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += len;
    bool ascii_punct = cp < 0x80 && !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    bool cjk_punct = (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
                     (cp >= 0x2010 && cp <= 0x206f);
    if (ascii_punct || cjk_punct) continue;
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    out.push_back(cp);
  }
  return out;
}

}  // namespace

double description_similarity(std::string_view a, std::string_view b) {
  auto x = significant(a), y = significant(b);
  if (x == y) return 1.0;
  if (x.size() < 2 || y.size() < 2) return 0.0;
  std::map<std::pair<char32_t, char32_t>, int> bx;
  for (std::size_t i = 0; i + 1 < x.size(); ++i) ++bx[{x[i], x[i + 1]}];
  int common = 0;
  for (std::size_t i = 0; i + 1 < y.size(); ++i) {
    auto it = bx.find({y[i], y[i + 1]});
    if (it != bx.end() && it->second > 0) {
      --it->second;
      ++common;
    }
  }
  return 2.0 * common / static_cast<double>((x.size() - 1) + (y.size() - 1));
}

bool near_identical(std::string_view a, std::string_view b, double threshold) {
  return description_similarity(a, b) >= threshold;
}

// ---- numbers and codes ----

namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string symbols(std::string_view entropy, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char b = i < entropy.size() ? static_cast<unsigned char>(entropy[i]) : 0;
    out.push_back(kCrockford[b % 32]);
  }
  return out;
}

// Upper case, separators removed, confusables mapped; nullopt on any other character.
std::optional<std::string> crockford(std::string_view typed) {
  std::string out;
  for (char c : trim(typed)) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kCrockford.find(c) == std::string_view::npos) return std::nullopt;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string make_request_number(int year, std::string_view entropy) {
  return std::to_string(year) + "-" + symbols(entropy, 8);
}

std::string make_query_code(std::string_view entropy) {
  std::string s = symbols(entropy, 12);
  return s.substr(0, 4) + "-" + s.substr(4, 4) + "-" + s.substr(8, 4);
}

std::optional<std::string> normalize_request_number(std::string_view typed) {
  auto c = crockford(typed);
  if (!c || c->size() != 12) return std::nullopt;
  for (int i = 0; i < 4; ++i) {
    if ((*c)[i] < '0' || (*c)[i] > '9') return std::nullopt;
  }
  return c->substr(0, 4) + "-" + c->substr(4);
}

std::optional<std::string> normalize_query_code(std::string_view typed) {
  auto c = crockford(typed);
  if (!c || c->size() != 12) return std::nullopt;
  return c->substr(0, 4) + "-" + c->substr(4, 4) + "-" + c->substr(8, 4);
}

// ---- fees (国办函〔2020〕109号) ----

long long fee_by_count(int nth) {
  if (nth <= 10) return 0;
  if (nth <= 30) return 100;
  return 100 + 100LL * ((nth - 30 + 9) / 10);
}

long long fee_by_pages(int pages) {
  if (pages <= 30) return 0;
  long long fee = 10LL * (std::min(pages, 100) - 30);
  if (pages > 100) fee += 20LL * (std::min(pages, 200) - 100);
  if (pages > 200) fee += 40LL * (pages - 200);
  return fee;
}

// ---- urgency ----

Urgency urgency(const calendar::WorkdayCalendar& cal, calendar::Date today, calendar::Date due, int soon_working_days) {
  if (today > due) return Urgency::overdue;
  auto left = cal.count_working_days(today, due);
  int n = left ? *left : calendar::days_between(today, due) * 5 / 7;
  return n <= soon_working_days ? Urgency::due_soon : Urgency::none;
}

}  // namespace gongkai::requests
