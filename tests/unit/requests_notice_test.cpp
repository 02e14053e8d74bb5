// 告知书 and released files (gongkai/requests/notice_*): the template language, the shipped defaults, numbering per
// unit, year and kind on SQLite and PostgreSQL (never reused), notices issued by the steps and frozen, released
// files frozen with the reply, the openness office's audited template versions, and the applicant's access with
// number + query code only.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "gongkai/audit/store.hpp"
#include "gongkai/calendar/service.hpp"
#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/requests/notice_service.hpp"
#include "gongkai/units/service.hpp"
#include "platform/assets.hpp"
#include "platform/files/text_extract.hpp"
#include "platform/render/pdf.hpp"
#include "platform_test_db.hpp"

namespace gongkai::requests {
namespace {

using calendar::Date;
using units::Role;
namespace nt = notice;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

// ---- the template language (pure) ----

TEST(NoticeModelTest, FillReplacesPlaceholdersAndKeepsEverythingElse) {
  auto r = nt::fill("{{applicant}}：\n您好 {{ unit }}，{ 单括号 } 与 }} 原样保留。", {{"applicant", "张三"}, {"unit", "区教育局"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "张三：\n您好 区教育局，{ 单括号 } 与 }} 原样保留。");
}

TEST(NoticeModelTest, FillRefusesUnknownAndUnclosedPlaceholders) {
  auto unknown = nt::fill("{{nobody}}", {{"applicant", "x"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_placeholder");
  auto unclosed = nt::fill("前文 {{applicant", {{"applicant", "x"}});
  ASSERT_FALSE(unclosed.ok());
  EXPECT_EQ(unclosed.error().code, "template_unclosed");
  auto bad = nt::fill("{{申请人}}", {{"applicant", "x"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "unknown_placeholder");
}

TEST(NoticeModelTest, CheckTemplateAllowsOnlyTheKeysPlaceholders) {
  const auto* k = nt::find_key("supplement");
  ASSERT_NE(k, nullptr);
  EXPECT_TRUE(nt::check_template(*k, "补正告知书", "{{applicant}}：请于{{supplement_due_on}}前补正。").ok());
  auto r = nt::check_template(*k, "补正告知书", "{{applicant}}：{{reply_text}}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_placeholder");
  EXPECT_NE(r.error().message.find("{{supplement_items}}"), std::string::npos) << "names the allowed ones";
  EXPECT_EQ(nt::check_template(*k, " ", "x").error().code, "required");
  EXPECT_EQ(nt::check_template(*k, "t", std::string("\xff")).error().code, "invalid_template");
  EXPECT_EQ(nt::find_key("reply.other_no_supplement"), nullptr) << "deemed withdrawal is not a reply";
  EXPECT_NE(nt::find_key("reply.partial"), nullptr);
}

TEST(NoticeModelTest, NumbersDatesCitationsAndCourt) {
  EXPECT_EQ(nt::format_notice_no("区教育局", nt::Kind::reply, 2026, 3), "区教育局政府信息公开答复〔2026〕3号");
  EXPECT_EQ(nt::format_notice_no("区教育局", nt::Kind::supplement, 2027, 1), "区教育局政府信息公开补正〔2027〕1号");
  EXPECT_EQ(nt::chinese_date(d(2026, 3, 2)), "2026年3月2日");
  EXPECT_EQ(nt::cite("条例第三十七条、第三十六条第（二）项"), "《中华人民共和国政府信息公开条例》第三十七条、第三十六条第（二）项");
  EXPECT_EQ(nt::default_court("临江区人民政府"), "临江区人民法院");
  EXPECT_EQ(nt::paragraphs("  第一段 \n\n第二段\r\n"), (std::vector<std::string>{"第一段", "第二段"}));
}

TEST(NoticeModelTest, ShippedDefaultsCoverEveryKeyAndPassTheirOwnCheck) {
  auto text = platform::assets::read("config/notice_templates.json");
  ASSERT_TRUE(text);
  auto v = boost::json::parse(*text);
  for (const auto& k : nt::template_keys()) {
    const auto* t = v.at("templates").as_object().if_contains(k.key);
    ASSERT_NE(t, nullptr) << k.key;
    auto ok = nt::check_template(k, std::string(t->at("title").as_string()), std::string(t->at("body").as_string()));
    EXPECT_TRUE(ok.ok()) << k.key << ": " << ok.error().message;
  }
  // Every outcome a reply may use has its template; the remedies name both ways of appeal and their time limits.
  for (const auto& o : all_outcomes()) EXPECT_EQ(nt::find_key("reply." + std::string(o.code)) != nullptr, o.in_reply);
  std::string remedies(v.at("templates").at("remedies").at("body").as_string());
  EXPECT_NE(remedies.find("六十日内"), std::string::npos);
  EXPECT_NE(remedies.find("六个月内"), std::string::npos);
}

// ---- the service, on both backends ----

std::string resident_id(const std::string& first17) { return first17 + privacy::resident_id_check_char(first17); }

std::string small_pdf(const std::string& text) {
  platform::render::PdfDocument doc;
  doc.paragraph(text);
  return *doc.render();
}

class NoticeServiceTest : public gongkai_test::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    data_dir_ = std::filesystem::temp_directory_path() / gongkai_test::unique_name("gk_notice");
    units_ = std::make_unique<units::UnitService>(db_);
    accounts_ = std::make_unique<units::AccountService>(db_);
    cal_ = std::make_unique<calendar::CalendarService>(db_);
    auto admin = units::command_line_actor();
    units::UnitFields f;
    f.kind = units::UnitKind::government;
    f.name = "临江区人民政府";
    root_ = *units_->create(admin, f);
    f.kind = units::UnitKind::department;
    f.parent_id = root_;
    f.name = "区教育局";
    dept_ = *units_->create(admin, f);
    f.name = "区民政局";
    other_ = *units_->create(admin, f);
    h1_ = user("handler1", dept_, {Role::request_handler});
    h_other_ = user("handler3", other_, {Role::request_handler});
    sup_ = user("supervisor", root_, {Role::supervisor});
    svc_ = std::make_unique<RequestService>(db_, *cal_);
    svc_->today = [this] { return today_; };
    notices_ = std::make_unique<NoticeService>(db_, *svc_, *cal_, data_dir_.string());
  }
  void TearDown() override {
    notices_.reset();
    svc_.reset();
    cal_.reset();
    accounts_.reset();
    units_.reset();
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
    DbTest::TearDown();
  }

  units::Actor user(const std::string& username, long long unit, std::set<Role> roles) {
    units::NewUser nu;
    nu.username = username;
    nu.display_name = username + "姓名";
    nu.password = "Gongkai-test-2026";
    nu.unit_id = unit;
    nu.roles = roles;
    auto id = accounts_->create_user(units::command_line_actor(), nu);
    EXPECT_TRUE(id.ok()) << id.error().message;
    units::Actor a;
    a.user_id = id.ok() ? *id : 0;
    a.username = username;
    a.display_name = nu.display_name;
    a.unit_id = unit;
    a.roles = roles;
    a.address = "192.0.2.10";
    return a;
  }

  units::Actor visitor() {
    units::Actor v;
    v.address = "198.51.100.7";
    return v;
  }

  Submitted submit(long long unit) {
    ApplicationInput in;
    in.unit_id = std::to_string(unit);
    in.applicant_type = "natural_person";
    in.name = "王小明";
    in.id_type = "resident_id";
    in.id_number = resident_id("11010519491231002");
    in.email = "wang@example.cn";
    in.description = "申请公开" + std::to_string(++serial_) + "号学校的食堂招标文件全文";
    in.delivery = "email";
    auto r = svc_->submit_online(in, visitor());
    EXPECT_TRUE(r.ok()) << r.error().message;
    return *r;
  }

  store::Case act(long long id, Action a, ActionInput in = {}, const units::Actor* who = nullptr) {
    auto c = svc_->get(sup_, id);
    EXPECT_TRUE(c.ok());
    const units::Actor& actor = who ? *who : transition(a).who == Who::supervisor ? sup_ : handler_for(c->c.unit_id);
    auto r = svc_->act(actor, id, a, in, c->c.version);
    EXPECT_TRUE(r.ok()) << to_string(a) << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : c->c;
  }
  const units::Actor& handler_for(long long unit) { return unit == dept_ ? h1_ : h_other_; }

  // Submitted and taken to `working`.
  Submitted working(long long unit) {
    auto s = submit(unit);
    act(s.id, Action::accept);
    ActionInput assign;
    assign.assignee_id = handler_for(unit).user_id;
    act(s.id, Action::assign, assign);
    act(s.id, Action::start_work);
    return s;
  }

  void reply(long long id, const std::string& outcome = "partial") {
    ActionInput draft;
    draft.outcome = outcome;
    draft.text = "第一项予以公开，第二项涉及商业秘密，不予公开。";
    act(id, Action::draft_reply, draft);
    act(id, Action::approve_reply);
    act(id, Action::send_reply);
  }

  std::vector<nt::store::NoticeRow> notices_of(long long id) {
    auto r = notices_->notices(sup_, id);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<nt::store::NoticeRow>{};
  }

  std::filesystem::path data_dir_;
  std::unique_ptr<units::UnitService> units_;
  std::unique_ptr<units::AccountService> accounts_;
  std::unique_ptr<calendar::CalendarService> cal_;
  std::unique_ptr<RequestService> svc_;
  std::unique_ptr<NoticeService> notices_;
  long long root_ = 0, dept_ = 0, other_ = 0;
  units::Actor h1_, h_other_, sup_;
  Date today_ = d(2026, 3, 2);
  int serial_ = 0;
};

TEST_P(NoticeServiceTest, ReplySentIssuesANumberedFrozenNoticeAndReleasesTheFiles) {
  auto s = working(dept_);
  auto file = notices_->add_file(h1_, s.id, "中标结果.pdf", small_pdf("中标结果公告"));
  ASSERT_TRUE(file.ok()) << file.error().message;
  auto stranger = notices_->add_file(h_other_, s.id, "x.pdf", small_pdf("x"));
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().code, "forbidden");
  auto exe = notices_->add_file(h1_, s.id, "setup.pdf", std::string("MZ\x90\x00\x03\x00\x00\x00", 8) + std::string(200, 'A'));
  ASSERT_FALSE(exe.ok());

  ActionInput draft;
  draft.outcome = "partial";
  draft.text = "第一项予以公开，第二项涉及商业秘密，不予公开。";
  act(s.id, Action::draft_reply, draft);
  auto preview = notices_->reply_preview(h1_, s.id);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_TRUE(preview->notice_no.empty()) << "numbered only when sent";
  std::string all;
  for (const auto& p : preview->paragraphs) all += p + "\n";
  EXPECT_EQ(preview->paragraphs.front(), "王小明：");
  EXPECT_NE(all.find("《中华人民共和国政府信息公开条例》第三十七条"), std::string::npos) << all;
  EXPECT_NE(all.find("六十日内向临江区人民政府申请行政复议"), std::string::npos) << all;
  EXPECT_NE(all.find("六个月内向临江区人民法院提起行政诉讼"), std::string::npos) << all;
  EXPECT_NE(all.find("第二项涉及商业秘密"), std::string::npos);
  EXPECT_TRUE(notices_of(s.id).empty());

  act(s.id, Action::approve_reply);
  act(s.id, Action::send_reply);
  auto ns = notices_of(s.id);
  ASSERT_EQ(ns.size(), 1u);
  EXPECT_EQ(ns[0].kind, "reply");
  EXPECT_EQ(ns[0].notice_no, "区教育局政府信息公开答复〔2026〕1号");
  EXPECT_EQ(ns[0].template_key, "reply.partial");
  EXPECT_EQ(ns[0].template_version, 0);
  EXPECT_EQ(ns[0].issued_on, today_.iso());

  // Frozen: the database refuses to change or delete a sent notice, on both backends.
  EXPECT_ANY_THROW(db_->write([&](soci::session& x) { x << "UPDATE request_notices SET body = 'x' WHERE id = " + std::to_string(ns[0].id); }));
  EXPECT_ANY_THROW(db_->write([&](soci::session& x) { x << "DELETE FROM request_notices WHERE id = " + std::to_string(ns[0].id); }));
  // The released file went out with the reply and stays.
  auto files = notices_->files(h1_, s.id);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].released_on, today_.iso());
  auto removed = notices_->remove_file(h1_, s.id, *file);
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().code, "files_frozen");
  auto late = notices_->add_file(h1_, s.id, "补充.pdf", small_pdf("补充"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "files_frozen");

  // The applicant, with number + query code: the notice as PDF and the file; a wrong code gets nothing.
  auto pdf = notices_->applicant_notice_pdf(s.number, s.query_code, ns[0].id, visitor());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  auto text = platform::files::extract_text("pdf", pdf->bytes);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("〔2026〕1号"), std::string::npos) << *text;
  EXPECT_NE(text->find("部分公开"), std::string::npos) << *text;
  // On the tracking page the letter carries no name; the PDF (above) is the letter as sent.
  auto view = svc_->track(s.number, s.query_code, visitor());
  ASSERT_TRUE(view.ok());
  auto mine = notices_->for_view(*view);
  ASSERT_EQ(mine.notices.size(), 1u);
  EXPECT_EQ(mine.notices[0].body.find("王小明"), std::string::npos);
  EXPECT_EQ(mine.notices[0].body.rfind("申请人：", 0), 0u);
  EXPECT_NE(text->find("王小明"), std::string::npos);
  ASSERT_EQ(mine.files.size(), 1u);
  auto got = notices_->applicant_file(s.number, s.query_code, *file, visitor());
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->file_name, "中标结果.pdf");
  auto wrong = notices_->applicant_file(s.number, "AAAA-BBBB-CCCC", *file, visitor());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "track_failed");
  // Another request's code does not open this request's file.
  auto other = submit(dept_);
  auto cross = notices_->applicant_file(other.number, other.query_code, *file, visitor());
  ASSERT_FALSE(cross.ok());
  EXPECT_EQ(cross.error().code, "not_found");
}

TEST_P(NoticeServiceTest, NumbersRunPerUnitYearAndKindAndAreNeverReused) {
  auto a = working(dept_);
  auto b = working(dept_);
  auto c = working(other_);
  reply(a.id);
  reply(b.id);
  reply(c.id, "disclose");
  EXPECT_EQ(notices_of(a.id).at(0).notice_no, "区教育局政府信息公开答复〔2026〕1号");
  EXPECT_EQ(notices_of(b.id).at(0).notice_no, "区教育局政府信息公开答复〔2026〕2号");
  EXPECT_EQ(notices_of(c.id).at(0).notice_no, "区民政局政府信息公开答复〔2026〕1号");

  // A supplement notice has its own series; a consultation letter too.
  auto s = submit(dept_);
  ActionInput supp;
  supp.text = "请说明学校名称";
  supp.due = today_.add_days(20).iso();
  act(s.id, Action::request_supplement, supp);
  act(s.id, Action::send_supplement_notice);
  auto sn = notices_of(s.id);
  ASSERT_EQ(sn.size(), 1u);
  EXPECT_EQ(sn[0].notice_no, "区教育局政府信息公开补正〔2026〕1号");
  EXPECT_NE(sn[0].body.find("请说明学校名称"), std::string::npos);

  auto k = working(dept_);
  ActionInput consult;
  consult.kind = "third_party";
  consult.party = "某某餐饮管理有限公司";
  act(k.id, Action::consult, consult);
  auto kn = notices_of(k.id);
  ASSERT_EQ(kn.size(), 1u);
  EXPECT_EQ(kn[0].notice_no, "区教育局政府信息公开征求意见〔2026〕1号");
  EXPECT_EQ(kn[0].body.rfind("某某餐饮管理有限公司：", 0), 0u);
  EXPECT_EQ(kn[0].body.find("王小明"), std::string::npos) << "the applicant's name is not sent to the third party";
  // The applicant does not see the consultation letter.
  auto view = svc_->track(k.number, k.query_code, visitor());
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(notices_->for_view(*view).notices.empty());

  // A new year starts again at 1; the counter of the old year keeps its value.
  today_ = d(2027, 1, 4);
  auto y = working(dept_);
  reply(y.id);
  EXPECT_EQ(notices_of(y.id).at(0).notice_no, "区教育局政府信息公开答复〔2027〕1号");
  long long last = 0;
  db_->read([&](soci::session& x) {
    x << "SELECT last_serial FROM notice_counters WHERE unit_id = " + std::to_string(dept_) + " AND year = 2026 AND kind = 'reply'",
        soci::into(last);
    return 0;
  });
  EXPECT_EQ(last, 2);
}

TEST_P(NoticeServiceTest, TemplatesAreEditedByTheOpennessOfficeInAuditedVersions) {
  auto first = working(dept_);
  reply(first.id);
  std::string sent_body = notices_of(first.id).at(0).body;

  auto refused = notices_->save_template(h1_, "reply.partial", "答复告知书", "{{applicant}}：新文字");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "forbidden");
  auto bad = notices_->save_template(sup_, "reply.partial", "答复告知书", "{{applicant}}：{{supplement_items}}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "unknown_placeholder");
  auto missing = notices_->save_template(sup_, "reply.nothing", "t", "b");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "not_found");

  auto v1 = notices_->save_template(sup_, "reply.partial", "政府信息公开申请答复书",
                                    "{{applicant}}：\n经审查，依据{{basis}}，部分公开。{{reply_text}}\n{{remedies}}");
  ASSERT_TRUE(v1.ok()) << v1.error().message;
  EXPECT_EQ(*v1, 1);
  auto same = notices_->save_template(sup_, "reply.partial", "政府信息公开申请答复书",
                                      "{{applicant}}：\n经审查，依据{{basis}}，部分公开。{{reply_text}}\n{{remedies}}");
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().code, "unchanged");
  auto court = notices_->save_template(sup_, "court", "行政诉讼管辖法院名称", "临江市铁路运输法院");
  ASSERT_TRUE(court.ok()) << court.error().message;

  auto second = working(dept_);
  reply(second.id);
  auto n = notices_of(second.id).at(0);
  EXPECT_EQ(n.title, "政府信息公开申请答复书");
  EXPECT_EQ(n.template_version, 1);
  EXPECT_NE(n.body.find("临江市铁路运输法院"), std::string::npos) << n.body;
  // The notice sent before the change is unchanged.
  EXPECT_EQ(notices_of(first.id).at(0).body, sent_body);

  auto view = notices_->template_of(sup_, "reply.partial");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->current.version, 1);
  ASSERT_EQ(view->history.size(), 1u);
  EXPECT_EQ(view->history[0].created_by_name, "supervisor姓名");
  audit::Query q;
  q.entity_type = "notice_template";
  auto entries = db_->read([&](soci::session& x) { return audit::find(x, q); });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries.back().action, "notice_template.save");
  EXPECT_FALSE(notices_->templates(h1_).ok()) << "handlers do not manage templates";
}

GONGKAI_DB_TEST_SUITE(NoticeServiceTest);

}  // namespace
}  // namespace gongkai::requests
