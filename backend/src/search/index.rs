//! The full-text index: tantivy with jieba segmentation for Chinese and stemming for English,
//! BM25 ranking, highlighted snippets. Pure index code: it never touches the database.

use std::path::Path;
use std::sync::Mutex;

use anyhow::Context;
use shared::market::{KindCount, PostingKind, SearchHit};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, TextAnalyzer};
use tantivy::{
    DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
    doc,
};

/// The search box is words and phrases, not the parser's field syntax: `s:*` would ask for a
/// field that does not exist and fail the search (found by `fuzz/`, target `search_queries`).
fn plain(text: &str) -> String {
    text.replace(':', " ")
}

/// Minimal HTML escaping, the same tantivy applies to snippets.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#x27;")
}

/// What the index holds for one published posting.
#[derive(Debug, Clone, Default)]
pub struct IndexDoc {
    pub id: i64,
    pub kind: Option<PostingKind>,
    pub org_name_zh: String,
    pub org_name_en: String,
    pub title_zh: String,
    pub title_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub keywords: String,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    /// The kind's position in `PostingKind::ALL`, as a fast field: counts per kind in the same
    /// pass as the ranking.
    kind_code: Field,
    org_zh: Field,
    org_en: Field,
    title_zh: Field,
    title_en: Field,
    summary_zh: Field,
    summary_en: Field,
    keywords: Field,
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    f: Fields,
}

const ZH: &str = "zh_jieba";
const KIND_CODE: &str = "kind_code";
/// The code of a posting without a known kind: counted nowhere.
const NO_KIND: u64 = u64::MAX;

fn kind_code(kind: Option<PostingKind>) -> u64 {
    kind.and_then(|k| PostingKind::ALL.iter().position(|x| *x == k)).map_or(NO_KIND, |i| i as u64)
}

/// Counts the matching documents per kind (by `kind_code`), in one pass with any other collector.
struct KindCounts;

struct SegmentKindCounts {
    codes: Column<u64>,
    counts: Vec<u64>,
}

impl Collector for KindCounts {
    type Fruit = Vec<u64>;
    type Child = SegmentKindCounts;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentKindCounts> {
        Ok(SegmentKindCounts { codes: reader.fast_fields().u64(KIND_CODE)?, counts: vec![0; PostingKind::ALL.len()] })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        let mut total = vec![0; PostingKind::ALL.len()];
        for f in fruits {
            total.iter_mut().zip(f).for_each(|(t, n)| *t += n);
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentKindCounts {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(slot) = self.codes.first(doc).and_then(|c| self.counts.get_mut(c as usize)) {
            *slot += 1;
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.counts
    }
}

const EN: &str = "en_stem";

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored()
    };
    let f = Fields {
        id: b.add_i64_field("id", INDEXED | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        kind_code: b.add_u64_field(KIND_CODE, FAST),
        org_zh: b.add_text_field("org_zh", text(ZH)),
        org_en: b.add_text_field("org_en", text(EN)),
        title_zh: b.add_text_field("title_zh", text(ZH)),
        title_en: b.add_text_field("title_en", text(EN)),
        summary_zh: b.add_text_field("summary_zh", text(ZH)),
        summary_en: b.add_text_field("summary_en", text(EN)),
        keywords: b.add_text_field("keywords", text(ZH)),
    };
    (b.build(), f)
}

fn register_tokenizers(index: &Index) {
    // Jieba in search mode also emits the sub-words of long compounds, so 固态电池 finds 固态电池电解质;
    // lowercasing lets Latin terms inside Chinese text (eVTOL, AIGC) match either case.
    let zh = TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    index.tokenizers().register(ZH, zh);
}

impl SearchIndex {
    /// Opens the index in `dir` (created when missing; recreated when unreadable), or in memory.
    pub fn open(dir: Option<&Path>) -> anyhow::Result<SearchIndex> {
        let (schema, f) = schema();
        let index = match dir {
            None => Index::create_in_ram(schema),
            Some(dir) => {
                std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                let mmap = tantivy::directory::MmapDirectory::open(dir)?;
                match Index::open_or_create(mmap, schema.clone()) {
                    Ok(i) => i,
                    Err(e) => {
                        tracing::warn!(error = %e, "search index unreadable; recreating it from the database");
                        std::fs::remove_dir_all(dir)?;
                        std::fs::create_dir_all(dir)?;
                        Index::create_in_dir(dir, schema)?
                    }
                }
            }
        };
        register_tokenizers(&index);
        let writer = index.writer_with_num_threads(1, 50_000_000)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, reader, writer: Mutex::new(writer), f })
    }

    fn document(&self, d: &IndexDoc) -> TantivyDocument {
        doc!(
            self.f.id => d.id,
            self.f.kind => d.kind.map_or("", PostingKind::as_str),
            self.f.kind_code => kind_code(d.kind),
            self.f.org_zh => d.org_name_zh.as_str(),
            self.f.org_en => d.org_name_en.as_str(),
            self.f.title_zh => d.title_zh.as_str(),
            self.f.title_en => d.title_en.as_str(),
            self.f.summary_zh => d.summary_zh.as_str(),
            self.f.summary_en => d.summary_en.as_str(),
            self.f.keywords => d.keywords.as_str(),
        )
    }

    fn writer(&self) -> anyhow::Result<std::sync::MutexGuard<'_, IndexWriter>> {
        self.writer.lock().map_err(|_| anyhow::anyhow!("search writer lock poisoned"))
    }

    /// Applies changes: `upserts` replace or add documents, `removals` delete them; then commits
    /// and makes them visible to searches.
    pub fn apply(&self, upserts: &[IndexDoc], removals: &[i64]) -> anyhow::Result<()> {
        let mut w = self.writer()?;
        for id in removals.iter().chain(upserts.iter().map(|d| &d.id)) {
            w.delete_term(Term::from_field_i64(self.f.id, *id));
        }
        for d in upserts {
            w.add_document(self.document(d))?;
        }
        w.commit()?;
        drop(w);
        self.reader.reload()?;
        Ok(())
    }

    /// Replaces the whole index with `docs`.
    pub fn rebuild(&self, docs: impl Iterator<Item = IndexDoc>) -> anyhow::Result<usize> {
        let mut w = self.writer()?;
        w.delete_all_documents()?;
        let mut n = 0;
        for d in docs {
            w.add_document(self.document(&d))?;
            n += 1;
        }
        w.commit()?;
        drop(w);
        self.reader.reload()?;
        Ok(n)
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn parsed(&self, text: &str) -> Box<dyn Query> {
        let f = self.f;
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![f.title_zh, f.title_en, f.summary_zh, f.summary_en, f.keywords, f.org_zh, f.org_en],
        );
        parser.set_field_boost(f.title_zh, 3.0);
        parser.set_field_boost(f.title_en, 3.0);
        parser.set_field_boost(f.keywords, 2.0);
        // Lenient: punctuation or unbalanced quotes in user input never make a search fail.
        parser.parse_query_lenient(&plain(text)).0
    }

    /// Whether posting `id` fits `text` with every one of its terms (a saved search's alert).
    pub fn fits(&self, text: &str, id: i64) -> bool {
        let f = self.f;
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![f.title_zh, f.title_en, f.summary_zh, f.summary_en, f.keywords, f.org_zh, f.org_en],
        );
        parser.set_conjunction_by_default();
        let text_query = parser.parse_query_lenient(&plain(text)).0;
        let id_query = TermQuery::new(Term::from_field_i64(f.id, id), IndexRecordOption::Basic);
        let query = BooleanQuery::new(vec![(Occur::Must, text_query), (Occur::Must, Box::new(id_query))]);
        self.reader.searcher().search(&query, &Count).is_ok_and(|n| n > 0)
    }

    fn with_kind(&self, q: Box<dyn Query>, kind: PostingKind) -> Box<dyn Query> {
        let term = TermQuery::new(Term::from_field_text(self.f.kind, kind.as_str()), IndexRecordOption::Basic);
        Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Must, Box::new(term))]))
    }

    /// One page of hits for `text` (already expanded with synonyms), the total, and counts per kind.
    pub fn search(
        &self,
        text: &str,
        kind: Option<PostingKind>,
        limit: usize,
        offset: usize,
    ) -> anyhow::Result<(Vec<SearchHit>, u64, Vec<KindCount>)> {
        let searcher = self.reader.searcher();
        let base = self.parsed(text);
        let page = TopDocs::with_limit(limit).and_offset(offset).order_by_score();
        // Without a kind: one pass ranks and counts. With one: the counts of every kind still come
        // from the whole query, the page from the query narrowed to the kind.
        let (top, counts, query) = match kind {
            None => {
                let (top, counts) = searcher.search(&base, &(page, KindCounts))?;
                (top, counts, base)
            }
            Some(k) => {
                let counts = searcher.search(&base, &KindCounts)?;
                let query = self.with_kind(base, k);
                (searcher.search(&query, &page)?, counts, query)
            }
        };
        let total = match kind {
            None => counts.iter().sum(),
            Some(k) => PostingKind::ALL.iter().position(|x| *x == k).map_or(0, |i| counts[i]),
        };
        let by_kind =
            PostingKind::ALL.iter().zip(&counts).map(|(k, n)| KindCount { kind: *k, count: *n }).collect::<Vec<_>>();
        let snippets = |field: Field| -> anyhow::Result<SnippetGenerator> {
            let mut g = SnippetGenerator::create(&searcher, &*query, field)?;
            g.set_max_num_chars(160);
            Ok(g)
        };
        let (gt_zh, gt_en, gs_zh, gs_en) = (
            snippets(self.f.title_zh)?,
            snippets(self.f.title_en)?,
            snippets(self.f.summary_zh)?,
            snippets(self.f.summary_en)?,
        );
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            let text_of = |field: Field| d.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_owned();
            let html = |g: &SnippetGenerator, field: Field| {
                let s = g.snippet_from_doc(&d);
                if s.is_empty() { escape(&text_of(field)) } else { s.to_html() }
            };
            let org_en = text_of(self.f.org_en);
            hits.push(SearchHit {
                id: d.get_first(self.f.id).and_then(|v| v.as_i64()).unwrap_or_default(),
                kind: PostingKind::parse(&text_of(self.f.kind)).unwrap_or(PostingKind::Demand),
                org_name_zh: text_of(self.f.org_zh),
                org_name_en: (!org_en.is_empty()).then_some(org_en),
                title_zh_html: html(&gt_zh, self.f.title_zh),
                title_en_html: html(&gt_en, self.f.title_en),
                summary_zh_html: html(&gs_zh, self.f.summary_zh),
                summary_en_html: html(&gs_en, self.f.summary_en),
                score,
            });
        }
        Ok((hits, total, by_kind))
    }
}
