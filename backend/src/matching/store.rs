//! SQL for matching: the profiles and texts of published postings, feedback, the weights.

use std::collections::HashMap;

use crate::db::Conn;
use shared::market::PostingKind;
use shared::matching::Weights;
use time::Date;

use super::index::Bag;
use super::score::{Interner, Profile};
use super::text::bag;
use crate::db::sql;

/// One published posting as one JSON array (see [`published`]): its lists folded into
/// `\x1f`-separated strings, and of its spec only what scoring reads.
#[derive(serde::Deserialize)]
struct Row(
    i64,                 // id
    String,              // kind
    i64,                 // org_id
    String,              // type_code
    Option<String>,      // district
    Option<String>,      // pilot_zone
    Option<i64>,         // trl
    Option<i64>,         // amount_min
    Option<i64>,         // amount_max
    Option<Date>,        // deadline
    Option<String>,      // domains
    Option<String>,      // keywords
    Option<i64>,         // negotiable
    Option<String>,      // stages
    Option<String>,      // invest_districts
    Option<String>,      // published_at (RFC 3339; its date is read)
    Option<String>,      // stored terms
    [Option<String>; 5], // title_zh, title_en, summary_zh, summary_en, the rest (when to be segmented)
);

/// The date of an RFC 3339 timestamp (or of a bare date).
fn day_of(stamp: &str) -> Option<Date> {
    Date::parse(stamp.get(..10)?, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// The parts of a `\x1f`-separated list.
fn split(list: Option<&str>) -> Vec<&str> {
    list.map(|l| l.split('\x1f').filter(|s| !s.is_empty()).collect()).unwrap_or_default()
}

/// A published posting as the matching index takes it: its profile, its texts, and its stored
/// terms when they were segmented before.
pub struct Published {
    pub profile: Profile,
    pub texts: [String; 5],
    pub terms: Option<String>,
}

/// Weighted terms as stored: one `term<TAB>weight` line each.
pub fn encode(bag: &HashMap<String, f32>) -> String {
    let mut out = String::new();
    for (t, w) in bag {
        out.push_str(t);
        out.push('\t');
        out.push_str(&w.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
pub fn decode(text: &str) -> HashMap<String, f32> {
    text.lines()
        .filter_map(|l| {
            let (t, w) = l.split_once('\t')?;
            Some((t.to_owned(), w.parse().ok()?))
        })
        .collect()
}

/// A posting for the index, and its terms to store when they were segmented just now.
pub type Entry = ((Profile, Bag), Option<(i64, String)>);

impl Published {
    /// The profile with its weighted terms: the stored ones unless `fresh`, else segmented now
    /// (then also returned encoded, to be stored).
    pub fn into_entry(self, fresh: bool) -> Entry {
        if !fresh && let Some(stored) = self.terms {
            return ((self.profile, Bag::Stored(stored)), None);
        }
        let [tz, te, sz, se, more] = &self.texts;
        let bag = bag(tz, te, &self.profile.keywords, sz, se, more);
        let encoded = encode(&bag);
        let id = self.profile.id;
        ((self.profile, Bag::Fresh(bag)), Some((id, encoded)))
    }
}

/// Stores segmented terms, 400 rows per statement.
pub async fn store_terms(db: &mut Conn, terms: &[(i64, String)]) -> sqlx::Result<()> {
    for chunk in terms.chunks(400) {
        let mut qb = sql::Builder::new("INSERT INTO posting_terms (posting_id, terms) ");
        qb.push_values(chunk, |mut row, (id, text)| {
            row.push_bind(*id).push_bind(text);
        });
        qb.push(" ON CONFLICT (posting_id) DO UPDATE SET terms = excluded.terms");
        qb.build().execute(&mut *db).await?;
    }
    Ok(())
}

/// The published postings among `only` (all published when `None`), with their texts when
/// `resegment` or when they have no stored terms.
pub async fn published(db: &crate::db::Db, only: Option<&[i64]>, resegment: bool) -> sqlx::Result<Vec<Published>> {
    if only.is_some_and(|ids| ids.is_empty()) {
        return Ok(vec![]);
    }
    // What scoring reads of the JSON spec: SQLite's and PostgreSQL's JSON paths differ.
    // The rest of the text: details, and the kind's own texts in the spec.
    let spec_text = |field: &str| {
        db.dialect().pick(format!("json_extract(p.spec, '$.{field}')"), format!("(p.spec::json ->> '{field}')"))
    };
    let more = format!(
        "concat_ws(' ', p.details_zh, p.details_en, {}, {}, {}, {}, {})",
        spec_text("seeks"),
        spec_text("portfolio"),
        spec_text("cases"),
        spec_text("expected_outcome"),
        spec_text("indicators")
    );
    let (negotiable, stages, districts, round, published) = db.dialect().pick(
        (
            "json_extract(p.spec, '$.negotiable')",
            "(SELECT string_agg(value, '\x1f') FROM json_each(p.spec, '$.stages'))",
            "(SELECT string_agg(value, '\x1f') FROM json_each(p.spec, '$.districts'))",
            "json_extract(p.spec, '$.round')",
            "p.published_at",
        ),
        (
            "CASE WHEN (p.spec::json ->> 'negotiable')::boolean THEN 1 ELSE 0 END",
            "(SELECT string_agg(value, '\x1f') FROM json_array_elements_text(p.spec::json -> 'stages'))",
            "(SELECT string_agg(value, '\x1f') FROM json_array_elements_text(p.spec::json -> 'districts'))",
            "(p.spec::json ->> 'round')",
            "to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        ),
    );
    let sql = format!(
        "SELECT CAST(json_group_array(json(row)) AS TEXT) FROM (
           SELECT p.id, json_array(p.id, p.kind, p.org_id, p.type_code, p.district, p.pilot_zone, p.trl,
                p.amount_min, p.amount_max, p.deadline,
                (SELECT string_agg(code, '\x1f' ORDER BY position) FROM posting_domains
                  WHERE posting_id = p.id),
                (SELECT string_agg(keyword, '\x1f' ORDER BY position) FROM posting_keywords
                  WHERE posting_id = p.id),
                CASE WHEN p.kind = 'capability' THEN {negotiable} END,
                CASE WHEN p.kind = 'mandate' THEN {stages} WHEN p.kind = 'demand' THEN {round} END,
                CASE WHEN p.kind = 'mandate' THEN {districts} END,
                {published},
                t.terms,
                -- The texts only where they will be segmented: reading 100,000 summaries costs seconds.
                CASE WHEN {cond} THEN json_array(p.title_zh, p.title_en, p.summary_zh, p.summary_en, {more})
                     ELSE json_array(NULL, NULL, NULL, NULL, NULL) END) AS row
           FROM postings p LEFT JOIN posting_terms t ON t.posting_id = p.id
           WHERE p.status = 'published' AND {{ids}}) AS s
         GROUP BY id / 1000",
        cond = if resegment { "1 = 1" } else { "t.terms IS NULL" }
    );
    let sql = db.dialect().json(&sql);
    let rows: Vec<Row> = crate::db::json_rows(db, &sql, only).await?;
    let tiers = {
        let mut conn = db.acquire().await?;
        let pairs = sql::query_as("SELECT org_id, code FROM org_tiers ORDER BY org_id, position");
        crate::db::group(pairs.fetch_all(&mut conn).await?)
    };
    let mut codes = Interner::default();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let Row(
                id,
                kind,
                org_id,
                type_code,
                district,
                pilot_zone,
                trl,
                amin,
                amax,
                deadline,
                domains,
                keywords,
                negotiable,
                stages,
                invest_districts,
                published,
                terms,
                [tz, te, sz, se, more],
            ) = r;
            Some(Published {
                profile: Profile {
                    id,
                    kind: PostingKind::parse(&kind)?,
                    org_id,
                    org_tiers: codes.all(tiers.get(&org_id).map(Vec::as_slice).unwrap_or(&[])),
                    domains: codes.all(&split(domains.as_deref())),
                    keywords: codes.all(&split(keywords.as_deref())),
                    district: district.as_deref().map(|d| codes.get(d)),
                    pilot_zone: pilot_zone.as_deref().map(|z| codes.get(z)),
                    type_code: codes.get(&type_code),
                    trl: trl.and_then(|t| u8::try_from(t).ok()),
                    amount_min: amin.and_then(|a| u32::try_from(a).ok()),
                    amount_max: amax.and_then(|a| u32::try_from(a).ok()),
                    negotiable: negotiable == Some(1),
                    stages: codes.all(&split(stages.as_deref())),
                    invest_districts: codes.all(&split(invest_districts.as_deref())),
                    deadline,
                    published: published.as_deref().and_then(day_of),
                },
                texts: [tz, te, sz, se, more].map(Option::unwrap_or_default),
                terms,
            })
        })
        .collect())
}

/// Every feedback row: (organization, candidate, action).
/// An organization's saved or dismissed match.
#[derive(sqlx::FromRow)]
pub struct Marked {
    pub org_id: i64,
    pub candidate_id: i64,
    pub action: String,
}

pub async fn feedback(db: &mut Conn) -> sqlx::Result<Vec<Marked>> {
    sql::query_as("SELECT org_id, candidate_id, action FROM match_feedback").fetch_all(db).await
}

pub async fn record_feedback(
    db: &mut Conn,
    org_id: i64,
    source_id: i64,
    candidate_id: i64,
    action: &str,
    user_id: i64,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO match_feedback (org_id, source_id, candidate_id, action, user_id, at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (org_id, source_id, candidate_id) DO UPDATE SET action = excluded.action,
             user_id = excluded.user_id, at = excluded.at",
    )
    .bind(org_id)
    .bind(source_id)
    .bind(candidate_id)
    .bind(action)
    .bind(user_id)
    .bind(crate::db::now())
    .execute(db)
    .await?;
    Ok(())
}

const WEIGHTS_KEY: &str = "matching_weights";
const TERMS_KEY: &str = "matching_terms_version";

pub async fn weights(db: &mut Conn) -> sqlx::Result<Option<Weights>> {
    Ok(crate::db::meta(db, WEIGHTS_KEY).await?.and_then(|v| serde_json::from_str(&v).ok()))
}

pub async fn set_weights(db: &mut Conn, w: &Weights) -> sqlx::Result<()> {
    crate::db::set_meta(db, WEIGHTS_KEY, &serde_json::to_string(w).unwrap_or_default()).await
}

/// The version of the text analysis the stored terms were made with (see
/// [`super::text::ANALYSIS_VERSION`]); `None` before the first.
pub async fn terms_version(db: &mut Conn) -> sqlx::Result<Option<String>> {
    crate::db::meta(db, TERMS_KEY).await
}

pub async fn set_terms_version(db: &mut Conn, version: &str) -> sqlx::Result<()> {
    crate::db::set_meta(db, TERMS_KEY, version).await
}

/// One of a user's organizations' published postings.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: i64,
    pub kind: PostingKind,
    pub org_id: i64,
    pub title_zh: String,
    pub title_en: Option<String>,
}

/// The `limit` most recently published postings of these organizations.
pub async fn recent_published_of(db: &mut Conn, orgs: &[i64], limit: i64) -> sqlx::Result<Vec<Source>> {
    if orgs.is_empty() {
        return Ok(vec![]);
    }
    let mut qb = sql::Builder::new(
        "SELECT p.id, p.kind, p.org_id, p.title_zh, p.title_en FROM postings p
         WHERE p.status = 'published' AND p.org_id IN (",
    );
    qb.push_list(", ", orgs.to_vec());
    qb.push(") ORDER BY p.published_at DESC, p.id DESC LIMIT ");
    qb.push_bind(limit);
    let rows: Vec<(i64, String, i64, String, Option<String>)> = qb.build_query_as().fetch_all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, org_id, title_zh, title_en)| {
            Some(Source { id, kind: PostingKind::parse(&kind)?, org_id, title_zh, title_en })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_terms_read_back_as_they_were() {
        let bag = super::bag("量子密钥分发", "Quantum key distribution", &["QKD"], "城域网络试点", "", "");
        assert_eq!(decode(&encode(&bag)), bag);
        assert!(decode("broken line\nok\t2\n").get("ok") == Some(&2.0));
    }
}
