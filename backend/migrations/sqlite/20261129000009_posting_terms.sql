-- Each published posting's weighted terms for matching ("term<TAB>weight" lines), segmented once
-- when it is published or edited, so the match index builds at start without re-segmenting.
CREATE TABLE posting_terms (
    posting_id INTEGER PRIMARY KEY REFERENCES postings(id) ON DELETE CASCADE,
    terms      TEXT NOT NULL
);
