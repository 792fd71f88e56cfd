-- Venture capital and private equity are different investors: one funds young companies' early
-- rounds, the other mature companies' late ones. The combined type splits in two; existing funds
-- investing only from Series C on become PE, the others VC.
INSERT INTO taxonomy_terms (kind, code, label_zh, label_en, grp, parent_code, sort_order, created_at) VALUES
('investor_type', 'vc', '创业投资（VC）', 'Venture capital (VC)', NULL, NULL, 30, '2026-12-05T00:00:00Z'),
('investor_type', 'pe', '私募股权（PE）', 'Private equity (PE)', NULL, NULL, 35, '2026-12-05T00:00:00Z');

UPDATE postings
   SET type_code = 'pe',
       spec = replace(spec, '"fund_type":"vc_pe"', '"fund_type":"pe"'),
       pending = replace(pending, '"fund_type":"vc_pe"', '"fund_type":"pe"')
 WHERE kind = 'mandate' AND type_code = 'vc_pe'
   AND spec NOT LIKE '%"seed"%' AND spec NOT LIKE '%"angel"%' AND spec NOT LIKE '%"series_a"%';
UPDATE postings
   SET type_code = 'vc',
       spec = replace(spec, '"fund_type":"vc_pe"', '"fund_type":"vc"'),
       pending = replace(pending, '"fund_type":"vc_pe"', '"fund_type":"vc"')
 WHERE kind = 'mandate' AND type_code = 'vc_pe';
UPDATE postings SET pending = replace(pending, '"fund_type":"vc_pe"', '"fund_type":"vc"')
 WHERE pending LIKE '%"fund_type":"vc_pe"%';
UPDATE organizations SET subtype = 'vc' WHERE subtype = 'vc_pe';
DELETE FROM taxonomy_terms WHERE kind = 'investor_type' AND code = 'vc_pe';

-- Matching now reads a posting's details and a fund's portfolio too: segment every posting again
-- (the server does it at start for postings without stored terms).
DELETE FROM posting_terms;
