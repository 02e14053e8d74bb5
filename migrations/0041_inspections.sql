-- 检查 and 整改 (DOMAIN §2 inspection rules): the openness office opens an inspection of some units over a period,
-- records findings per unit with a link to the evidence (a page of the console or site: a record or an indicator's
-- drill-down), sends rectification notices with a deadline; the unit answers with what it changed; the office closes
-- or reopens each finding. Every step is also in the audit log.
CREATE TABLE inspections (
  id           @ID@,
  title        TEXT NOT NULL,
  scope        TEXT NOT NULL DEFAULT '',
  period_from  TEXT NOT NULL,
  period_to    TEXT NOT NULL,
  due_on       TEXT NOT NULL,            -- when the inspection should be finished
  created_by   @BIGINT@ REFERENCES users(id),
  created_at   TEXT NOT NULL
);

CREATE TABLE inspection_units (
  inspection_id @BIGINT@ NOT NULL REFERENCES inspections(id),
  unit_id       @BIGINT@ NOT NULL REFERENCES units(id),
  PRIMARY KEY (inspection_id, unit_id)
);
CREATE INDEX inspection_units_unit ON inspection_units(unit_id);

-- status: recorded | notified | answered | closed | reopened (see oversight/inspection.hpp).
CREATE TABLE inspection_findings (
  id             @ID@,
  inspection_id  @BIGINT@ NOT NULL REFERENCES inspections(id),
  unit_id        @BIGINT@ NOT NULL REFERENCES units(id),
  description    TEXT NOT NULL,
  evidence       TEXT NOT NULL DEFAULT '',   -- a site path: /console/..., /documents/..., /columns/...
  status         TEXT NOT NULL DEFAULT 'recorded',
  rectify_by     TEXT NOT NULL DEFAULT '',   -- the notice's deadline
  notified_on    TEXT NOT NULL DEFAULT '',
  answer         TEXT NOT NULL DEFAULT '',
  answered_on    TEXT NOT NULL DEFAULT '',
  answered_by    @BIGINT@ REFERENCES users(id),
  decision_note  TEXT NOT NULL DEFAULT '',
  closed_on      TEXT NOT NULL DEFAULT '',
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX inspection_findings_inspection ON inspection_findings(inspection_id, id);
CREATE INDEX inspection_findings_unit ON inspection_findings(unit_id, status);
