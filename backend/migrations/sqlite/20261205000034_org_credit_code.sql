-- 统一社会信用代码: the 18-character code on every Chinese business licence, public. Spreadsheet
-- imports name organizations by it; no two organizations share one.
ALTER TABLE organizations ADD COLUMN credit_code TEXT;
CREATE UNIQUE INDEX organizations_credit_code ON organizations (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX organizations_name_zh ON organizations (name_zh);
