// gongkai/disclosure/model: the workflow's transitions and permissions, 索引号 patterns, metadata validation,
// validity as shown, timeliness on the real calendar, and the ledger's hashes.
#include <gtest/gtest.h>

#include "gongkai/calendar/calendar_data.hpp"
#include "gongkai/disclosure/model.hpp"
#include "platform/assets.hpp"

namespace gongkai::disclosure {
namespace {

using calendar::Date;
using units::Role;

Date d(const char* iso) { return *Date::parse(iso); }

units::Actor person(long long id, long long unit, std::set<Role> roles) {
  units::Actor a;
  a.user_id = id;
  a.unit_id = unit;
  a.roles = std::move(roles);
  return a;
}

Vocabulary vocabulary() {
  auto text = platform::assets::read("config/disclosure.json");
  EXPECT_TRUE(text.has_value());
  auto v = parse_vocabulary(*text);
  EXPECT_TRUE(v.ok()) << v.error().message;
  return *v;
}

TEST(DisclosureVocabulary, ShippedListsAreCompleteAndTheDefaultPatternIsValid) {
  Vocabulary v = vocabulary();
  EXPECT_EQ(v.topics.size(), 22u);
  EXPECT_EQ(v.classes.size(), 5u);   // the seed's five classes
  EXPECT_EQ(v.domains.size(), 26u);  // the 26 领域 of the standard catalogue
  EXPECT_EQ(v.legal_categories.size(), 15u + 7u + 8u);  // Art. 20 (15 items), Art. 21 district (7) and town (8)
  EXPECT_EQ(Vocabulary::label_of(v.classes, "policy"), "政策文件类");
  EXPECT_EQ(Vocabulary::label_of(v.domains, "d24"), "义务教育");
  EXPECT_EQ(v.index_no_pattern, "{credit_code}/{YYYY}-{NNNNN}");
  EXPECT_EQ(v.publish_within_working_days, 20);
}

TEST(DisclosureVocabulary, RefusesBrokenConfiguration) {
  EXPECT_EQ(parse_vocabulary("not json").error().code, "invalid_json");
  EXPECT_EQ(parse_vocabulary(R"({"format":"other"})").error().code, "invalid_vocabulary");
  EXPECT_EQ(parse_vocabulary(R"({"format":"gongkai-disclosure/1","topics":[]})").error().code, "invalid_vocabulary");
  auto dup = parse_vocabulary(R"({"format":"gongkai-disclosure/1","topics":[{"code":"a","label":"x"},{"code":"a","label":"y"}],
      "classes":[],"legal_categories":[],"domains":[]})");
  EXPECT_EQ(dup.error().code, "invalid_vocabulary");
  auto bad_pattern = parse_vocabulary(R"({"format":"gongkai-disclosure/1","index_no_pattern":"{YYYY}","topics":[],
      "classes":[],"legal_categories":[],"domains":[]})");
  EXPECT_EQ(bad_pattern.error().code, "invalid_index_pattern");
}

// Every (status, action) pair: the allowed ones land where the workflow says, all others are refused.
TEST(DisclosureWorkflow, EditionTransitionsExhaustively) {
  using S = EditionStatus;
  using A = Action;
  const std::map<std::pair<S, A>, S> allowed = {
      {{S::draft, A::save}, S::draft},           {{S::draft, A::submit}, S::submitted},
      {{S::submitted, A::recall}, S::draft},     {{S::submitted, A::approve}, S::approved},
      {{S::submitted, A::reject}, S::draft},     {{S::approved, A::publish}, S::published},
      {{S::scheduled, A::publish}, S::published}, {{S::approved, A::schedule}, S::scheduled},
      {{S::scheduled, A::unschedule}, S::approved}, {{S::draft, A::urgent_publish}, S::published},
      {{S::submitted, A::urgent_publish}, S::published}, {{S::published, A::post_review}, S::published},
  };
  int checked = 0;
  for (S s : {S::draft, S::submitted, S::approved, S::scheduled, S::published, S::superseded}) {
    for (int ai = 0; ai <= static_cast<int>(A::repeal); ++ai) {
      A a = static_cast<A>(ai);
      auto r = edition_transition(s, a);
      auto it = allowed.find({s, a});
      if (it == allowed.end()) {
        ASSERT_FALSE(r.ok()) << to_string(s) << " + " << to_string(a);
        EXPECT_EQ(r.error().code, "invalid_transition");
        EXPECT_NE(r.error().message.find(std::string(label(s))), std::string::npos);
      } else {
        ASSERT_TRUE(r.ok()) << to_string(s) << " + " << to_string(a);
        EXPECT_EQ(*r, it->second);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 6 * 13);
}

TEST(DisclosureWorkflow, DocumentTransitions) {
  using S = DocumentState;
  EXPECT_EQ(*document_transition(S::draft, Action::publish), S::published);
  EXPECT_EQ(*document_transition(S::published, Action::publish), S::published);  // a new edition
  EXPECT_EQ(*document_transition(S::published, Action::withdraw), S::withdrawn);
  EXPECT_EQ(*document_transition(S::published, Action::repeal), S::repealed);
  EXPECT_EQ(*document_transition(S::published, Action::new_edition), S::published);
  for (S s : {S::draft, S::withdrawn, S::repealed}) {
    EXPECT_FALSE(document_transition(s, Action::withdraw).ok());
    EXPECT_FALSE(document_transition(s, Action::repeal).ok());
    EXPECT_FALSE(document_transition(s, Action::new_edition).ok());
  }
  // Nothing brings a withdrawn or repealed document back.
  for (S s : {S::withdrawn, S::repealed}) {
    for (int ai = 0; ai <= static_cast<int>(Action::repeal); ++ai) {
      EXPECT_FALSE(document_transition(s, static_cast<Action>(ai)).ok()) << to_string(s);
    }
  }
}

TEST(DisclosureWorkflow, PermissionsByRoleUnitAndAuthor) {
  const long long unit = 5, other = 6;
  auto editor = person(1, unit, {Role::editor});
  auto reviewer = person(2, unit, {Role::reviewer});
  auto both = person(3, unit, {Role::editor, Role::reviewer});
  auto outsider = person(4, other, {Role::editor, Role::reviewer});
  auto office = person(5, 1, {Role::supervisor});
  auto admin = person(6, 1, {Role::sysadmin});
  WorkflowContext ctx{unit, /*author*/ 3, 0};
  EXPECT_TRUE(may(editor, Action::save, ctx).ok());
  EXPECT_TRUE(may(editor, Action::submit, ctx).ok());
  EXPECT_EQ(may(editor, Action::approve, ctx).error().code, "forbidden");
  EXPECT_EQ(may(editor, Action::publish, ctx).error().code, "forbidden");
  EXPECT_TRUE(may(reviewer, Action::approve, ctx).ok());
  EXPECT_TRUE(may(reviewer, Action::publish, ctx).ok());
  EXPECT_TRUE(may(reviewer, Action::withdraw, ctx).ok());
  EXPECT_EQ(may(reviewer, Action::save, ctx).error().code, "forbidden");
  // The author may not review their own submission, even holding both roles.
  EXPECT_EQ(may(both, Action::approve, ctx).error().code, "self_review");
  EXPECT_EQ(may(both, Action::reject, ctx).error().code, "self_review");
  EXPECT_TRUE(may(both, Action::publish, ctx).ok());
  // Other units' documents are out of reach; the openness office reaches all; the system administrator is not an
  // editor of content.
  for (Action a : {Action::save, Action::approve, Action::publish, Action::withdraw}) {
    EXPECT_EQ(may(outsider, a, ctx).error().code, "forbidden");
    EXPECT_TRUE(may(office, a, ctx).ok());
    EXPECT_EQ(may(admin, a, ctx).error().code, "forbidden");
  }
  // Only a supervisor publishes without review, and someone else reviews it afterwards.
  EXPECT_EQ(may(reviewer, Action::urgent_publish, ctx).error().code, "forbidden");
  EXPECT_TRUE(may(office, Action::urgent_publish, ctx).ok());
  WorkflowContext urgent{unit, 5, /*urgent publisher*/ 5};
  EXPECT_EQ(may(office, Action::post_review, urgent).error().code, "self_review");
  EXPECT_TRUE(may(reviewer, Action::post_review, urgent).ok());
  EXPECT_FALSE(may(units::Actor{}, Action::save, ctx).ok());
}

TEST(DisclosureIndexNo, DefaultPatternAndVariants) {
  EXPECT_EQ(*format_index_no("{credit_code}/{YYYY}-{NNNNN}", "11330100MB0000001X", 7, 2026, 42),
            "11330100MB0000001X/2026-00042");
  EXPECT_EQ(*format_index_no("{credit_code}/{YYYY}-{NNNNN}", "11330100MB0000001X", 7, 2026, 123456),
            "11330100MB0000001X/2026-123456");  // the serial never wraps: it grows wider
  EXPECT_EQ(*format_index_no("LJ-{unit_id}-{YYYY}-{NNN}", "", 7, 2027, 5), "LJ-7-2027-005");
  EXPECT_EQ(format_index_no("{credit_code}-{NNNNN}", "", 7, 2026, 1).error().code, "credit_code_required");
  EXPECT_EQ(format_index_no("{YYYY}", "x", 7, 2026, 1).error().code, "invalid_index_pattern");
  EXPECT_EQ(format_index_no("{YYYY}-{N}}", "x", 7, 2026, 1).error().code, "invalid_index_pattern");
  EXPECT_EQ(format_index_no("{YYYY}-{NNNN", "x", 7, 2026, 1).error().code, "invalid_index_pattern");
  EXPECT_EQ(format_index_no("{year}-{NNNN}", "x", 7, 2026, 1).error().code, "invalid_index_pattern");
}

TEST(DisclosureValidation, TrimsAndChecksEveryField) {
  Vocabulary v = vocabulary();
  EditionFields f;
  f.title = "  关于印发某某办法的通知 \u3000";
  f.topic = "11";
  auto ok = validate_edition(f, v, false);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->title, "关于印发某某办法的通知");

  auto expect = [&](EditionFields x, const char* code, const char* field, bool new_edition = false) {
    auto r = validate_edition(x, v, new_edition);
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(r.error().field, field);
  };
  EditionFields x = f;
  x.title = " ";
  expect(x, "required", "title");
  x = f;
  x.title = std::string(201 * 3, 'a');
  expect(x, "too_long", "title");
  x = f;
  x.written_on = "2026-02-30";
  expect(x, "invalid_date", "written_on");
  x = f;
  x.formed_on = "2026/03/01";
  expect(x, "invalid_date", "formed_on");
  x = f;
  x.written_on = "2026-03-02";
  x.formed_on = "2026-03-01";
  expect(x, "date_order", "formed_on");
  x = f;
  x.effective_on = "2026-03-02";
  x.expires_on = "2026-03-01";
  expect(x, "date_order", "expires_on");
  x = f;
  x.topic = "99";
  expect(x, "unknown_code", "topic");
  x = f;
  x.info_class = "gossip";
  expect(x, "unknown_code", "info_class");
  x = f;
  x.domain = "d27";
  expect(x, "unknown_code", "domain");
  x = f;
  x.disclosure_mode = DisclosureMode::withheld;
  expect(x, "withheld_reason_required", "withheld_reason");
  x = f;
  expect(x, "change_note_required", "change_note", true);
  x.change_kind = ChangeKind::minor;
  EXPECT_TRUE(validate_edition(x, v, true).ok());
  x = f;
  x.withheld_reason = "leftover";
  EXPECT_EQ(validate_edition(x, v, false)->withheld_reason, "");  // only 不予公开 keeps a reason
}

TEST(DisclosureValidity, ExpiryAndRepealShowByThemselves) {
  EXPECT_EQ(effective_validity(Validity::in_force, "", "", d("2026-11-28")), Validity::in_force);
  EXPECT_EQ(effective_validity(Validity::in_force, "2026-11-28", "", d("2026-11-28")), Validity::in_force);  // last day
  EXPECT_EQ(effective_validity(Validity::in_force, "2026-11-27", "", d("2026-11-28")), Validity::expired);
  EXPECT_EQ(effective_validity(Validity::in_force, "", "2026-11-28", d("2026-11-28")), Validity::repealed);
  EXPECT_EQ(effective_validity(Validity::in_force, "", "2026-12-01", d("2026-11-28")), Validity::in_force);  // not yet
  EXPECT_EQ(effective_validity(Validity::amended, "2020-01-01", "", d("2026-11-28")), Validity::amended);
  EXPECT_EQ(effective_validity(Validity::amended, "", "2026-01-01", d("2026-11-28")), Validity::repealed);
}

TEST(DisclosureTimeliness, CountsWorkingDaysOnTheShippedCalendar) {
  std::vector<calendar::YearNotice> notices;
  for (const auto& name : platform::assets::list("config/calendar/")) {
    auto n = calendar::parse_calendar_json(*platform::assets::read(name));
    ASSERT_TRUE(n.ok()) << name;
    notices.push_back(*n);
  }
  auto cal = calendar::WorkdayCalendar::build(notices);
  ASSERT_TRUE(cal.ok());
  // Formed on Friday 2026-09-25: 国庆/中秋 2026 is 10-01..10-07 with make-up Sundays 09-20 and 10-10.
  // Working days: 09-28, 09-29, 09-30 (3), 10-08, 10-09 (5), 10-10 Sat make-up (6), 10-12..10-16 (11),
  // 10-19..10-23 (16), 10-26..10-29 (20) → publishing on 10-29 is the 20th working day, on time; 10-30 is late.
  auto on_time = timeliness(*cal, "2026-09-25", d("2026-10-29"), 20);
  ASSERT_TRUE(on_time.working_days.has_value());
  EXPECT_EQ(*on_time.working_days, 20);
  EXPECT_TRUE(*on_time.timely);
  auto late = timeliness(*cal, "2026-09-25", d("2026-10-30"), 20);
  EXPECT_EQ(*late.working_days, 21);
  EXPECT_FALSE(*late.timely);
  EXPECT_EQ(*timeliness(*cal, "2026-09-25", d("2026-09-25"), 20).working_days, 0);
  EXPECT_FALSE(timeliness(*cal, "", d("2026-09-25"), 20).timely.has_value());
  EXPECT_FALSE(timeliness(*cal, "2026-12-20", d("2027-02-01"), 20).timely.has_value());  // 2027 not yet announced
}

TEST(DisclosureCatalogue, ReadsTheStandardHeadingsAndReportsBadRowsByNumber) {
  Vocabulary v = vocabulary();
  std::vector<std::vector<std::string>> rows = {
      {" 一级事项 ", "二级事项", "公开内容(要素)", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级", "领域"},
      {"义务教育", "招生入学", "招生政策", "义务教育法", "20个工作日", "区教育局", "政府网站", "全社会", "主动", "区级", "义务教育"},
      {"", "", "", "", "", "", "", "", "", "", ""},                        // blank: skipped silently
      {"", "学生资助", "名单"},                                             // row 4: no 一级事项
      {"义务教育", "校车", "", "", "", "", "", "某些人", "主动", "区级", ""},  // row 5: bad 公开对象
      {"义务教育", "食堂", "", "", "", "", "", "全社会", "口头", "区级", ""},  // row 6: bad 公开方式
      {"扶贫", "", "", "", "", "", "", "全社会", "主动", "乡、村级", "航天"},  // row 7: unknown 领域
      {"义务教育", "招生入学", "更新后的内容", "", "", "", "", "全社会", "依申请", "区级", "d24"},  // replaces row 2
      {"卫生", "", "", "", "", "", "", "特定群众", "主动", "区级", "卫生健康"},
  };
  auto p = parse_catalogue(rows, v);
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->entries.size(), 2u);
  EXPECT_EQ(p->entries[0].item_l2, "招生入学");
  EXPECT_EQ(p->entries[0].content, "更新后的内容");
  EXPECT_EQ(p->entries[0].mode, "依申请");
  EXPECT_EQ(p->entries[0].domain, "d24");
  EXPECT_EQ(p->entries[1].domain, "d25");  // 卫生健康, given by name
  EXPECT_EQ(p->entries[1].audience, "特定群众");
  ASSERT_EQ(p->problems.size(), 4u);
  EXPECT_EQ(p->problems[0].row, 4);
  EXPECT_EQ(p->problems[1].row, 5);
  EXPECT_EQ(p->problems[2].row, 6);
  EXPECT_EQ(p->problems[3].row, 7);
  EXPECT_NE(p->problems[3].message.find("航天"), std::string::npos);
  EXPECT_EQ(parse_catalogue({{"事项", "内容"}}, v).error().code, "catalogue_header");
  EXPECT_EQ(parse_catalogue({}, v).error().code, "catalogue_header");
}

TEST(DisclosureLedger, HashesChangeWithEveryPublicFieldAndChainTogether) {
  LedgerContent c;
  c.document_id = 9;
  c.edition_no = 1;
  c.index_no = "X/2026-00001";
  c.fields.title = "标题";
  c.fields.body_md = "正文\n第二段";
  c.published_at = "2026-11-28T01:00:00Z";
  std::string h = content_hash(c);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, content_hash(c));
  auto changed = [&](auto mutate) {
    LedgerContent x = c;
    mutate(x);
    return content_hash(x) != h;
  };
  EXPECT_TRUE(changed([](LedgerContent& x) { x.fields.title += "。"; }));
  EXPECT_TRUE(changed([](LedgerContent& x) { x.fields.body_md += " "; }));
  EXPECT_TRUE(changed([](LedgerContent& x) { x.fields.doc_no = "1号"; }));
  EXPECT_TRUE(changed([](LedgerContent& x) { x.fields.validity = Validity::expired; }));
  EXPECT_TRUE(changed([](LedgerContent& x) { x.index_no = "X/2026-00002"; }));
  EXPECT_TRUE(changed([](LedgerContent& x) { x.attachments.push_back({"ab", 1, "a.pdf"}); }));
  // Newlines cannot be used to forge another field.
  EXPECT_TRUE(changed([](LedgerContent& x) { x.fields.title = "标题\nsummary="; }));

  LedgerEntry e{1, "2026-11-28T01:00:00Z", "publish", 9, 1, "X/2026-00001", "标题", h, std::string(kGenesisHash), ""};
  e.entry_hash = entry_hash(e);
  LedgerEntry next{2, "2026-11-28T02:00:00Z", "withdraw", 9, 1, "X/2026-00001", "标题",
                   state_change_hash(9, "withdraw", "理由"), e.entry_hash, ""};
  next.entry_hash = entry_hash(next);
  LedgerEntry tampered = e;
  tampered.title = "改过的标题";
  EXPECT_NE(entry_hash(tampered), e.entry_hash);
  EXPECT_NE(state_change_hash(9, "withdraw", "理由"), state_change_hash(9, "withdraw", "理由2"));
  EXPECT_NE(checkpoint_message(2, next.entry_hash, "t"), checkpoint_message(1, next.entry_hash, "t"));
}

}  // namespace
}  // namespace gongkai::disclosure
