// gongkai/disclosure/service on SQLite and PostgreSQL: every workflow transition and the forbidden ones
// (self-review, editing a published edition in place, publishing with an unmasked ID number), editions, index
// numbers, the personal-data gate, withdrawal and repeal, the audit trail, and the ledger with its tamper check.
#include <gtest/gtest.h>

#include <filesystem>

#include "gongkai/audit/service.hpp"
#include "gongkai/disclosure/service.hpp"
#include "gongkai/privacy/identifiers.hpp"
#include "platform/signing.hpp"
#include "platform_test_db.hpp"

namespace gongkai::disclosure {
namespace {

using units::Role;

units::Actor person(long long id, long long unit, std::set<Role> roles) {
  units::Actor a;
  a.user_id = id;
  a.username = "u" + std::to_string(id);
  a.display_name = a.username;
  a.unit_id = unit;
  a.roles = std::move(roles);
  a.request_id = "t";
  return a;
}

class DisclosureServiceTest : public gongkai_test::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    units_ = std::make_unique<units::UnitService>(db_);
    accounts_ = std::make_unique<units::AccountService>(db_);
    calendar_ = std::make_unique<calendar::CalendarService>(db_);
    data_dir_ = std::filesystem::temp_directory_path() / gongkai_test::unique_name("gk_data");
    svc_ = std::make_unique<DisclosureService>(db_, *units_, *calendar_, data_dir_);
    auto cli = units::command_line_actor();
    units::UnitFields root;
    root.kind = units::UnitKind::government;
    root.name = "某区人民政府";
    root.credit_code = "11330100MB0000001" + std::string(1, privacy::credit_code_check_char("11330100MB0000001"));
    root_ = *units_->create(cli, root);
    units::UnitFields dept;
    dept.kind = units::UnitKind::department;
    dept.parent_id = root_;
    dept.name = "区教育局";
    dept.credit_code = "11330100MB0000002" + std::string(1, privacy::credit_code_check_char("11330100MB0000002"));
    unit_ = *units_->create(cli, dept);
    dept.name = "区民政局";
    dept.credit_code = "";
    other_unit_ = *units_->create(cli, dept);
    // Real accounts, since editions reference users.
    auto make = [&](const char* name, long long unit, std::set<Role> roles) {
      units::NewUser nu{name, name, "Gongkai-Test-2026x", unit, roles, false};
      auto id = accounts_->create_user(cli, nu);
      EXPECT_TRUE(id.ok()) << id.error().message;
      return person(*id, unit, roles);
    };
    editor_ = make("editor", unit_, {Role::editor});
    reviewer_ = make("reviewer", unit_, {Role::reviewer});
    both_ = make("both", unit_, {Role::editor, Role::reviewer});
    outsider_ = make("outsider", other_unit_, {Role::editor, Role::reviewer});
    office_ = make("office", root_, {Role::supervisor});
  }
  void TearDown() override {
    svc_.reset();
    calendar_.reset();
    accounts_.reset();
    units_.reset();
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
    DbTest::TearDown();
  }

  EditionFields fields(std::string title = "关于做好2026年义务教育招生工作的通知") {
    EditionFields f;
    f.title = std::move(title);
    f.summary = "招生安排";
    f.body_md = "## 一、对象\n\n适龄儿童。\n\n| 事项 | 时间 |\n|---|---|\n| 报名 | 5月 |\n";
    f.doc_no = "临教发〔2026〕3号";
    f.written_on = "2026-03-20";
    f.formed_on = "2026-03-20";
    f.topic = "11";
    f.info_class = "policy";
    return f;
  }

  // A document taken through draft → submitted → approved → published by editor and reviewer.
  long long published(std::string title = "通知") {
    auto id = svc_->create_draft(editor_, unit_, fields(std::move(title)));
    EXPECT_TRUE(id.ok()) << id.error().message;
    expect_ok(svc_->submit(editor_, *id, 1));
    expect_ok(svc_->approve(reviewer_, *id, "同意公开", 2));
    expect_ok(svc_->publish(reviewer_, *id, 3));
    return *id;
  }

  int version(long long id) { return svc_->staff_document(office_, id)->edition.version; }
  int doc_version(long long id) { return svc_->staff_document(office_, id)->doc.version; }

  static void expect_ok(const platform::Result<void>& r) { EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message; }
  static void expect_error(const platform::Result<void>& r, const char* code) {
    ASSERT_FALSE(r.ok()) << "expected " << code;
    EXPECT_EQ(r.error().code, code) << r.error().message;
  }

  long long count(const std::string& sql) {
    return db_->read([&](soci::session& s) {
      long long n = 0;
      s << sql, soci::into(n);
      return n;
    });
  }

  std::unique_ptr<units::UnitService> units_;
  std::unique_ptr<units::AccountService> accounts_;
  std::unique_ptr<calendar::CalendarService> calendar_;
  std::unique_ptr<DisclosureService> svc_;
  std::filesystem::path data_dir_;
  long long root_ = 0, unit_ = 0, other_unit_ = 0;
  units::Actor editor_, reviewer_, both_, outsider_, office_;
};

TEST_P(DisclosureServiceTest, FullWorkflowPublishesWithIndexNumberTimelinessAndLedger) {
  auto id = svc_->create_draft(editor_, unit_, fields());
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_FALSE(svc_->public_document(*id).has_value());  // drafts are not public
  expect_ok(svc_->submit(editor_, *id, 1));
  expect_ok(svc_->approve(reviewer_, *id, "经审查，同意公开。", 2));
  EXPECT_FALSE(svc_->public_document(*id).has_value());
  expect_ok(svc_->publish(reviewer_, *id, 3));

  auto p = svc_->public_document(*id);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->doc.state, DocumentState::published);
  auto unit = units_->find(unit_);
  int year = std::stoi(p->edition.published_on.substr(0, 4));
  EXPECT_EQ(p->doc.index_no, unit->f.credit_code + "/" + std::to_string(year) + "-00001");
  EXPECT_EQ(p->edition.f.issuer_name, "区教育局");  // defaulted to the unit's name and frozen
  EXPECT_NE(p->edition.body_html.find("<table>"), std::string::npos);
  ASSERT_TRUE(p->edition.working_days_to_publish.has_value());
  EXPECT_FALSE(*p->edition.timely);  // formed in March, published now
  ASSERT_EQ(p->ledger.size(), 1u);
  EXPECT_EQ(p->ledger[0].action, "publish");
  EXPECT_EQ(p->ledger[0].content_hash, p->edition.content_hash);
  EXPECT_EQ(p->ledger[0].prev_hash, std::string(kGenesisHash));

  // A second publication in the unit takes the next serial.
  long long second = published("第二份");
  EXPECT_EQ(svc_->public_document(second)->doc.index_no, unit->f.credit_code + "/" + std::to_string(year) + "-00002");

  // Audited: every step, with the actor.
  auto entries = db_->read([&](soci::session& s) {
    std::vector<std::string> out;
    const std::string entity = std::to_string(*id);  // bound by reference: must outlive the rowset
    soci::rowset<std::string> rs = (s.prepare << "SELECT action FROM audit_log WHERE entity_type = 'document' AND "
                                                 "entity_id = :id ORDER BY id", soci::use(entity));
    for (const auto& a : rs) out.push_back(a);
    return out;
  });
  EXPECT_EQ(entries, (std::vector<std::string>{"document.create", "document.submit", "document.approve", "document.publish"}));
  auto report = svc_->verify_ledger();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.entries, 2);
}

TEST_P(DisclosureServiceTest, ForbiddenTransitionsAreRefusedAndChangeNothing) {
  auto id = *svc_->create_draft(editor_, unit_, fields());
  // Publishing or approving a draft skips review.
  expect_error(svc_->publish(reviewer_, id, 1), "invalid_transition");
  expect_error(svc_->approve(reviewer_, id, "同意", 1), "invalid_transition");
  // Other units and the wrong roles.
  expect_error(svc_->save_draft(outsider_, id, fields(), 1), "forbidden");
  expect_error(svc_->submit(reviewer_, id, 1), "forbidden");
  EXPECT_EQ(svc_->staff_document(outsider_, id).error().code, "forbidden");
  EXPECT_EQ(svc_->create_draft(editor_, other_unit_, fields()).error().code, "forbidden");
  // Self-review: the submitter holds the reviewer role too, and still cannot approve.
  auto own = *svc_->create_draft(both_, unit_, fields());
  expect_ok(svc_->submit(both_, own, 1));
  expect_error(svc_->approve(both_, own, "同意", 2), "self_review");
  expect_error(svc_->reject(both_, own, "不行", 2), "self_review");
  expect_ok(svc_->approve(reviewer_, own, "同意", 2));
  // Urgent publication is for the openness office only.
  auto urgent = *svc_->create_draft(editor_, unit_, fields());
  expect_error(svc_->urgent_publish(reviewer_, urgent, "抢险", 1), "forbidden");
  // Nothing of the refused attempts left a trace.
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_entries"), 0);
  EXPECT_EQ(svc_->staff_document(office_, id)->edition.status, EditionStatus::draft);
}

TEST_P(DisclosureServiceTest, OnlyProactiveInformationIsPublished) {
  auto f = fields();
  f.disclosure_mode = DisclosureMode::withheld;
  f.withheld_reason = "涉及商业秘密（条例第十五条）";
  auto id = *svc_->create_draft(editor_, unit_, f);
  expect_ok(svc_->submit(editor_, id, 1));
  expect_ok(svc_->approve(reviewer_, id, "同意不予公开", 2));
  expect_error(svc_->publish(reviewer_, id, 3), "not_proactive");
  expect_error(svc_->schedule(reviewer_, id, "2099-01-01T00:00:00Z", 3), "not_proactive");
  auto on_request = *svc_->create_draft(editor_, unit_, [&] { auto g = fields(); g.disclosure_mode = DisclosureMode::on_request; return g; }());
  expect_error(svc_->urgent_publish(office_, on_request, "急", 1), "not_proactive");
  EXPECT_FALSE(svc_->public_document(id).has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_entries"), 0);
}

TEST_P(DisclosureServiceTest, RejectRecallAndResubmit) {
  auto id = *svc_->create_draft(editor_, unit_, fields());
  expect_ok(svc_->submit(editor_, id, 1));
  expect_error(svc_->reject(reviewer_, id, "  ", 2), "required");
  expect_ok(svc_->reject(reviewer_, id, "文号有误", 2));
  auto sd = svc_->staff_document(editor_, id);
  EXPECT_EQ(sd->edition.status, EditionStatus::draft);
  EXPECT_EQ(sd->edition.rejection_reason, "文号有误");
  auto f = fields();
  f.doc_no = "临教发〔2026〕4号";
  expect_ok(svc_->save_draft(editor_, id, f, 3));
  expect_ok(svc_->submit(editor_, id, 4));
  expect_ok(svc_->recall(editor_, id, 5));
  expect_ok(svc_->submit(editor_, id, 6));
  expect_ok(svc_->approve(reviewer_, id, "同意", 7));
  EXPECT_EQ(svc_->staff_document(editor_, id)->edition.rejection_reason, "");
}

TEST_P(DisclosureServiceTest, ConcurrentEditsAreDetectedNotLost) {
  auto id = *svc_->create_draft(editor_, unit_, fields());
  auto a = fields("甲的标题");
  auto b = fields("乙的标题");
  expect_ok(svc_->save_draft(editor_, id, a, 1));
  expect_error(svc_->save_draft(both_, id, b, 1), "stale_version");
  EXPECT_EQ(svc_->staff_document(editor_, id)->edition.f.title, "甲的标题");
}

TEST_P(DisclosureServiceTest, PublishedEditionsAreNeverChangedInPlace) {
  long long id = published();
  // The service refuses to save over a published edition...
  expect_error(svc_->save_draft(editor_, id, fields("改标题"), version(id)), "invalid_transition");
  // ...and so does the database, whoever asks.
  EXPECT_ANY_THROW(db_->write([&](soci::session& s) { s << "UPDATE editions SET title = 'x' WHERE document_id = " + std::to_string(id); }));
  EXPECT_ANY_THROW(db_->write([&](soci::session& s) { s << "DELETE FROM editions WHERE document_id = " + std::to_string(id); }));
  EXPECT_EQ(svc_->public_document(id)->edition.f.title, "通知");

  // A change is a new edition: the public keeps the first until the second is published.
  auto n = svc_->new_edition(editor_, id);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(svc_->new_edition(editor_, id).error().code, "invalid_transition");  // one edition in progress at a time
  auto f = fields("通知（修订）");
  expect_error(svc_->save_draft(editor_, id, f, version(id)), "change_note_required");
  f.change_note = "更正报名时间";
  expect_ok(svc_->save_draft(editor_, id, f, version(id)));
  EXPECT_EQ(svc_->public_document(id)->edition.f.title, "通知");
  expect_ok(svc_->submit(editor_, id, version(id)));
  expect_ok(svc_->approve(reviewer_, id, "同意", version(id)));
  expect_ok(svc_->publish(reviewer_, id, version(id)));
  auto p = svc_->public_document(id);
  EXPECT_EQ(p->edition.edition_no, 2);
  EXPECT_EQ(p->edition.f.title, "通知（修订）");
  ASSERT_EQ(p->editions.size(), 2u);
  EXPECT_EQ(p->editions[0].status, EditionStatus::superseded);
  EXPECT_EQ(svc_->public_document(id, 1)->edition.f.title, "通知");  // the old edition stays readable
  EXPECT_FALSE(svc_->public_document(id, 1)->is_current);
  ASSERT_EQ(p->ledger.size(), 2u);
  EXPECT_EQ(p->ledger[1].action, "new_edition");
  EXPECT_EQ(p->doc.index_no.substr(p->doc.index_no.size() - 5), "00001");  // the number stays with the document
}

TEST_P(DisclosureServiceTest, PersonalDataGateBlocksMasksAndAllowsRecordedOverrides) {
  auto f = fields();
  f.body_md = "申请人张三，身份证号 11010519491231002X，电话 13800138000。";
  auto id = *svc_->create_draft(editor_, unit_, f);
  auto blocked = svc_->submit(editor_, id, 1);
  expect_error(blocked, "personal_data_found");
  EXPECT_NE(blocked.error().message.find("身份证号"), std::string::npos);
  auto sd = svc_->staff_document(editor_, id);
  ASSERT_EQ(sd->findings.size(), 2u);
  EXPECT_EQ(sd->findings[0].finding.masked, "110105********002X");
  EXPECT_EQ(sd->findings[0].context.find("11010519491231002X"), std::string::npos);  // never repeated in full

  // One click masks them in place.
  auto masked = svc_->mask_findings(editor_, id, 1);
  ASSERT_TRUE(masked.ok()) << masked.error().message;
  EXPECT_EQ(*masked, 2);
  sd = svc_->staff_document(editor_, id);
  EXPECT_EQ(sd->edition.f.body_md, "申请人张三，身份证号 110105********002X，电话 138****8000。");
  EXPECT_TRUE(sd->findings.empty());
  expect_ok(svc_->submit(editor_, id, 2));

  // A finding a reviewer decides to keep (an office's public mobile line): only with a reason, never by the author.
  auto g = fields();
  g.body_md = "值班手机 13900139000。";
  auto kept = *svc_->create_draft(editor_, unit_, g);
  expect_error(svc_->submit(editor_, kept, 1), "personal_data_found");
  auto finding = svc_->staff_document(editor_, kept)->findings.at(0);
  expect_error(svc_->override_finding(editor_, kept, "mobile", finding.value_hash, "公开的值班电话"), "forbidden");
  expect_error(svc_->override_finding(reviewer_, kept, "mobile", finding.value_hash, " "), "required");
  expect_error(svc_->override_finding(reviewer_, kept, "mobile", "nope", "理由"), "not_found");
  expect_ok(svc_->override_finding(reviewer_, kept, "mobile", finding.value_hash, "公开的值班电话"));
  expect_ok(svc_->submit(editor_, kept, 1));
  EXPECT_TRUE(svc_->staff_document(editor_, kept)->findings.at(0).overridden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'document.privacy_override'"), 1);
}

TEST_P(DisclosureServiceTest, PublicationRunsTheGateAgain) {
  auto id = *svc_->create_draft(editor_, unit_, fields());
  expect_ok(svc_->submit(editor_, id, 1));
  expect_ok(svc_->approve(reviewer_, id, "同意", 2));
  // Personal data slipped in after approval (behind the workflow's back): publication still refuses.
  db_->write([&](soci::session& s) {
    s << "UPDATE editions SET body_md = '电话 13800138000' WHERE document_id = " + std::to_string(id);
  });
  expect_error(svc_->publish(reviewer_, id, 3), "personal_data_found");
  EXPECT_FALSE(svc_->public_document(id).has_value());
}

TEST_P(DisclosureServiceTest, UrgentPublicationIsFlaggedUntilReviewedByAnother) {
  auto id = *svc_->create_draft(editor_, unit_, fields());
  expect_error(svc_->urgent_publish(office_, id, "", 1), "required");
  expect_ok(svc_->urgent_publish(office_, id, "防汛紧急通知", 1));
  auto sd = svc_->staff_document(office_, id);
  EXPECT_TRUE(sd->edition.urgent);
  EXPECT_TRUE(sd->edition.review_pending);
  EXPECT_TRUE(svc_->public_document(id).has_value());
  expect_error(svc_->post_review(office_, id, "同意", sd->edition.version), "self_review");
  expect_ok(svc_->post_review(reviewer_, id, "事后审查同意", sd->edition.version));
  EXPECT_FALSE(svc_->staff_document(office_, id)->edition.review_pending);
  EXPECT_TRUE(svc_->verify_ledger().ok);  // the post-review flag is not part of the published content
}

TEST_P(DisclosureServiceTest, ScheduledPublication) {
  auto id = *svc_->create_draft(editor_, unit_, fields());
  expect_ok(svc_->submit(editor_, id, 1));
  expect_ok(svc_->approve(reviewer_, id, "同意", 2));
  expect_error(svc_->schedule(reviewer_, id, "2020-01-01T00:00:00Z", 3), "invalid_time");
  expect_error(svc_->schedule(reviewer_, id, "tomorrow", 3), "invalid_time");
  expect_ok(svc_->schedule(reviewer_, id, "2099-01-01T00:00:00Z", 3));
  EXPECT_EQ(svc_->publish_due(), 0);
  expect_ok(svc_->unschedule(reviewer_, id, 4));
  expect_ok(svc_->schedule(reviewer_, id, "2099-01-01T00:00:00Z", 5));
  // Time passes.
  db_->write([&](soci::session& s) { s << "UPDATE editions SET publish_at = '2020-01-01T00:00:00Z' WHERE document_id = " + std::to_string(id); });
  EXPECT_EQ(svc_->publish_due(), 1);
  EXPECT_EQ(svc_->publish_due(), 0);
  EXPECT_TRUE(svc_->public_document(id).has_value());
}

TEST_P(DisclosureServiceTest, WithdrawalKeepsTheAddressWithItsReasonAndRepealIsRecorded) {
  long long id = published();
  expect_error(svc_->withdraw(reviewer_, id, "", doc_version(id)), "required");
  expect_error(svc_->withdraw(editor_, id, "错误发布", doc_version(id)), "forbidden");
  expect_error(svc_->withdraw(reviewer_, id, "联系 13800138000", doc_version(id)), "personal_data_found");
  expect_error(svc_->withdraw(reviewer_, id, "错误发布", doc_version(id) - 1), "stale_version");
  expect_ok(svc_->withdraw(reviewer_, id, "内容有误，已重新发布", doc_version(id)));
  auto p = svc_->public_document(id);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->doc.state, DocumentState::withdrawn);
  EXPECT_EQ(p->doc.withdrawal_reason, "内容有误，已重新发布");
  expect_error(svc_->repeal(reviewer_, id, "2026-01-01", "", doc_version(id)), "invalid_transition");
  EXPECT_EQ(svc_->new_edition(editor_, id).error().code, "invalid_transition");

  long long other = published("另一份");
  expect_error(svc_->repeal(reviewer_, other, "2026-02-30", "", doc_version(other)), "invalid_date");
  expect_ok(svc_->repeal(reviewer_, other, "2026-06-01", "被新办法取代", doc_version(other)));
  auto r = svc_->public_document(other);
  EXPECT_EQ(r->validity, Validity::repealed);
  EXPECT_EQ(r->doc.repealed_on, "2026-06-01");
  auto report = svc_->verify_ledger();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.entries, 4);
}

TEST_P(DisclosureServiceTest, LedgerVerifyNamesTheEntryWhoseContentWasChangedBehindTheApplicationsBack) {
  long long a = published("第一份");
  long long b = published("第二份");
  long long c = published("第三份");
  (void)a;
  (void)c;
  auto cp = svc_->checkpoint();
  ASSERT_TRUE(cp.has_value());
  EXPECT_EQ(cp->seq, 3);
  EXPECT_TRUE(platform::verify_signature(cp->public_key, checkpoint_message(cp->seq, cp->entry_hash, cp->signed_at), cp->signature));
  EXPECT_FALSE(svc_->checkpoint().has_value());  // nothing new to sign
  EXPECT_TRUE(svc_->verify_ledger().ok);
  // Someone with database access drops the guard and edits the second document's published text.
  db_->write([&](soci::session& s) {
    db_->exec_script(s, db_->is_sqlite() ? "DROP TRIGGER editions_frozen" : "DROP TRIGGER editions_frozen ON editions");
    s << "UPDATE editions SET body_md = '篡改后的正文' WHERE document_id = " + std::to_string(b);
  });
  auto report = svc_->verify_ledger();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 2);
  EXPECT_NE(report.problem.find("文件 " + std::to_string(b)), std::string::npos) << report.problem;
}

TEST_P(DisclosureServiceTest, LedgerVerifyDetectsARewrittenChainAgainstTheSignedCheckpoint) {
  published("第一份");
  published("第二份");
  ASSERT_TRUE(svc_->checkpoint().has_value());
  // Rewriting the entry and everything after it consistently still contradicts the signed checkpoint.
  db_->write([&](soci::session& s) {
    s << "UPDATE ledger_entries SET title = '改写' WHERE seq = 2";
  });
  auto report = svc_->verify_ledger();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 2);
}

TEST_P(DisclosureServiceTest, LinksShowOnBothPages) {
  long long policy = published("某某办法");
  long long interp = published("《某某办法》政策解读");
  expect_ok(svc_->link(editor_, interp, policy, "interprets"));
  expect_ok(svc_->link(editor_, interp, policy, "interprets"));  // idempotent
  expect_error(svc_->link(editor_, interp, interp, "interprets"), "invalid_link");
  expect_error(svc_->link(outsider_, interp, policy, "interprets"), "forbidden");
  auto p = svc_->public_document(policy);
  ASSERT_EQ(p->related.size(), 1u);
  EXPECT_EQ(p->related[0].direction, "from");
  auto i = svc_->public_document(interp);
  ASSERT_EQ(i->related.size(), 1u);
  EXPECT_EQ(i->related[0].direction, "to");
  EXPECT_EQ(i->related[0].title, "某某办法");
}

TEST_P(DisclosureServiceTest, ColumnsStatutoryOnesStayAndOthersValidate) {
  auto cols = svc_->columns();
  ASSERT_EQ(cols.size(), 4u);
  EXPECT_EQ(cols[0].name, "政府信息公开指南");
  EXPECT_EQ(cols[3].name, "政府信息公开年报");
  store::Column c;
  c.name = "政策文件";
  c.slug = "policy";
  c.parent_id = cols[2].id;
  c.update_interval_days = 180;
  EXPECT_EQ(svc_->create_column(editor_, c).error().code, "forbidden");
  auto id = svc_->create_column(office_, c);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(svc_->create_column(office_, c).error().code, "duplicate_slug");
  c.slug = "Bad Slug";
  EXPECT_EQ(svc_->create_column(office_, c).error().code, "invalid_slug");
  // A statutory column cannot be moved, renamed to another address or switched off.
  store::Column guide = cols[0];
  guide.slug = "elsewhere";
  guide.active = false;
  guide.parent_id = *id;
  expect_ok(svc_->update_column(office_, guide, guide.version));
  auto after = svc_->column_by_slug("guide");
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->active);
  EXPECT_FALSE(after->parent_id.has_value());
  expect_error(svc_->update_column(office_, guide, guide.version), "stale_version");
}

TEST_P(DisclosureServiceTest, ImportIsIdempotentAndPublishes) {
  auto cli = units::command_line_actor();
  cli.roles.insert(Role::supervisor);
  auto f = fields("导入的法规");
  auto first = svc_->import_published(cli, unit_, "lawrefbook:x", f);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(*first);
  auto again = svc_->import_published(cli, unit_, "lawrefbook:x", f);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_entries"), 1);
  f.title = "";
  EXPECT_EQ(svc_->import_published(cli, unit_, "lawrefbook:y", f).error().code, "required");

  // In a batch, a refused record (no title; personal data) is rolled back alone; the others are published.
  std::vector<DisclosureService::ImportItem> items;
  items.push_back({"batch:1", fields("批量一")});
  items.push_back({"batch:2", f});
  auto pii = fields("批量三");
  pii.body_md = "联系电话 13800138000";
  items.push_back({"batch:3", pii});
  items.push_back({"batch:4", fields("批量四")});
  items.push_back({"lawrefbook:x", fields("已导入")});
  auto results = svc_->import_published_many(cli, unit_, items);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_TRUE(results[0].ok() && *results[0]);
  EXPECT_EQ(results[1].error().code, "required");
  EXPECT_EQ(results[2].error().code, "personal_data_found");
  EXPECT_TRUE(results[3].ok() && *results[3]);
  EXPECT_TRUE(results[4].ok() && !*results[4]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_entries"), 3);
  EXPECT_TRUE(svc_->verify_ledger().ok);
}

GONGKAI_DB_TEST_SUITE(DisclosureServiceTest);

}  // namespace
}  // namespace gongkai::disclosure
