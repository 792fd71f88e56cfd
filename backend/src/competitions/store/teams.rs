//! SQL for teams and their members.

use super::*;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamRow {
    pub id: i64,
    pub competition_id: i64,
    pub track_id: i64,
    pub name: String,
    pub org_id: Option<i64>,
    pub org_name_zh: Option<String>,
    pub org_name_en: Option<String>,
    pub reached: i64,
}

impl TeamRow {
    pub fn org(&self) -> Option<OrgRef> {
        Some(OrgRef { id: self.org_id?, name_zh: self.org_name_zh.clone()?, name_en: self.org_name_en.clone() })
    }
}

pub(super) const TEAM: &str = "SELECT t.id, t.competition_id, t.track_id, t.name, t.org_id, o.name_zh AS org_name_zh,
        o.name_en AS org_name_en, t.reached
     FROM teams t LEFT JOIN organizations o ON o.id = t.org_id";

/// A team to insert: the leader (user id and email) and the other members' emails.
pub struct NewTeam<'a> {
    pub competition: i64,
    pub track: i64,
    pub name: &'a str,
    pub org: Option<i64>,
    pub leader: (i64, &'a str),
    pub members: &'a [&'a str],
    /// What the other members start as: invited (they join by accepting), or joined (the demo's).
    pub members_status: TeamMemberStatus,
}

pub async fn insert_team(db: &mut Conn, t: &NewTeam<'_>, now: OffsetDateTime) -> sqlx::Result<i64> {
    let NewTeam { competition, track, name, org, leader, members, members_status } = *t;
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO teams (competition_id, track_id, name, org_id, leader_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(competition)
    .bind(track)
    .bind(name)
    .bind(org)
    .bind(leader.0)
    .bind(now)
    .fetch_one(&mut *db)
    .await?;
    sql::query("INSERT INTO team_members (team_id, email, leader, status) VALUES ($1, $2, TRUE, 'joined')")
        .bind(id)
        .bind(leader.1)
        .execute(&mut *db)
        .await?;
    for m in members.iter().filter(|m| **m != leader.1) {
        invite_member(db, id, m, members_status).await?;
    }
    Ok(id)
}

/// Lists `email` on the team with `status` (nothing when already listed); whether it was added.
pub async fn invite_member(db: &mut Conn, team: i64, email: &str, status: TeamMemberStatus) -> sqlx::Result<bool> {
    let done = sql::query(
        "INSERT INTO team_members (team_id, email, leader, status) VALUES ($1, $2, FALSE, $3)
         ON CONFLICT (team_id, email) DO NOTHING",
    )
    .bind(team)
    .bind(email)
    .bind(status.as_str())
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The member at `email` joins (accepting the invitation); false when there was none open.
pub async fn join_team(db: &mut Conn, team: i64, email: &str) -> sqlx::Result<bool> {
    let done = sql::query(
        "UPDATE team_members SET status = 'joined' WHERE team_id = $1 AND email = $2 AND status = 'invited'",
    )
    .bind(team)
    .bind(email)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Takes `email` off the team (a declined invitation, a member leaving).
pub async fn remove_member(db: &mut Conn, team: i64, email: &str) -> sqlx::Result<bool> {
    let done = sql::query("DELETE FROM team_members WHERE team_id = $1 AND email = $2 AND NOT leader")
        .bind(team)
        .bind(email)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Hands the leadership from `from` to `to` (a member who joined), and the team's leader account.
pub async fn hand_over(db: &mut Conn, team: i64, from: &str, to: &str, to_user: i64) -> sqlx::Result<()> {
    sql::query("UPDATE team_members SET leader = (email = $3) WHERE team_id = $1 AND email IN ($2, $3)")
        .bind(team)
        .bind(from)
        .bind(to)
        .execute(&mut *db)
        .await?;
    sql::query("UPDATE teams SET leader_id = $2 WHERE id = $1").bind(team).bind(to_user).execute(db).await?;
    Ok(())
}

/// Withdraws a team (its leader alone, before any submission).
pub async fn delete_team(db: &mut Conn, team: i64) -> sqlx::Result<()> {
    sql::query("DELETE FROM teams WHERE id = $1").bind(team).execute(db).await?;
    Ok(())
}

/// The team of the competition that `email` joined, if any.
pub async fn joined_team(db: &mut Conn, competition: i64, email: &str) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sql::query_as(
        "SELECT t.id FROM teams t JOIN team_members m ON m.team_id = t.id
         WHERE t.competition_id = $1 AND m.email = $2 AND m.status = 'joined'",
    )
    .bind(competition)
    .bind(email)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.0))
}

pub async fn team(db: &mut Conn, id: i64) -> sqlx::Result<Option<TeamRow>> {
    sql::query_as(format!("{TEAM} WHERE t.id = $1")).bind(id).fetch_optional(db).await
}

/// The competition's teams (all of them, or the ones `email` is on), in registration order.
pub async fn teams(db: &mut Conn, competition: i64, email: Option<&str>) -> sqlx::Result<Vec<TeamRow>> {
    sql::query_as(format!(
        "{TEAM} WHERE t.competition_id = $1
           AND ($2 IS NULL OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.email = $2))
         ORDER BY t.id"
    ))
    .bind(competition)
    .bind(email)
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
pub(super) struct MemberRow {
    email: String,
    user_id: Option<i64>,
    name: Option<String>,
    leader: bool,
    status: String,
}

/// Everyone listed on the team, the invited included (with their status), leader first. An
/// invited address shows no account or name: listing an email tells nobody whose it is.
pub async fn members(db: &mut Conn, team: i64) -> sqlx::Result<Vec<TeamMember>> {
    let rows: Vec<MemberRow> = sql::query_as(
        "SELECT m.email, u.id AS user_id, CASE WHEN m.status = 'joined' THEN u.display_name END AS name, m.leader,
                m.status
         FROM team_members m LEFT JOIN users u ON u.email = m.email AND m.status = 'joined'
         WHERE m.team_id = $1 ORDER BY m.leader DESC, m.rowid",
    )
    .bind(team)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TeamMember {
            email: r.email,
            user_id: r.user_id,
            name: r.name,
            leader: r.leader,
            status: TeamMemberStatus::parse(&r.status).unwrap_or(TeamMemberStatus::Invited),
        })
        .collect())
}

/// Those on the team: the members who joined.
pub async fn joined_members(db: &mut Conn, team: i64) -> sqlx::Result<Vec<TeamMember>> {
    Ok(members(db, team).await?.into_iter().filter(|m| m.status == TeamMemberStatus::Joined).collect())
}

/// `email`'s place on the team, if listed.
pub async fn member_status(db: &mut Conn, team: i64, email: &str) -> sqlx::Result<Option<TeamMemberStatus>> {
    let row: Option<(String,)> = sql::query_as("SELECT status FROM team_members WHERE team_id = $1 AND email = $2")
        .bind(team)
        .bind(email)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|(s,)| TeamMemberStatus::parse(&s)))
}

pub async fn set_reached(db: &mut Conn, team: i64, reached: i64) -> sqlx::Result<()> {
    sql::query("UPDATE teams SET reached = $2 WHERE id = $1").bind(team).bind(reached).execute(db).await?;
    Ok(())
}

// ---------- submissions ----------
