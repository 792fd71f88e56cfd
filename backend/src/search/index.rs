//! The full-text index: tantivy with jieba segmentation for Chinese and stemming for English,
//! BM25 ranking, highlighted snippets. Pure index code: it never touches the database.
//!
//! This file is long because the index's schema, writer and searcher must agree field by field;
//! kept together so a field is added in one place.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use anyhow::Context;
use shared::market::{KindCount, PostingKind, SearchHit};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer};

use super::query::{self, Analyzers, Parsed, Phrase, Unit, Word};
use super::{highlight, synonyms};
use tantivy::{
    DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
    doc,
};

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
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    f: Fields,
}

const ZH: &str = "zh_jieba";
/// Fewer hits than this holding enough of the query's words, and postings holding any of them count.
const RELAX_BELOW: u64 = 10;
/// What the other matching fields of a word add to its best one.
const TIE: f32 = 0.1;
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

/// The analyzers documents and queries are cut with. Jieba in search mode also emits the sub-words
/// of long compounds, so 固态电池 finds 固态电池电解质; lowercasing lets Latin terms inside Chinese text
/// (eVTOL, AIGC) match either case. A query's words come from jieba's plain cut.
pub fn analyzers() -> Analyzers {
    let jieba = |search: bool| {
        TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::with_search_mode(search))
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .build()
    };
    let en = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build();
    Analyzers { search: jieba(true), cut: jieba(false), en }
}

fn register_tokenizers(index: &Index) {
    let a = analyzers();
    index.tokenizers().register(ZH, a.search);
    index.tokenizers().register(EN, a.en);
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
        Ok(SearchIndex { reader, writer: Mutex::new(writer), f })
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

    fn term(&self, field: Field, text: &str, boost: f32) -> Box<dyn Query> {
        let q = TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs);
        boosted(Box::new(q), boost)
    }

    /// A word found in any field: Chinese fields by its jieba forms (its dictionary parts worth
    /// less), English ones by its stems (and, for long Latin words, with a typo or two).
    fn word(&self, w: &Word) -> Box<dyn Query> {
        let f = self.f;
        let zh = [(f.title_zh, 3.0), (f.keywords, 2.0), (f.summary_zh, 1.0), (f.org_zh, 0.5)];
        let en = [(f.title_en, 3.0), (f.summary_en, 1.0), (f.org_en, 0.5)];
        // Per field, the word and (worth less) its dictionary parts; across fields, the best one
        // counts and the others a little: a posting repeating a word in every field does not
        // outrank one that says it once where it matters.
        let mut any: Vec<Box<dyn Query>> = vec![];
        for (field, boost) in zh {
            let mut forms = vec![(Occur::Should, self.term(field, &w.text, boost))];
            forms.extend(w.subs.iter().map(|sub| (Occur::Should, self.term(field, sub, boost * 0.3))));
            any.push(Box::new(BooleanQuery::new(forms)));
        }
        for (field, boost) in en {
            for stem in &w.stems {
                any.push(self.term(field, stem, boost));
            }
        }
        if w.fuzzy {
            let distance = query::typo_distance(w.text.chars().count());
            let typo = |field: Field, text: &str, boost: f32| -> Box<dyn Query> {
                let q = FuzzyTermQuery::new(Term::from_field_text(field, text), distance, true);
                boosted(Box::new(q), boost)
            };
            for stem in &w.stems {
                any.push(typo(f.title_en, stem, 0.6));
                any.push(typo(f.summary_en, stem, 0.3));
            }
            any.push(typo(f.keywords, &w.text, 0.4));
        }
        Box::new(DisjunctionMaxQuery::with_tie_breaker(any, TIE))
    }

    /// All of `words` (one word needs no conjunction).
    /// All of `words` (any of them when `relaxed`).
    fn all_of(&self, words: &[Word], relaxed: bool) -> Box<dyn Query> {
        let occur = if relaxed { Occur::Should } else { Occur::Must };
        match words {
            [one] => self.word(one),
            _ => Box::new(BooleanQuery::new(words.iter().map(|w| (occur, self.word(w))).collect())),
        }
    }

    fn unit(&self, u: &Unit, relaxed: bool) -> Box<dyn Query> {
        const SCATTERED: f32 = 0.5;
        if u.alts.is_empty() {
            return self.all_of(&u.parts, relaxed);
        }
        // The typed words or a synonym, whichever matches best: a posting saying both (often in two
        // languages) is not worth more than one saying it once.
        let mut any = vec![self.all_of(&u.parts, relaxed)];
        for (alt, phrase) in u.alts.iter().zip(&u.alt_phrases) {
            let words = self.all_of(alt, false);
            // A synonym of several words counts fully where they stand together, less scattered.
            let together: Box<dyn Query> = if alt.len() > 1 && !phrase.zh.is_empty() {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, boosted(words, SCATTERED)),
                    (Occur::Should, self.phrase(phrase)),
                ]))
            } else {
                words
            };
            any.push(boosted(together, 0.8));
        }
        Box::new(DisjunctionMaxQuery::new(any))
    }

    fn phrase(&self, p: &Phrase) -> Box<dyn Query> {
        let f = self.f;
        let on = |field: Field, terms: &[(usize, String)]| -> Box<dyn Query> {
            match terms {
                [(_, one)] => self.term(field, one, 1.0),
                _ => {
                    let base = terms[0].0;
                    let terms = terms.iter().map(|(at, t)| (at - base, Term::from_field_text(field, t))).collect();
                    Box::new(PhraseQuery::new_with_offset(terms))
                }
            }
        };
        let mut any: Vec<(Occur, Box<dyn Query>)> = [f.title_zh, f.summary_zh, f.keywords, f.org_zh]
            .into_iter()
            .map(|fd| (Occur::Should, on(fd, &p.zh)))
            .collect();
        if !p.en.is_empty() {
            any.extend([f.title_en, f.summary_en, f.org_en].into_iter().map(|fd| (Occur::Should, on(fd, &p.en))));
        }
        Box::new(BooleanQuery::new(any))
    }

    /// The query for `p`: quoted phrases required, at least `minimum` of the units, and a boost for
    /// words that stand together as typed.
    fn query(&self, p: &Parsed, need: Need) -> Box<dyn Query> {
        let f = self.f;
        let (minimum, relaxed) = match need {
            Need::All => (p.units.len(), false),
            Need::Most => (query::minimum_match(p.units.len()), false),
            Need::Any => (1, true),
        };
        let units: Vec<(Occur, Box<dyn Query>)> =
            p.units.iter().map(|u| (Occur::Should, self.unit(u, relaxed))).collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            p.phrases.iter().map(|ph| (Occur::Must, self.phrase(ph))).collect();
        if !units.is_empty() {
            let occur = if clauses.is_empty() { Occur::Must } else { Occur::Should };
            let minimum = minimum.clamp(1, units.len());
            clauses.push((occur, Box::new(BooleanQuery::with_minimum_required_clauses(units, minimum))));
        }
        for (_, w) in &p.intents {
            clauses.push((Occur::Should, boosted(self.word(w), 0.5)));
        }
        if p.units.is_empty() && p.phrases.is_empty() {
            // Only words naming a kind: they are the subject.
            let any = p.intents.iter().map(|(_, w)| (Occur::Should, self.word(w))).collect();
            return Box::new(BooleanQuery::new(any));
        }
        for (a, b) in &p.adjacent {
            for (field, boost) in [(f.title_zh, 2.0), (f.summary_zh, 1.0)] {
                let terms =
                    vec![(0, Term::from_field_text(field, a)), (a.chars().count(), Term::from_field_text(field, b))];
                clauses.push((Occur::Should, boosted(Box::new(PhraseQuery::new_with_offset(terms)), boost)));
            }
        }
        let base: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        // The kinds the query names double the score of their postings.
        match p.kinds().first() {
            None => base,
            Some(kind) => {
                let kind = self.with_kind(base.box_clone(), *kind);
                Box::new(BooleanQuery::new(vec![(Occur::Must, base), (Occur::Should, kind)]))
            }
        }
    }

    fn parse(&self, text: &str) -> Parsed {
        query::parse(&mut analyzers(), text, synonyms::groups())
    }

    /// The search as it was before queries were analysed here: tantivy's query parser (an unspaced
    /// Chinese string is one exact phrase) over the text with its synonyms appended. For the
    /// evaluation's baseline only.
    #[doc(hidden)]
    pub fn parser_baseline(&self, text: &str, limit: usize) -> Vec<i64> {
        let f = self.f;
        let lower = text.to_lowercase();
        let mut expanded = text.replace(':', " ");
        for group in synonyms::groups() {
            if group.iter().any(|p| lower.contains(p.as_str())) {
                group.iter().filter(|p| !lower.contains(&**p)).for_each(|p| {
                    expanded.push(' ');
                    expanded.push_str(p);
                });
            }
        }
        let searcher = self.reader.searcher();
        let mut parser = tantivy::query::QueryParser::for_index(
            searcher.index(),
            vec![f.title_zh, f.title_en, f.summary_zh, f.summary_en, f.keywords, f.org_zh, f.org_en],
        );
        parser.set_field_boost(f.title_zh, 3.0);
        parser.set_field_boost(f.title_en, 3.0);
        parser.set_field_boost(f.keywords, 2.0);
        let query = parser.parse_query_lenient(&expanded).0;
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score()).unwrap_or_default();
        top.into_iter()
            .filter_map(|(_, a)| searcher.doc::<TantivyDocument>(a).ok())
            .filter_map(|d| d.get_first(f.id).and_then(|v| v.as_i64()))
            .collect()
    }

    /// Whether posting `id` fits `text` with every one of its words (a saved search's alert).
    pub fn fits(&self, text: &str, id: i64) -> bool {
        let p = self.parse(text);
        if p.is_empty() {
            return false;
        }
        let id_query = TermQuery::new(Term::from_field_i64(self.f.id, id), IndexRecordOption::Basic);
        let query =
            BooleanQuery::new(vec![(Occur::Must, self.query(&p, Need::All)), (Occur::Must, Box::new(id_query))]);
        self.reader.searcher().search(&query, &Count).is_ok_and(|n| n > 0)
    }

    fn with_kind(&self, q: Box<dyn Query>, kind: PostingKind) -> Box<dyn Query> {
        let term = TermQuery::new(Term::from_field_text(self.f.kind, kind.as_str()), IndexRecordOption::Basic);
        Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Must, Box::new(term))]))
    }

    /// One page of hits for `text`, the total, and counts per kind. A query that fewer than a page of
    /// postings hold enough of answers with the postings that hold any of its words (those holding
    /// more of them first) rather than with next to nothing.
    pub fn search(
        &self,
        text: &str,
        kind: Option<PostingKind>,
        limit: usize,
        offset: usize,
    ) -> anyhow::Result<(Vec<SearchHit>, u64, Vec<KindCount>)> {
        self.search_among(text, kind, None, limit, offset)
    }

    /// [`search`](Self::search) among the postings `among` only (those of a field or district).
    pub fn search_among(
        &self,
        text: &str,
        kind: Option<PostingKind>,
        among: Option<&[i64]>,
        limit: usize,
        offset: usize,
    ) -> anyhow::Result<(Vec<SearchHit>, u64, Vec<KindCount>)> {
        let p = self.parse(text);
        let limit = limit.max(1);
        if p.is_empty() || among.is_some_and(<[i64]>::is_empty) {
            let none = PostingKind::ALL.iter().map(|k| KindCount { kind: *k, count: 0 }).collect();
            return Ok((vec![], 0, none));
        }
        let found = self.run(&p, Need::Most, kind, among, limit, offset)?;
        let all: u64 = found.2.iter().map(|c| c.count).sum();
        let words = p.units.iter().map(|u| u.parts.len()).sum::<usize>();
        if all < RELAX_BELOW && words > 1 {
            return self.run(&p, Need::Any, kind, among, limit, offset);
        }
        Ok(found)
    }

    /// Words of the postings' keywords that look like `text` (sharing most of its characters, or a
    /// Latin word within two letters), the most used first: what to try when nothing was found.
    pub fn suggest(&self, text: &str, n: usize) -> Vec<String> {
        let wanted: Vec<char> = text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        if wanted.is_empty() {
            return vec![];
        }
        let latin: String = wanted.iter().filter(|c| c.is_ascii_alphanumeric()).collect();
        let searcher = self.reader.searcher();
        let mut scored: HashMap<String, (usize, u32)> = HashMap::new();
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.f.keywords) else { continue };
            let Ok(mut terms) = inverted.terms().stream() else { continue };
            while terms.advance() {
                let Ok(word) = std::str::from_utf8(terms.key()) else { continue };
                if word.chars().count() < 2 {
                    continue;
                }
                let shared = word.chars().filter(|c| wanted.contains(c)).count();
                let close = if word.is_ascii() {
                    latin.len() >= 4 && query::near(&latin, word, 2)
                } else {
                    shared * 2 >= word.chars().count().max(2) && shared >= 2
                };
                if close {
                    let e = scored.entry(word.to_owned()).or_default();
                    e.0 = shared;
                    e.1 += terms.value().doc_freq;
                }
            }
        }
        let mut out: Vec<(String, (usize, u32))> = scored.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.into_iter().map(|(w, _)| w).filter(|w| *w != text.to_lowercase()).take(n).collect()
    }

    /// The published postings of `kind` that fit `text`, most relevant first (at most `cap`): what a
    /// list page's keyword box narrows the list to.
    pub fn ranked(&self, text: &str, kind: PostingKind, cap: usize) -> anyhow::Result<Vec<i64>> {
        let p = self.parse(text);
        if p.is_empty() {
            return Ok(vec![]);
        }
        let searcher = self.reader.searcher();
        let top = |need: Need| -> anyhow::Result<Vec<(Score, tantivy::DocAddress)>> {
            let q = self.with_kind(self.query(&p, need), kind);
            Ok(searcher.search(&q, &TopDocs::with_limit(cap.max(1)).order_by_score())?)
        };
        let mut found = top(Need::Most)?;
        if (found.len() as u64) < RELAX_BELOW && p.units.iter().map(|u| u.parts.len()).sum::<usize>() > 1 {
            found = top(Need::Any)?;
        }
        let mut ids = Vec::with_capacity(found.len());
        for (_, address) in found {
            let d: TantivyDocument = searcher.doc(address)?;
            ids.extend(d.get_first(self.f.id).and_then(|v| v.as_i64()));
        }
        Ok(ids)
    }

    fn run(
        &self,
        p: &Parsed,
        need: Need,
        kind: Option<PostingKind>,
        among: Option<&[i64]>,
        limit: usize,
        offset: usize,
    ) -> anyhow::Result<(Vec<SearchHit>, u64, Vec<KindCount>)> {
        let searcher = self.reader.searcher();
        let base = match among {
            None => self.query(p, need),
            Some(ids) => {
                let ids = TermSetQuery::new(ids.iter().map(|id| Term::from_field_i64(self.f.id, *id)));
                Box::new(BooleanQuery::new(vec![(Occur::Must, self.query(p, need)), (Occur::Must, Box::new(ids))]))
            }
        };
        let page = TopDocs::with_limit(limit).and_offset(offset).order_by_score();
        // Without a kind: one pass ranks and counts. With one: the counts of every kind still come
        // from the whole query, the page from the query narrowed to the kind.
        let (top, counts) = match kind {
            None => searcher.search(&base, &(page, KindCounts))?,
            Some(k) => {
                let counts = searcher.search(&base, &KindCounts)?;
                (searcher.search(&self.with_kind(base, k), &page)?, counts)
            }
        };
        let total = match kind {
            None => counts.iter().sum(),
            Some(k) => PostingKind::ALL.iter().position(|x| *x == k).map_or(0, |i| counts[i]),
        };
        let by_kind =
            PostingKind::ALL.iter().zip(&counts).map(|(k, n)| KindCount { kind: *k, count: *n }).collect::<Vec<_>>();
        let marks = Marks::of(p);
        let mut a = analyzers();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            let text_of = |field: Field| d.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_owned();
            let org_en = text_of(self.f.org_en);
            hits.push(SearchHit {
                id: d.get_first(self.f.id).and_then(|v| v.as_i64()).unwrap_or_default(),
                kind: PostingKind::parse(&text_of(self.f.kind)).unwrap_or(PostingKind::Demand),
                org_name_zh: text_of(self.f.org_zh),
                org_name_en: (!org_en.is_empty()).then_some(org_en),
                title_zh_html: marks.zh(&mut a, &text_of(self.f.title_zh)),
                title_en_html: marks.en(&mut a, &text_of(self.f.title_en)),
                summary_zh_html: marks.zh(&mut a, &text_of(self.f.summary_zh)),
                summary_en_html: marks.en(&mut a, &text_of(self.f.summary_en)),
                score,
                type_code: String::new(),
                domains: vec![],
                district: None,
                trl: None,
                amount_min: None,
                amount_max: None,
                deadline: None,
            });
        }
        Ok((hits, total, by_kind))
    }
}

/// How many of a query's words a posting must hold.
#[derive(Clone, Copy)]
enum Need {
    /// Every one (a saved search's alert).
    All,
    /// Enough of them (see `query::minimum_match`).
    Most,
    /// Any one.
    Any,
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON { q } else { Box::new(BoostQuery::new(q, boost)) }
}

/// What to highlight in a hit: the tokens of its text that are forms of the query's words.
struct Marks {
    zh: Vec<String>,
    en: Vec<(String, bool)>,
}

/// The most characters of a summary shown in a hit.
const SNIPPET_CHARS: usize = 160;

impl Marks {
    fn of(p: &Parsed) -> Marks {
        Marks { zh: p.zh_terms(), en: p.en_terms() }
    }

    fn zh(&self, a: &mut Analyzers, text: &str) -> String {
        let mut hits = vec![];
        let mut stream = a.search.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            if self.zh.binary_search(&t.text).is_ok() {
                hits.push(t.offset_from..t.offset_to);
            }
        }
        highlight::snippet(text, hits, SNIPPET_CHARS)
    }

    fn en(&self, a: &mut Analyzers, text: &str) -> String {
        let mut hits = vec![];
        let mut stream = a.en.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let hit = self.en.iter().any(|(stem, fuzzy)| {
                *stem == t.text
                    || (*fuzzy && query::near(stem, &t.text, query::typo_distance(stem.chars().count()).into()))
            });
            if hit {
                hits.push(t.offset_from..t.offset_to);
            }
        }
        highlight::snippet(text, hits, SNIPPET_CHARS)
    }
}
