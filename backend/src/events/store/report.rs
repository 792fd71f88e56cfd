//! SQL for the event's report: who came, by status, ticket type, organization and field.

use super::*;

pub(super) const LIVE: &str = "r.event_id = $1 AND r.status NOT IN ('cancelled', 'rejected')";

/// People by status (every registration).
pub async fn people_by_status(db: &mut Conn, event: i64) -> sqlx::Result<Vec<CountRow>> {
    let sql = "SELECT status, CAST(SUM(seats) AS BIGINT) FROM registrations WHERE event_id = $1 GROUP BY status ORDER BY 2 DESC, 1";
    counts(db, sql, event).await
}

/// People of live registrations by ticket type id.
pub async fn people_by_ticket_type(db: &mut Conn, event: i64) -> sqlx::Result<Vec<CountRow>> {
    let sql = format!(
        "SELECT CAST(r.ticket_type_id AS TEXT), CAST(SUM(r.seats) AS BIGINT) FROM registrations r WHERE {LIVE}
         GROUP BY r.ticket_type_id ORDER BY r.ticket_type_id"
    );
    counts(db, &sql, event).await
}

/// People of live registrations by the kind or district of the organization registered for
/// (`column` is `kind` or `district`; empty key for none).
pub async fn people_by_org(db: &mut Conn, event: i64, column: OrgColumn) -> sqlx::Result<Vec<CountRow>> {
    let column = match column {
        OrgColumn::Kind => "o.kind",
        OrgColumn::District => "o.district",
    };
    let sql = format!(
        "SELECT COALESCE({column}, ''), CAST(SUM(r.seats) AS BIGINT) FROM registrations r LEFT JOIN organizations o ON o.id = r.org_id
         WHERE {LIVE} GROUP BY 1 ORDER BY 2 DESC, 1"
    );
    counts(db, &sql, event).await
}

#[derive(Debug, Clone, Copy)]
pub enum OrgColumn {
    Kind,
    District,
}

/// People of live registrations by the domains of the organization registered for (a person of
/// an organization in two domains counts in both).
pub async fn people_by_domain(db: &mut Conn, event: i64) -> sqlx::Result<Vec<CountRow>> {
    let sql = format!(
        "SELECT d.code, CAST(SUM(r.seats) AS BIGINT) FROM registrations r JOIN org_domains d ON d.org_id = r.org_id
         WHERE {LIVE} GROUP BY d.code ORDER BY 2 DESC, 1"
    );
    counts(db, &sql, event).await
}

/// When each registration was made and for how many people.
pub async fn registered_at(db: &mut Conn, event: i64) -> sqlx::Result<Vec<(OffsetDateTime, u32)>> {
    let rows: Vec<(OffsetDateTime, i64)> =
        sql::query_as("SELECT created_at, seats FROM registrations WHERE event_id = $1 ORDER BY id")
            .bind(event)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(at, n)| (at, u32::try_from(n).unwrap_or(0))).collect())
}
