//! SQL for matching: the profiles and texts of published postings, feedback, the weights.

use std::collections::HashMap;

use shared::market::{PostingKind, PostingSpec};
use shared::matching::Weights;
use sqlx::SqliteConnection;
use time::Date;

use super::index::Bag;
use super::score::{Interner, Profile};
use super::text::bag;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    org_id: i64,
    type_code: String,
    district: Option<String>,
    pilot_zone: Option<String>,
    trl: Option<i64>,
    amount_min: Option<i64>,
    amount_max: Option<i64>,
    deadline: Option<Date>,
    spec: String,
    title_zh: String,
    title_en: Option<String>,
    summary_zh: String,
    summary_en: Option<String>,
    terms: Option<String>,
}

/// Pairs (key, code) of a tag table, grouped by key.
async fn grouped(db: &mut SqliteConnection, sql: &str) -> sqlx::Result<HashMap<i64, Vec<String>>> {
    Ok(crate::db::group(sqlx::query_as(sql).fetch_all(&mut *db).await?))
}

/// A published posting as the matching index takes it: its profile, its texts, and its stored
/// terms when they were segmented before.
pub struct Published {
    pub profile: Profile,
    pub texts: [String; 4],
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
        let [tz, te, sz, se] = &self.texts;
        let bag = bag(tz, te, &self.profile.keywords, sz, se);
        let encoded = encode(&bag);
        let id = self.profile.id;
        ((self.profile, Bag::Fresh(bag)), Some((id, encoded)))
    }
}

/// Stores segmented terms, 400 rows per statement.
pub async fn store_terms(db: &mut SqliteConnection, terms: &[(i64, String)]) -> sqlx::Result<()> {
    for chunk in terms.chunks(400) {
        let mut qb = sqlx::QueryBuilder::<sqlx::Sqlite>::new("INSERT INTO posting_terms (posting_id, terms) ");
        qb.push_values(chunk, |mut row, (id, text)| {
            row.push_bind(*id).push_bind(text);
        });
        qb.push(" ON CONFLICT (posting_id) DO UPDATE SET terms = excluded.terms");
        qb.build().execute(&mut *db).await?;
    }
    Ok(())
}

/// The published postings among `only` (all published when `None`), with their texts when
/// `resegment` or when they have no stored terms. The four queries run on four connections at
/// once: decoding rows costs sqlx more than SQLite takes to find them.
pub async fn published(db: &crate::db::Db, only: Option<&[i64]>, resegment: bool) -> sqlx::Result<Vec<Published>> {
    if only.is_some_and(|ids| ids.is_empty()) {
        return Ok(vec![]);
    }
    let restrict = |column: &str| match only {
        Some(ids) => format!(" AND {column} IN ({})", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
        None => String::new(),
    };
    let main_sql = format!(
        // The texts only where they will be segmented: reading 100,000 summaries costs seconds.
        "SELECT p.id, p.kind, p.org_id, p.type_code, p.district, p.pilot_zone, p.trl, p.amount_min, p.amount_max,
                p.deadline, p.spec, t.terms,
                CASE WHEN {cond} THEN p.title_zh ELSE '' END AS title_zh,
                CASE WHEN {cond} THEN p.title_en END AS title_en,
                CASE WHEN {cond} THEN p.summary_zh ELSE '' END AS summary_zh,
                CASE WHEN {cond} THEN p.summary_en END AS summary_en
         FROM postings p LEFT JOIN posting_terms t ON t.posting_id = p.id WHERE p.status = 'published'{}",
        restrict("p.id"),
        cond = if resegment { "1 = 1" } else { "t.terms IS NULL" }
    );
    let published = "SELECT p.id FROM postings p WHERE p.status = 'published'";
    let domains_sql = format!(
        "SELECT posting_id, code FROM posting_domains WHERE posting_id IN ({published}{}) ORDER BY posting_id, position",
        restrict("p.id")
    );
    let keywords_sql = format!(
        "SELECT posting_id, keyword FROM posting_keywords WHERE posting_id IN ({published}{}) ORDER BY posting_id, position",
        restrict("p.id")
    );
    let main = async {
        let mut conn = db.acquire().await?;
        sqlx::query_as::<_, Row>(&main_sql).fetch_all(&mut *conn).await
    };
    let tags = |sql: String| async move {
        let mut conn = db.acquire().await?;
        grouped(&mut conn, &sql).await
    };
    let (rows, mut domains, mut keywords, tiers) = tokio::try_join!(
        main,
        tags(domains_sql),
        tags(keywords_sql),
        tags("SELECT org_id, code FROM org_tiers ORDER BY org_id, position".into()),
    )?;
    let mut codes = Interner::default();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let kind = PostingKind::parse(&r.kind)?;
            let spec: Option<PostingSpec> = serde_json::from_str(&r.spec).ok();
            let (negotiable, stages, invest_districts) = match spec {
                Some(PostingSpec::Capability(c)) => (c.negotiable, vec![], vec![]),
                Some(PostingSpec::Mandate(m)) => (false, codes.all(&m.stages), codes.all(&m.districts)),
                _ => (false, vec![], vec![]),
            };
            Some(Published {
                profile: Profile {
                    id: r.id,
                    kind,
                    org_id: r.org_id,
                    org_tiers: codes.all(tiers.get(&r.org_id).map(Vec::as_slice).unwrap_or(&[])),
                    domains: codes.all(&domains.remove(&r.id).unwrap_or_default()),
                    keywords: codes.all(&keywords.remove(&r.id).unwrap_or_default()),
                    district: r.district.as_deref().map(|d| codes.get(d)),
                    pilot_zone: r.pilot_zone.as_deref().map(|z| codes.get(z)),
                    type_code: codes.get(&r.type_code),
                    trl: r.trl.and_then(|t| u8::try_from(t).ok()),
                    amount_min: r.amount_min.and_then(|a| u32::try_from(a).ok()),
                    amount_max: r.amount_max.and_then(|a| u32::try_from(a).ok()),
                    negotiable,
                    stages,
                    invest_districts,
                    deadline: r.deadline,
                },
                texts: [r.title_zh, r.title_en.unwrap_or_default(), r.summary_zh, r.summary_en.unwrap_or_default()],
                terms: r.terms,
            })
        })
        .collect())
}

/// Every feedback row: (organization, candidate, action).
pub async fn feedback(db: &mut SqliteConnection) -> sqlx::Result<Vec<(i64, i64, String)>> {
    sqlx::query_as("SELECT org_id, candidate_id, action FROM match_feedback").fetch_all(db).await
}

pub async fn record_feedback(
    db: &mut SqliteConnection,
    org_id: i64,
    source_id: i64,
    candidate_id: i64,
    action: &str,
    user_id: i64,
) -> sqlx::Result<()> {
    sqlx::query(
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

pub async fn weights(db: &mut SqliteConnection) -> sqlx::Result<Option<Weights>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT value FROM app_meta WHERE key = $1").bind(WEIGHTS_KEY).fetch_optional(db).await?;
    Ok(row.and_then(|(v,)| serde_json::from_str(&v).ok()))
}

pub async fn set_weights(db: &mut SqliteConnection, w: &Weights) -> sqlx::Result<()> {
    let json = serde_json::to_string(w).unwrap_or_default();
    sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(WEIGHTS_KEY)
    .bind(json)
    .execute(db)
    .await?;
    Ok(())
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

/// The `limit` most recently published postings of the organizations `user_id` belongs to.
pub async fn recent_published_of_member(
    db: &mut SqliteConnection,
    user_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<Source>> {
    let rows: Vec<(i64, String, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.kind, p.org_id, p.title_zh, p.title_en FROM postings p
         JOIN memberships m ON m.org_id = p.org_id
         WHERE m.user_id = $1 AND p.status = 'published'
         ORDER BY p.published_at DESC, p.id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await?;
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
        let bag = super::bag("量子密钥分发", "Quantum key distribution", &["QKD"], "城域网络试点", "");
        assert_eq!(decode(&encode(&bag)), bag);
        assert!(decode("broken line\nok\t2\n").get("ok") == Some(&2.0));
    }
}
