//! Closing a stage: normalised results, who goes on, publishing the final results through the notices, certificates, the workbook and the audit log.

use super::*;

/// Computes the stage's results from the sheets: raw and normalised means, ranks per track, and
/// which entries advance (the best `advance` of each track with at least one sheet).
pub(super) async fn compute(db: &mut Conn, s: &StageRow, c: &CompetitionRow) -> AppResult<StageResults> {
    let rubric = c.rubric();
    let key = rubric.iter().enumerate().max_by_key(|(i, c)| (c.weight, std::cmp::Reverse(*i))).map(|(i, _)| i);
    let teams = store::entrants(db, s).await?;
    let index: HashMap<i64, usize> = teams.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    // Only the entrants' sheets, so each `Sheet` lines up with its row below.
    let stage_sheets: Vec<_> =
        store::sheets(db, s.id).await?.into_iter().filter(|x| index.contains_key(&x.team_id)).collect();
    let pairs = store::assignments(db, s.id).await?;
    let sheets: Vec<Sheet> = stage_sheets
        .iter()
        .map(|x| Sheet { judge: x.user_id, entry: index[&x.team_id], total: weighted_total(&rubric, &x.values()) })
        .collect();
    let normalised = results::normalise(&sheets);
    let means = results::standings(teams.len(), &sheets);
    let mut key_share = vec![(0.0, 0usize); teams.len()];
    if let Some(k) = key {
        for x in &stage_sheets {
            if let (Some(e), Some(v)) = (index.get(&x.team_id), x.values().get(k)) {
                key_share[*e].0 += f64::from(*v) / f64::from(rubric[k].scale);
                key_share[*e].1 += 1;
            }
        }
    }
    let standings: Vec<Standing> = teams
        .iter()
        .enumerate()
        .map(|(i, t)| Standing {
            track: t.track_id,
            raw: means[i].0,
            normalised: means[i].1,
            key_criterion: if key_share[i].1 == 0 { 0.0 } else { key_share[i].0 / key_share[i].1 as f64 },
            registered: t.id,
        })
        .collect();
    let ranks = results::rank(&standings);
    let mut entries = vec![];
    for (i, t) in teams.iter().enumerate() {
        let expected = pairs.iter().filter(|a| a.team_id == t.id).count();
        let scores: Vec<JudgeScore> = sheets
            .iter()
            .zip(&normalised)
            .zip(&stage_sheets)
            .filter(|((x, _), _)| x.entry == i)
            .map(|((x, n), row)| JudgeScore { judge: row.judge.clone(), raw: x.total, normalised: *n })
            .collect();
        let scored = !scores.is_empty();
        entries.push(EntryResult {
            team_id: t.id,
            team_name: t.name.clone(),
            track_id: t.track_id,
            rank: ranks[i],
            raw: means[i].0,
            normalised: means[i].1,
            missing: u32::try_from(expected.saturating_sub(scores.len())).unwrap_or(0),
            scores,
            advances: scored && i64::from(ranks[i]) <= s.advance,
        });
    }
    entries.sort_by_key(|e| (e.track_id, e.rank));
    Ok(StageResults {
        stage_id: s.id,
        status: s.status(),
        scored: u32::try_from(sheets.len()).unwrap_or(0),
        expected: u32::try_from(pairs.len()).unwrap_or(0),
        entries,
    })
}

/// The stage's results as they stand (organizers).
pub async fn results(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<StageResults> {
    let mut db = state.db.acquire().await?;
    let (s, c) = stage_run_by(&mut db, stage, user).await?;
    compute(&mut db, &s, &c).await
}

/// Closes a judged stage: the results are fixed, scores no longer change, and the best of each
/// track go on to the next stage.
pub async fn close(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<StageResults> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::competitions::ops::lock_competition_of_stage(&mut tx, stage).await?;
    let (s, c) = stage_run_by(&mut tx, stage, user).await?;
    if s.status() != StageStatus::Judging {
        return Err(AppError::invalid_transition());
    }
    let out = close_in(&mut tx, &s, &c, user.id).await?;
    // Every entrant's members learn that the stage's results are in.
    let mut to = vec![];
    for e in &out.entries {
        for m in store::joined_members(&mut tx, e.team_id).await? {
            if let Some(u) = m.user_id {
                to.extend(crate::notify::recipient(&mut tx, u).await?);
            }
        }
    }
    let note = Note::new(NotificationKind::CompetitionStageClosed, format!("/competitions/{}", c.id)).name(
        "title",
        &c.title_zh,
        c.title_en.as_deref(),
    );
    crate::notify::ops::emit(&mut tx, &state.config.site_url(), &to, Some(user.id), &note).await?;
    tx.commit().await?;
    Ok(out)
}

/// Closing itself (also used by the demo data), audited.
pub(crate) async fn close_in(db: &mut Conn, s: &StageRow, c: &CompetitionRow, by: i64) -> AppResult<StageResults> {
    let r = compute(db, s, c).await?;
    if r.scored == 0 {
        return Err(AppError::field("scores", FieldError::Required));
    }
    let lines: Vec<ResultLine> = r
        .entries
        .iter()
        .map(|e| ResultLine {
            team: e.team_id,
            rank: e.rank,
            raw: e.raw,
            normalised: e.normalised,
            advances: e.advances,
        })
        .collect();
    store::put_results(db, s.id, &lines).await?;
    let last = store::stages(db, c.id).await?.last().is_none_or(|l| l.id == s.id);
    if !last {
        for e in r.entries.iter().filter(|e| e.advances) {
            store::set_reached(db, e.team_id, s.position + 1).await?;
        }
    }
    store::set_stage(db, s.id, StageStatus::Closed, true).await?;
    let ranking: Vec<serde_json::Value> = r
        .entries
        .iter()
        .map(|e| serde_json::json!({ "team": e.team_id, "rank": e.rank, "raw": e.raw, "normalised": e.normalised, "advances": e.advances }))
        .collect();
    store::audit(db, c.id, Some(by), "closed", &serde_json::json!({ "stage": s.id, "results": ranking }), now())
        .await?;
    let closed = store::stage(db, s.id).await?.ok_or(AppError::NotFound)?;
    compute(db, &closed, c).await
}

/// Publishes the final results (the last stage closed) as a public notice with an objection window.
pub async fn publish(state: &AppState, user: &SessionUser, competition: i64, p: PublishResults) -> AppResult<i64> {
    let rationale = validate::required_text(&p.rationale, shared::engage::MESSAGE_MAX)
        .map_err(|e| AppError::field("rationale", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Competition, &[competition]).await?;
    let c = run_by(&mut tx, competition, user).await?;
    let last = store::stages(&mut tx, c.id).await?.pop().ok_or(AppError::NotFound)?;
    if last.status() != StageStatus::Closed || store::notice_of(&mut tx, c.id).await?.is_some() {
        return Err(AppError::invalid_transition());
    }
    let at = now();
    let ends = add_working_days(at, state.config.notice_working_days);
    let id = crate::opencall::insert_competition_notice(&mut tx, c.id, &rationale, user.id, at, ends).await?;
    crate::opencall::record(&mut tx, id, "published", Some(user.id), None, at).await?;
    let ranking = store::final_ranking(&mut tx, c.id).await?;
    store::audit(
        &mut tx,
        c.id,
        Some(user.id),
        "published",
        &serde_json::json!({ "notice": id, "placed": ranking.iter().map(|r| r.team_id).collect::<Vec<_>>() }),
        at,
    )
    .await?;
    let note = Note::new(NotificationKind::CompetitionResult, format!("/notices/{id}")).name(
        "title",
        &c.title_zh,
        c.title_en.as_deref(),
    );
    let mut to = vec![];
    for t in store::teams(&mut tx, c.id, None).await? {
        for m in store::joined_members(&mut tx, t.id).await? {
            if let Some(u) = m.user_id {
                to.extend(crate::notify::recipient(&mut tx, u).await?);
            }
        }
    }
    crate::notify::ops::emit(&mut tx, &state.config.site_url(), &to, Some(user.id), &note).await?;
    tx.commit().await?;
    Ok(id)
}

/// A placed team's certificate, once the results notice is final (public).
pub async fn certificate(state: &AppState, team: i64) -> AppResult<Certificate> {
    let mut db = state.db.acquire().await?;
    let t = store::team(&mut db, team).await?.ok_or(AppError::NotFound)?;
    let c = store::competition(&mut db, t.competition_id).await?.ok_or(AppError::NotFound)?;
    let (notice, status) = store::notice_of(&mut db, c.id).await?.ok_or(AppError::NotFound)?;
    if NoticeStatus::parse(&status) != Some(NoticeStatus::Final) {
        return Err(AppError::NotFound);
    }
    let place = store::final_ranking(&mut db, c.id).await?.into_iter().find(|r| r.team_id == team);
    let place = place.ok_or(AppError::NotFound)?;
    let n = crate::opencall::notice(&mut db, notice).await?.ok_or(AppError::NotFound)?;
    let org = crate::orgs::summary(&mut db, c.org_id).await?.ok_or(AppError::NotFound)?;
    let members = store::joined_members(&mut db, team).await?.into_iter().map(|m| m.name.unwrap_or(m.email)).collect();
    Ok(Certificate {
        competition_title_zh: c.title_zh,
        competition_title_en: c.title_en,
        organizer: shared::engage::OrgRef { id: org.id, name_zh: org.name_zh, name_en: org.name_en },
        team_name: t.name,
        members,
        track_zh: place.track_zh,
        track_en: place.track_en,
        rank: place.rank,
        notice_id: notice,
        issued_at: n.window_ends,
    })
}

/// The stage's scores and ranking as a workbook (organizers).
pub async fn workbook(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<Vec<u8>> {
    let mut db = state.db.acquire().await?;
    let (s, c) = stage_run_by(&mut db, stage, user).await?;
    let r = compute(&mut db, &s, &c).await?;
    let tracks: HashMap<i64, String> =
        store::tracks(&mut db, c.id).await?.into_iter().map(|t| (t.id, t.name_zh)).collect();
    let names: HashMap<i64, String> = r.entries.iter().map(|e| (e.team_id, e.team_name.clone())).collect();
    let ranking = XSheet {
        name: "排名 Ranking".into(),
        header: [
            "赛道 Track",
            "名次 Rank",
            "团队 Team",
            "原始分 Raw",
            "标准分 Normalised",
            "评分数 Sheets",
            "晋级 Advances",
        ]
        .map(String::from)
        .to_vec(),
        rows: r
            .entries
            .iter()
            .map(|e| {
                vec![
                    Cell::from(tracks.get(&e.track_id).cloned().unwrap_or_default()),
                    Cell::from(e.rank),
                    Cell::from(e.team_name.clone()),
                    Cell::Number((e.raw * 100.0).round() / 100.0),
                    Cell::Number((e.normalised * 100.0).round() / 100.0),
                    Cell::from(u32::try_from(e.scores.len()).unwrap_or(0)),
                    Cell::from(if e.advances { "是 yes" } else { "" }),
                ]
            })
            .collect(),
    };
    let rubric = c.rubric();
    let mut header: Vec<String> = vec!["团队 Team".into(), "评委 Judge".into()];
    header.extend(rubric.iter().map(|k| format!("{} ({}%, 0–{})", k.name_zh, k.weight, k.scale)));
    header.extend(["加权总分 Total", "评语 Comment"].map(String::from));
    let sheets = store::sheets(&mut db, stage).await?;
    let scores = XSheet {
        name: "评分 Scores".into(),
        header,
        rows: sheets
            .iter()
            .map(|x| {
                let values = x.values();
                let mut row =
                    vec![Cell::from(names.get(&x.team_id).cloned().unwrap_or_default()), Cell::from(x.judge.clone())];
                row.extend(values.iter().map(|v| Cell::from(*v)));
                row.push(Cell::Number((weighted_total(&rubric, &values) * 100.0).round() / 100.0));
                let comments: Vec<String> = x.comments().into_iter().filter(|c| !c.is_empty()).collect();
                row.push(Cell::from([comments.join("；"), x.comment.clone()].join(" ").trim().to_owned()));
                row
            })
            .collect(),
    };
    crate::xlsx::workbook(&[ranking, scores])
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing the workbook: {e}")))
}

/// The audit log of a competition, newest first (organizers).
pub async fn audit(state: &AppState, user: &SessionUser, competition: i64) -> AppResult<Vec<AuditEntry>> {
    let mut db = state.db.acquire().await?;
    run_by(&mut db, competition, user).await?;
    Ok(store::audit_log(&mut db, competition).await?)
}
