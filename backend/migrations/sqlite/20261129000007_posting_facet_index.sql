-- Covering index for list filters and counts: kind/status first, then every filterable column,
-- so COUNT(*) with TRL, amount, type or district filters reads index entries, not table rows.
CREATE INDEX postings_facets ON postings(kind, status, type_code, trl, amount_min, amount_max, district, org_id, deadline);
