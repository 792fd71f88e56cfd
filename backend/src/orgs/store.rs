//! SQL for organizations, members and invitations.
//!
//! This file is long because its SQL serves three things other capabilities ask of orgs
//! (membership, roles, names) besides the directory; split by sub-capability when it next grows.

use std::collections::HashMap;

use crate::db::Conn;
use crate::db::sql;
use shared::orgs::{
    Invitation, Member, Org, OrgContact, OrgKind, OrgListQuery, OrgProfile, OrgRole, OrgSize, OrgSummary,
};
use time::OffsetDateTime;

#[derive(Debug, sqlx::FromRow)]
struct OrgRow {
    id: i64,
    name_zh: String,
    name_en: Option<String>,
    kind: String,
    subtype: Option<String>,
    district: Option<String>,
    pilot_zone: Option<String>,
    description: Option<String>,
    website: Option<String>,
    founded_year: Option<i32>,
    size: Option<String>,
    contact_phone: Option<String>,
    contact_email: Option<String>,
    credit_code: Option<String>,
    verified_at: Option<OffsetDateTime>,
    created_at: OffsetDateTime,
    member_count: i64,
}

const ORG_COLUMNS: &str = "o.id, o.name_zh, o.name_en, o.kind, o.subtype, o.district, o.pilot_zone, o.description,
    o.website, o.founded_year, o.size, o.contact_phone, o.contact_email, o.credit_code, o.verified_at, o.created_at,
    (SELECT COUNT(*) FROM memberships m WHERE m.org_id = o.id) AS member_count";

fn kind_of(s: &str) -> OrgKind {
    // The CHECK constraint keeps this column to the four kinds.
    OrgKind::parse(s).unwrap_or(OrgKind::Enterprise)
}

/// Binds $1–$14: the profile's columns in table order, `updated_at`, then the credit code.
fn bind_profile<'q, O: sql::Record>(
    q: sql::QueryAs<'q, O>,
    p: &'q OrgProfile,
    now: OffsetDateTime,
) -> sql::QueryAs<'q, O> {
    q.bind(&p.name_zh)
        .bind(&p.name_en)
        .bind(p.kind.as_str())
        .bind(&p.subtype)
        .bind(&p.district)
        .bind(&p.pilot_zone)
        .bind(&p.description)
        .bind(&p.website)
        .bind(p.founded_year)
        .bind(p.size.map(OrgSize::as_str))
        .bind(&p.contact_phone)
        .bind(&p.contact_email)
        .bind(now)
        .bind(&p.credit_code)
}

/// Inserts an organization with its tags and makes `owner` its owner, in one transaction.
pub async fn insert(db: &mut Conn, p: &OrgProfile, owner: i64) -> sqlx::Result<i64> {
    let id = insert_without_members(db, p, owner).await?;
    add_member(db, id, owner, OrgRole::Owner).await?;
    Ok(id)
}

/// Inserts an organization with its tags, created by `by` (a site admin importing on its behalf)
/// and with no members yet.
pub async fn insert_without_members(db: &mut Conn, p: &OrgProfile, by: i64) -> sqlx::Result<i64> {
    let now = crate::db::now();
    let insert = sql::query_as(
        "INSERT INTO organizations (name_zh, name_en, kind, subtype, district, pilot_zone, description, website,
            founded_year, size, contact_phone, contact_email, updated_at, credit_code, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $13) RETURNING id",
    );
    let (id,): (i64,) = bind_profile(insert, p, now).bind(by).fetch_one(&mut *db).await?;
    replace_tags(db, id, p).await?;
    Ok(id)
}

/// Overwrites the profile and its tags; the caller holds the transaction.
pub async fn update(db: &mut Conn, id: i64, p: &OrgProfile) -> sqlx::Result<()> {
    let update = sql::query_as::<(i64,)>(
        "UPDATE organizations SET name_zh = $1, name_en = $2, kind = $3, subtype = $4, district = $5,
            pilot_zone = $6, description = $7, website = $8, founded_year = $9, size = $10,
            contact_phone = $11, contact_email = $12, updated_at = $13, credit_code = $14
         WHERE id = $15 RETURNING id",
    );
    bind_profile(update, p, crate::db::now()).bind(id).fetch_optional(&mut *db).await?;
    replace_tags(db, id, p).await
}

async fn replace_tags(db: &mut Conn, id: i64, p: &OrgProfile) -> sqlx::Result<()> {
    for (table, codes) in [("org_domains", &p.domains), ("org_tiers", &p.tiers)] {
        sql::query(format!("DELETE FROM {table} WHERE org_id = $1")).bind(id).execute(&mut *db).await?;
        for (position, code) in codes.iter().enumerate() {
            sql::query(format!("INSERT INTO {table} (org_id, code, position) VALUES ($1, $2, $3)"))
                .bind(id)
                .bind(code)
                .bind(position as i64)
                .execute(&mut *db)
                .await?;
        }
    }
    Ok(())
}

async fn codes(db: &mut Conn, table: &str, id: i64) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sql::query_as(format!("SELECT code FROM {table} WHERE org_id = $1 ORDER BY position"))
        .bind(id)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The full profile. `private` adds contact details; `my_role` is the caller's role.
pub async fn get(db: &mut Conn, id: i64, private: bool, my_role: Option<OrgRole>) -> sqlx::Result<Option<Org>> {
    let row: Option<OrgRow> = sql::query_as(format!("SELECT {ORG_COLUMNS} FROM organizations o WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(&mut *db)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let domains = codes(db, "org_domains", id).await?;
    let tiers = codes(db, "org_tiers", id).await?;
    Ok(Some(Org {
        id: r.id,
        name_zh: r.name_zh,
        name_en: r.name_en,
        kind: kind_of(&r.kind),
        subtype: r.subtype,
        tiers,
        domains,
        district: r.district,
        pilot_zone: r.pilot_zone,
        description: r.description,
        website: r.website,
        founded_year: r.founded_year,
        size: r.size.as_deref().and_then(OrgSize::parse),
        credit_code: r.credit_code,
        verified: r.verified_at.is_some(),
        member_count: r.member_count,
        created_at: r.created_at,
        contact: private.then_some(OrgContact { phone: r.contact_phone, email: r.contact_email }),
        my_role,
    }))
}

/// The organization holding the 统一社会信用代码 `code`, if any.
pub async fn with_credit_code(db: &mut Conn, code: &str) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> =
        sql::query_as("SELECT id FROM organizations WHERE credit_code = $1").bind(code).fetch_optional(db).await?;
    Ok(row.map(|r| r.0))
}

/// The organizations named exactly `name_zh` (or, ignoring case, `name_en`), oldest first.
pub async fn named(db: &mut Conn, name: &str) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sql::query_as(
        "SELECT id FROM organizations WHERE name_zh = $1 OR LOWER(COALESCE(name_en, '')) = LOWER($1) ORDER BY id",
    )
    .bind(name)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn exists(db: &mut Conn, id: i64) -> sqlx::Result<bool> {
    let row: Option<(i64,)> =
        sql::query_as("SELECT id FROM organizations WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.is_some())
}

fn push_filters(qb: &mut sql::Builder<'_>, q: &OrgListQuery) {
    qb.push(" WHERE 1 = 1");
    if let Some(kind) = q.kind {
        qb.push(" AND o.kind = ").push_bind(kind.as_str());
    }
    if let Some(v) = q.verified {
        qb.push(if v { " AND o.verified_at IS NOT NULL" } else { " AND o.verified_at IS NULL" });
    }
    if let Some(d) = q.district.as_deref().filter(|d| !d.is_empty()) {
        qb.push(" AND o.district = ").push_bind(d.to_owned());
    }
    if let Some(d) = q.domain.as_deref().filter(|d| !d.is_empty()) {
        qb.push(" AND EXISTS (SELECT 1 FROM org_domains d WHERE d.org_id = o.id AND d.code = ")
            .push_bind(d.to_owned())
            .push(")");
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = sql::like_pattern(text);
        qb.push(" AND (o.name_zh LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR LOWER(COALESCE(o.name_en, '')) LIKE LOWER(")
            .push_bind(pattern)
            .push(") ESCAPE '\\')");
    }
}

/// One page of the directory and the total count.
pub async fn list(db: &mut Conn, q: &OrgListQuery, limit: u32, offset: u64) -> sqlx::Result<(Vec<OrgSummary>, u64)> {
    let mut count = sql::Builder::new("SELECT COUNT(*) FROM organizations o");
    push_filters(&mut count, q);
    let (total,): (i64,) = count.build_query_as().fetch_one(&mut *db).await?;

    let mut qb = sql::Builder::new(
        "SELECT o.id, o.name_zh, o.name_en, o.kind, o.subtype, o.district, o.verified_at, o.created_at
         FROM organizations o",
    );
    push_filters(&mut qb, q);
    qb.push(" ORDER BY (o.verified_at IS NULL), o.created_at DESC, o.id DESC LIMIT ")
        .push_bind(limit as i64)
        .push(" OFFSET ")
        .push_bind(offset as i64);
    type Row =
        (i64, String, Option<String>, String, Option<String>, Option<String>, Option<OffsetDateTime>, OffsetDateTime);
    let rows: Vec<Row> = qb.build_query_as().fetch_all(&mut *db).await?;

    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let mut domains = crate::db::codes_of(db, "org_domains", "org_id", &ids).await?;
    let items = rows
        .into_iter()
        .map(|(id, name_zh, name_en, kind, subtype, district, verified_at, created_at)| OrgSummary {
            id,
            name_zh,
            name_en,
            kind: kind_of(&kind),
            subtype,
            domains: domains.remove(&id).unwrap_or_default(),
            district,
            verified: verified_at.is_some(),
            created_at,
        })
        .collect();
    Ok((items, total as u64))
}

pub async fn summary(db: &mut Conn, id: i64) -> sqlx::Result<Option<OrgSummary>> {
    Ok(get(db, id, false, None).await?.map(|o| OrgSummary {
        id: o.id,
        name_zh: o.name_zh,
        name_en: o.name_en,
        kind: o.kind,
        subtype: o.subtype,
        domains: o.domains,
        district: o.district,
        verified: o.verified,
        created_at: o.created_at,
    }))
}

pub async fn set_verified(db: &mut Conn, id: i64, by: Option<i64>) -> sqlx::Result<bool> {
    let at = by.map(|_| crate::db::now());
    let done = sql::query("UPDATE organizations SET verified_at = $1, verified_by = $2, updated_at = $3 WHERE id = $4")
        .bind(at)
        .bind(by)
        .bind(crate::db::now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

// ---- members ----

pub async fn role_of(db: &mut Conn, org_id: i64, user_id: i64) -> sqlx::Result<Option<OrgRole>> {
    let row: Option<(String,)> = sql::query_as("SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|r| OrgRole::parse(&r.0)))
}

pub async fn add_member(db: &mut Conn, org_id: i64, user_id: i64, role: OrgRole) -> sqlx::Result<()> {
    sql::query("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)")
        .bind(org_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(crate::db::now())
        .execute(db)
        .await?;
    Ok(())
}

pub async fn members(db: &mut Conn, org_id: i64) -> sqlx::Result<Vec<Member>> {
    let rows: Vec<(i64, String, String, String, OffsetDateTime)> = sql::query_as(
        "SELECT u.id, u.display_name, u.email, m.role, m.created_at
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 ORDER BY m.role DESC, m.created_at, u.id",
    )
    .bind(org_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, display_name, email, role, joined_at)| Member {
            user_id,
            display_name,
            email,
            role: OrgRole::parse(&role).unwrap_or(OrgRole::Member),
            joined_at,
        })
        .collect())
}

pub async fn owner_count(db: &mut Conn, org_id: i64) -> sqlx::Result<i64> {
    let (n,): (i64,) = sql::query_as("SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = 'owner'")
        .bind(org_id)
        .fetch_one(db)
        .await?;
    Ok(n)
}

pub async fn set_role(db: &mut Conn, org_id: i64, user_id: i64, role: OrgRole) -> sqlx::Result<()> {
    sql::query("UPDATE memberships SET role = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(role.as_str())
        .bind(org_id)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn remove_member(db: &mut Conn, org_id: i64, user_id: i64) -> sqlx::Result<()> {
    sql::query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn is_member_email(db: &mut Conn, org_id: i64, email: &str) -> sqlx::Result<bool> {
    let row: Option<(i64,)> = sql::query_as(
        "SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND u.email = $2",
    )
    .bind(org_id)
    .bind(email)
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

// ---- invitations ----

type InvitationRow = (i64, i64, String, String, Option<String>, OffsetDateTime, OffsetDateTime);

fn invitation(r: InvitationRow) -> Invitation {
    let (id, org_id, email, role, invited_by, created_at, expires_at) = r;
    Invitation {
        id,
        org_id,
        email,
        role: OrgRole::parse(&role).unwrap_or(OrgRole::Member),
        invited_by: invited_by.unwrap_or_default(),
        created_at,
        expires_at,
        token: None,
    }
}

const INVITATION_COLUMNS: &str = "i.id, i.org_id, i.email, i.role, u.display_name, i.created_at, i.expires_at FROM invitations i LEFT JOIN users u ON u.id = i.invited_by";

pub async fn insert_invitation(
    db: &mut Conn,
    org_id: i64,
    email: &str,
    role: OrgRole,
    token_hash: &str,
    invited_by: i64,
    expires_at: OffsetDateTime,
) -> sqlx::Result<Invitation> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO invitations (org_id, email, role, token_hash, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(org_id)
    .bind(email)
    .bind(role.as_str())
    .bind(token_hash)
    .bind(invited_by)
    .bind(crate::db::now())
    .bind(expires_at)
    .fetch_one(&mut *db)
    .await?;
    let row: InvitationRow =
        sql::query_as(format!("SELECT {INVITATION_COLUMNS} WHERE i.id = $1")).bind(id).fetch_one(db).await?;
    Ok(invitation(row))
}

/// Invitations neither accepted, revoked nor expired.
pub async fn pending_invitations(db: &mut Conn, org_id: i64, now: OffsetDateTime) -> sqlx::Result<Vec<Invitation>> {
    let rows: Vec<InvitationRow> = sql::query_as(format!(
        "SELECT {INVITATION_COLUMNS} WHERE i.org_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
         AND i.expires_at > $2 ORDER BY i.created_at DESC, i.id DESC"
    ))
    .bind(org_id)
    .bind(now)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(invitation).collect())
}

/// A usable invitation by its token hash.
pub async fn open_invitation(db: &mut Conn, token_hash: &str, now: OffsetDateTime) -> sqlx::Result<Option<Invitation>> {
    let row: Option<InvitationRow> = sql::query_as(format!(
        "SELECT {INVITATION_COLUMNS} WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
         AND i.expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(invitation))
}

pub async fn mark_accepted(db: &mut Conn, id: i64) -> sqlx::Result<()> {
    sql::query("UPDATE invitations SET accepted_at = $1 WHERE id = $2")
        .bind(crate::db::now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Revokes a pending invitation of `org_id`; false when there was none.
pub async fn revoke_invitation(db: &mut Conn, org_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sql::query(
        "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(crate::db::now())
    .bind(id)
    .bind(org_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Organizations waiting to be verified (the admin console counts them).
pub async fn unverified_count(db: &mut Conn) -> sqlx::Result<u32> {
    let (n,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM organizations WHERE verified_at IS NULL").fetch_one(db).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// An organization's Chinese name, for readers of records that name it.
pub async fn name_of(db: &mut Conn, id: i64) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> =
        sql::query_as("SELECT name_zh FROM organizations WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(n,)| n))
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[sql::Section {
    name: "memberships",
    sql:
        "SELECT json_group_array(json_object('org_id', o.id, 'organization', o.name_zh, 'role', m.role,
                'since', m.created_at)) FROM memberships m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = $1",
}];

/// Organizations (id, Chinese name) the user is the only owner of while others are members:
/// deleting the account would leave them without an owner.
pub async fn sole_owner_of(db: &mut Conn, user: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sql::query_as(
        "SELECT o.id, o.name_zh FROM memberships m JOIN organizations o ON o.id = m.org_id
         WHERE m.user_id = $1 AND m.role = 'owner'
           AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.org_id = m.org_id AND x.user_id <> $1 AND x.role = 'owner')
           AND EXISTS (SELECT 1 FROM memberships x WHERE x.org_id = m.org_id AND x.user_id <> $1)
         ORDER BY o.id",
    )
    .bind(user)
    .fetch_all(db)
    .await
}

/// The organizations the user is a member of, with their role, oldest membership first.
pub async fn memberships(db: &mut Conn, user_id: i64) -> sqlx::Result<Vec<shared::accounts::Membership>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        org_id: i64,
        name_zh: String,
        name_en: Option<String>,
        kind: String,
        role: String,
        verified_at: Option<time::OffsetDateTime>,
    }
    let rows: Vec<Row> = sql::query_as(
        "SELECT o.id AS org_id, o.name_zh, o.name_en, o.kind, m.role, o.verified_at
         FROM memberships m JOIN organizations o ON o.id = m.org_id
         WHERE m.user_id = $1 ORDER BY m.created_at, o.id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(shared::accounts::Membership {
                org_id: r.org_id,
                org_name_zh: r.name_zh,
                org_name_en: r.name_en,
                org_kind: shared::orgs::OrgKind::parse(&r.kind)?,
                role: shared::orgs::OrgRole::parse(&r.role)?,
                verified: r.verified_at.is_some(),
            })
        })
        .collect())
}

/// `SELECT <select> FROM memberships m ... WHERE m.<column> IN (ids) <tail>`, bound.
fn memberships_of(select: &str, join: &str, column: &str, ids: &[i64], tail: &str) -> sql::Builder<'static> {
    let mut qb = sql::Builder::new(format!("SELECT {select} FROM memberships m {join} WHERE m.{column} IN ("));
    qb.push_list(", ", ids.to_vec());
    qb.push(format!(") {tail}"));
    qb
}

/// The organizations any of `users` is a member of, each once, by id.
pub async fn ids_of_any(db: &mut Conn, users: &[i64]) -> sqlx::Result<Vec<i64>> {
    if users.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<(i64,)> = memberships_of("DISTINCT m.org_id", "", "user_id", users, "ORDER BY m.org_id")
        .build_query_as()
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The members of any of `orgs`, each once, by user id.
pub async fn member_ids(db: &mut Conn, orgs: &[i64]) -> sqlx::Result<Vec<i64>> {
    if orgs.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<(i64,)> = memberships_of("DISTINCT m.user_id", "", "org_id", orgs, "ORDER BY m.user_id")
        .build_query_as()
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// How many organizations each of `users` is a member of (users in none are left out).
pub async fn counts_of(db: &mut Conn, users: &[i64]) -> sqlx::Result<HashMap<i64, i64>> {
    if users.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64)> = memberships_of("m.user_id, COUNT(*)", "", "user_id", users, "GROUP BY m.user_id")
        .build_query_as()
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// An organization as a person's affiliation: its id and names.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Affiliation {
    pub org_id: i64,
    pub name_zh: String,
    pub name_en: Option<String>,
}

/// Each of `users`' first organization (the one they joined first; the lowest id among those
/// joined at once), for naming where a person comes from. Users in none are left out.
pub async fn first_of(db: &mut Conn, users: &[i64]) -> sqlx::Result<HashMap<i64, Affiliation>> {
    if users.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64, String, Option<String>)> = memberships_of(
        "m.user_id, o.id, o.name_zh, o.name_en",
        "JOIN organizations o ON o.id = m.org_id",
        "user_id",
        users,
        "ORDER BY m.user_id, m.created_at DESC, m.org_id DESC",
    )
    .build_query_as()
    .fetch_all(db)
    .await?;
    // The last row of each user is their first organization.
    Ok(rows
        .into_iter()
        .map(|(user, org_id, name_zh, name_en)| (user, Affiliation { org_id, name_zh, name_en }))
        .collect())
}

/// Erases what this capability holds only about a person whose account is being deleted: memberships and invitations to join
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see `facts::Erasing::erase`).
pub const ERASE: &[&str] = &[
    "DELETE FROM memberships WHERE user_id = $1",
    "UPDATE invitations SET revoked_at = $3 WHERE email = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    "UPDATE invitations SET email = $4 WHERE email = $2",
];
