-- 监督检查 and the annual report (条例 Art. 49, 50; DOMAIN §5). The report's figures are computed from the documents
-- and requests tables; what no table holds yet is entered here: the counts of Table 二 for 行政许可, 行政处罚,
-- 行政强制 and the 行政事业性收费 amount (until a services capability supplies them), and the edited text of sections
-- 一, 五 and 六. A published report keeps the figures it was published with (snapshot_json) and is frozen.

-- Table 二 counts entered per unit and year. fees_fen: the fee amount in 分 (1 万元 = 1,000,000 分), an exact integer
-- so no amount is ever rounded through floating point; pages show it in 万元.
CREATE TABLE annual_report_counts (
  unit_id      @BIGINT@ NOT NULL REFERENCES units(id),
  year         INTEGER NOT NULL,
  licensing    @BIGINT@ NOT NULL DEFAULT 0,   -- 第二十条第（五）项 行政许可 本年处理决定数量
  penalty      @BIGINT@ NOT NULL DEFAULT 0,   -- 第二十条第（六）项 行政处罚
  coercion     @BIGINT@ NOT NULL DEFAULT 0,   -- 第二十条第（六）项 行政强制
  fees_fen     @BIGINT@ NOT NULL DEFAULT 0,   -- 第二十条第（八）项 行政事业性收费 本年收费金额
  updated_by   @BIGINT@ REFERENCES users(id),
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (unit_id, year)
);

-- One report per unit and year (the government unit's report is the district's). status: draft | published.
CREATE TABLE annual_reports (
  id             @ID@,
  unit_id        @BIGINT@ NOT NULL REFERENCES units(id),
  year           INTEGER NOT NULL,
  status         TEXT NOT NULL DEFAULT 'draft',
  section1       TEXT NOT NULL DEFAULT '',   -- 一、总体情况
  section5       TEXT NOT NULL DEFAULT '',   -- 五、存在的主要问题及改进情况
  section6       TEXT NOT NULL DEFAULT '',   -- 六、其他需要报告的事项 (prefilled with the 信息处理费 collected)
  snapshot_json  TEXT NOT NULL DEFAULT '',   -- the figures as published
  document_id    @BIGINT@ REFERENCES documents(id),
  published_at   TEXT,
  published_by   @BIGINT@ REFERENCES users(id),
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX annual_reports_unit_year ON annual_reports(unit_id, year);

-- A published report is frozen: nothing of it changes any more (only the application could try; this refuses).
-- @sqlite
CREATE TRIGGER annual_reports_frozen BEFORE UPDATE ON annual_reports
WHEN OLD.status = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published annual reports are frozen');
END;
CREATE TRIGGER annual_reports_no_delete BEFORE DELETE ON annual_reports
WHEN OLD.status = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published annual reports are frozen');
END;
-- @end
-- @postgresql
CREATE FUNCTION annual_reports_frozen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'published annual reports are frozen';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER annual_reports_frozen BEFORE UPDATE OR DELETE ON annual_reports
FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION annual_reports_frozen();
-- @end
