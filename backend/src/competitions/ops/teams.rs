//! Teams: registering one, invitations and answers, leaving, handing over the lead.

use super::*;

/// Tells the person at `email` of the invitation to the team.
pub(super) async fn invite_note(
    tx: &mut Conn,
    state: &AppState,
    c: &CompetitionRow,
    team: &str,
    email: &str,
    by: &SessionUser,
) -> AppResult<()> {
    let note = Note::new(NotificationKind::TeamInvitation, format!("/competitions/{}", c.id))
        .name("title", &c.title_zh, c.title_en.as_deref())
        .param("org", by.display_name.clone())
        .param("q", team);
    crate::notify::ops::to_address(tx, &state.config.site_url(), email, by, &note).await?;
    Ok(())
}

pub(super) async fn team_view(db: &mut Conn, t: TeamRow, user: &SessionUser) -> AppResult<Team> {
    let members = store::members(db, t.id).await?;
    let me = members.iter().find(|m| m.email == user.email);
    let mine = me.is_some_and(|m| m.status == TeamMemberStatus::Joined);
    let invited = me.is_some_and(|m| m.status == TeamMemberStatus::Invited);
    let leading = me.is_some_and(|m| m.leader);
    // Someone only asked to join sees who is on the team, not what it submitted.
    let submissions = if invited { vec![] } else { store::latest(db, t.id).await? };
    Ok(Team {
        id: t.id,
        competition_id: t.competition_id,
        org: t.org(),
        name: t.name,
        track_id: t.track_id,
        members,
        reached: u32::try_from(t.reached).unwrap_or(1),
        submissions,
        mine,
        invited,
        leading,
    })
}

/// Locks the competition a team is in (a write transaction about to change the team's entries).
pub(super) async fn lock_competition_of_team(tx: &mut Conn, team: i64) -> AppResult<()> {
    if let Some(t) = store::team(tx, team).await? {
        crate::db::lock(tx, Row::Competition, &[t.competition_id]).await?;
    }
    Ok(())
}

/// A signed-in user registers a team while the first stage takes submissions.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn register(state: &AppState, user: &SessionUser, competition: i64, input: TeamInput) -> AppResult<Team> {
    user.require_verified()?;
    let emails = input.check()?;
    let mut tx = Write::begin(state).await?;
    crate::db::lock(&mut tx, Row::Competition, &[competition]).await?;
    let c = store::competition(&mut tx, competition).await?.filter(|c| c.published_at.is_some());
    let c = c.ok_or(AppError::NotFound)?;
    let first = store::stages(&mut tx, c.id).await?.into_iter().next().ok_or(AppError::NotFound)?;
    if first.status() != StageStatus::Open || now() >= first.deadline {
        return Err(AppError::field("deadline", FieldError::DateInPast));
    }
    if !store::tracks(&mut tx, c.id).await?.iter().any(|t| t.id == input.track_id) {
        return Err(AppError::field("track_id", FieldError::Invalid));
    }
    if let Some(org) = input.org_id
        && crate::orgs::role_of(&mut tx, org, user.id).await?.is_none()
    {
        return Err(AppError::field("org_id", FieldError::Invalid));
    }
    if store::joined_team(&mut tx, c.id, &user.email).await?.is_some() {
        return Err(AppError::Refused(ErrorCode::AlreadyInTeam));
    }
    let members: Vec<&str> = emails.iter().map(|e| e.as_str()).collect();
    let at = now();
    let team = store::NewTeam {
        competition: c.id,
        track: input.track_id,
        name: input.name.trim(),
        org: input.org_id,
        leader: (user.id, &user.email),
        members: &members,
        members_status: TeamMemberStatus::Invited,
    };
    let id = match store::insert_team(&mut tx, &team, at).await {
        Err(e) if crate::db::is_unique_violation(&e) => return Err(AppError::field("name", FieldError::Invalid)),
        other => other?,
    };
    tx.raise(Fact::TeamEntered(id)).await?;
    store::audit(
        &mut tx,
        c.id,
        Some(user.id),
        "team_registered",
        &serde_json::json!({ "team": id, "name": input.name.trim(), "track": input.track_id }),
        at,
    )
    .await?;
    // Those listed are invited: they join by accepting (an address without an account is emailed).
    for m in members.iter().filter(|m| **m != user.email) {
        invite_note(&mut tx, state, &c, input.name.trim(), m, user).await?;
    }
    let t = store::team(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = team_view(&mut tx, t, user).await?;
    tx.commit().await?;
    Ok(out)
}

/// The competition's teams: all of them for its organizers, one's own for anyone else.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn teams(state: &AppState, user: &SessionUser, competition: i64) -> AppResult<Vec<Team>> {
    let mut db = state.db.acquire().await?;
    let c = store::competition(&mut db, competition).await?.ok_or(AppError::NotFound)?;
    let all = runs(&mut db, &c, Some(user)).await?;
    let rows = store::teams(&mut db, c.id, if all { None } else { Some(&user.email) }).await?;
    let mut out = vec![];
    for t in rows {
        out.push(team_view(&mut db, t, user).await?);
    }
    Ok(out)
}

/// How the caller stands to a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TeamAccess {
    /// On it: sees everything and submits.
    Joined,
    /// Asked to join: sees who leads it and who is on it, not what it submitted.
    Invited,
    /// Runs the competition.
    Organizer,
}

/// The team and how the caller stands to it; 404 for anyone but those listed on it and its
/// organizers.
pub(super) async fn team_for(db: &mut Conn, user: &SessionUser, id: i64) -> AppResult<(TeamRow, TeamAccess)> {
    let t = store::team(db, id).await?.ok_or(AppError::NotFound)?;
    match store::member_status(db, t.id, &user.email).await? {
        Some(TeamMemberStatus::Joined) => return Ok((t, TeamAccess::Joined)),
        Some(TeamMemberStatus::Invited) => return Ok((t, TeamAccess::Invited)),
        None => {}
    }
    let c = store::competition(db, t.competition_id).await?.ok_or(AppError::NotFound)?;
    if runs(db, &c, Some(user)).await? { Ok((t, TeamAccess::Organizer)) } else { Err(AppError::NotFound) }
}

/// Teams are made until the first stage's deadline: after it nobody joins, is invited or leaves
/// (judges are assigned knowing who is on each team).
pub(super) async fn membership_open(db: &mut Conn, t: &TeamRow) -> AppResult<()> {
    let first = store::stages(db, t.competition_id).await?.into_iter().next().ok_or(AppError::NotFound)?;
    if first.status() != StageStatus::Open || now() >= first.deadline {
        return Err(AppError::field("deadline", FieldError::DateInPast));
    }
    Ok(())
}

/// The invited caller joins the team (one team per person and competition) or declines.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn answer_team(state: &AppState, user: &SessionUser, id: i64, join: bool) -> AppResult<Team> {
    user.require_verified()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_competition_of_team(&mut tx, id).await?;
    let t = store::team(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if join {
        membership_open(&mut tx, &t).await?;
    }
    if store::member_status(&mut tx, id, &user.email).await? != Some(TeamMemberStatus::Invited) {
        return Err(AppError::NotFound);
    }
    let at = now();
    if join {
        if store::joined_team(&mut tx, t.competition_id, &user.email).await?.is_some() {
            return Err(AppError::Refused(ErrorCode::AlreadyInTeam));
        }
        store::join_team(&mut tx, id, &user.email).await?;
    } else {
        store::remove_member(&mut tx, id, &user.email).await?;
    }
    let what = if join { "team_joined" } else { "team_declined" };
    store::audit(&mut tx, t.competition_id, Some(user.id), what, &serde_json::json!({ "team": id }), at).await?;
    let out = team_view(&mut tx, t, user).await?;
    tx.commit().await?;
    Ok(out)
}

/// A member leaves the team. The leader may not while others are on it or once it has submitted
/// (409 `leader_must_hand_over`); a leader alone before any submission withdraws the team.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn leave_team(state: &AppState, user: &SessionUser, id: i64) -> AppResult<()> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_competition_of_team(&mut tx, id).await?;
    let t = store::team(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let members = store::joined_members(&mut tx, id).await?;
    let me = members.iter().find(|m| m.email == user.email).ok_or(AppError::NotFound)?;
    membership_open(&mut tx, &t).await?;
    let at = now();
    if me.leader {
        let alone = members.len() == 1;
        if !alone || !store::latest(&mut tx, id).await?.is_empty() {
            return Err(AppError::Refused(ErrorCode::LeaderMustHandOver));
        }
        store::delete_team(&mut tx, id).await?;
        store::audit(
            &mut tx,
            t.competition_id,
            Some(user.id),
            "team_withdrawn",
            &serde_json::json!({ "team": id }),
            at,
        )
        .await?;
    } else {
        store::remove_member(&mut tx, id, &user.email).await?;
        store::audit(&mut tx, t.competition_id, Some(user.id), "team_left", &serde_json::json!({ "team": id }), at)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The team `id` with everyone listed on it, in a write transaction that locked its competition,
/// when the caller leads it (403 otherwise): what the leader's actions start from.
pub(super) async fn led_by(
    tx: &mut Conn,
    user: &SessionUser,
    id: i64,
) -> AppResult<(TeamRow, Vec<shared::competitions::TeamMember>)> {
    lock_competition_of_team(tx, id).await?;
    let t = store::team(tx, id).await?.ok_or(AppError::NotFound)?;
    let members = store::members(tx, id).await?;
    if !members.iter().any(|m| m.leader && m.email == user.email) {
        return Err(AppError::Forbidden);
    }
    Ok((t, members))
}

/// The leader hands the team to a member who joined.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hand_over(state: &AppState, user: &SessionUser, id: i64, to: TeamPerson) -> AppResult<Team> {
    let email = validate::Email::parse(&to.email).map_err(|e| AppError::field("email", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (t, members) = led_by(&mut tx, user, id).await?;
    let next = members
        .iter()
        .filter(|m| m.status == TeamMemberStatus::Joined)
        .find(|m| m.email == email.as_str() && !m.leader);
    let next_user = next.and_then(|m| m.user_id).ok_or(AppError::field("email", FieldError::Invalid))?;
    store::hand_over(&mut tx, id, &user.email, email.as_str(), next_user).await?;
    let detail = serde_json::json!({ "team": id, "leader": email.as_str() });
    store::audit(&mut tx, t.competition_id, Some(user.id), "team_leader", &detail, now()).await?;
    let out = team_view(&mut tx, t, user).await?;
    tx.commit().await?;
    Ok(out)
}

/// The leader invites one more person by email (they join by accepting).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn invite_member(state: &AppState, user: &SessionUser, id: i64, who: TeamPerson) -> AppResult<Team> {
    let email = validate::Email::parse(&who.email).map_err(|e| AppError::field("email", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (t, members) = led_by(&mut tx, user, id).await?;
    membership_open(&mut tx, &t).await?;
    if members.len() > shared::competitions::MEMBERS_MAX {
        return Err(AppError::field("email", FieldError::TooMany));
    }
    if store::invite_member(&mut tx, id, email.as_str(), TeamMemberStatus::Invited).await? {
        let c = store::competition(&mut tx, t.competition_id).await?.ok_or(AppError::NotFound)?;
        invite_note(&mut tx, state, &c, &t.name, email.as_str(), user).await?;
    }
    let out = team_view(&mut tx, t, user).await?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn team(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Team> {
    let mut db = state.db.acquire().await?;
    let (t, _) = team_for(&mut db, user, id).await?;
    team_view(&mut db, t, user).await
}
