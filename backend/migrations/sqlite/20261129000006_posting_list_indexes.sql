-- Lists: public pages are ordered by publication time within a kind; domain filters go through
-- the domain's postings first.
CREATE INDEX postings_published ON postings(kind, status, published_at DESC, id DESC);
CREATE INDEX posting_domains_by_code ON posting_domains(code, posting_id);
DROP INDEX posting_domains_code;
