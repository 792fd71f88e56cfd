//! Exports for organizers: the registrations as CSV and Excel, and the event's report.

use super::*;

/// The attendee list, one row per person, for the organizers' exports: the header and the rows.
pub(super) async fn attendee_rows(
    db: &mut Conn,
    id: i64,
    only: Option<&[i64]>,
) -> AppResult<(Vec<String>, Vec<Vec<String>>)> {
    let l = crate::http::locale::current_locale();
    let types = store::ticket_types(db, id).await?;
    let seen = store::checkins_of(db, id).await?;
    let header = [
        Msg::CsvRegistration,
        Msg::CsvAttendee,
        Msg::CsvRegistrant,
        Msg::TicketName,
        Msg::CsvStatus,
        Msg::CsvRegisteredAt,
        Msg::CheckinOrg,
        Msg::CheckinFirstAt,
    ]
    .map(|m| m.t(l).to_owned())
    .to_vec();
    let questions = store::questions(db, id).await?;
    let answers = store::answers(db, id, None).await?;
    let mut header = header;
    header.extend(questions.iter().map(|q| match l {
        shared::Locale::En => q.label_en.clone().unwrap_or_else(|| q.label_zh.clone()),
        shared::Locale::ZhCn => q.label_zh.clone(),
    }));
    let mut rows = vec![];
    for r in store::registrations(db, id, None).await?.into_iter().filter(|r| only.is_none_or(|o| o.contains(&r.id))) {
        let answered: Vec<String> = questions
            .iter()
            .map(|q| {
                answers
                    .iter()
                    .find(|(reg, a)| *reg == r.id && a.question == q.id)
                    .map(|(_, a)| q.answer_text(&a.value, l))
                    .unwrap_or_default()
            })
            .collect();
        let ticket =
            types.iter().find(|(t, _)| *t == r.ticket_type).map(|(_, t)| t.name_zh.clone()).unwrap_or_default();
        for (i, person) in r.people.iter().enumerate() {
            let checked_in =
                seen.iter().find(|c| c.ticket == TicketRef { registration: r.id, person: i as u32 }).map(|c| c.at);
            let mut row = vec![
                r.id.to_string(),
                person.clone(),
                r.user_name.clone(),
                ticket.clone(),
                r.status.msg().t(l).to_owned(),
                crate::common::china::minute(r.created_at),
                r.org_name.clone().unwrap_or_default(),
                checked_in.map(crate::common::china::minute).unwrap_or_default(),
            ];
            row.extend(answered.iter().cloned());
            rows.push(row);
        }
    }
    Ok((header, rows))
}

/// The attendee list as CSV (organizers only): one row per attendee, with the registrant, ticket
/// type, status and check-in; a UTF-8 byte-order mark so spreadsheet apps read the Chinese names.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn registrations_csv(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    selection: shared::events::ExportSelection,
) -> AppResult<String> {
    let only = selection.ids()?;
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    let (header, rows) = attendee_rows(&mut db, id, only.as_deref()).await?;
    let mut out = String::from("\u{feff}");
    for row in std::iter::once(&header).chain(&rows) {
        out.push_str(&row.iter().map(|f| crate::xlsx::csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

/// The organizers' figures: by status, ticket type, organization kind, domain and district, per
/// day, and the check-in rate.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn report(state: &AppState, user: &SessionUser, id: i64) -> AppResult<EventReport> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    report_of(&mut db, id).await
}

pub(super) async fn report_of(db: &mut Conn, id: i64) -> AppResult<EventReport> {
    let china = shared::CHINA;
    Ok(EventReport {
        by_status: store::people_by_status(db, id).await?,
        by_ticket_type: store::people_by_ticket_type(db, id).await?,
        by_org_kind: store::people_by_org(db, id, store::OrgColumn::Kind).await?,
        by_domain: store::people_by_domain(db, id).await?,
        by_district: store::people_by_org(db, id, store::OrgColumn::District).await?,
        by_day: per_day(&store::registered_at(db, id).await?, china),
        checkin: store::checkin_counts(db, id).await?,
    })
}

/// The attendee list and the figures as an Excel workbook (organizers only): sheet one lists every
/// attendee, sheet two the breakdowns with labels in the caller's language.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn registrations_xlsx(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<u8>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    let l = crate::http::locale::current_locale();
    let (header, rows) = attendee_rows(&mut db, id, None).await?;
    let report = report_of(&mut db, id).await?;
    let tax = crate::taxonomy::load(&mut db).await?;
    let types = store::ticket_types(&mut db, id).await?;
    let mut figures: Vec<Vec<Cell>> = vec![];
    let mut section = |title: Msg, list: &[CountRow], label: &dyn Fn(&str) -> String| {
        for row in list {
            figures.push(vec![title.t(l).into(), label(&row.key).into(), row.people.into()]);
        }
    };
    let none = Msg::ReportNone.t(l);
    section(Msg::CsvStatus, &report.by_status, &|k| {
        RegistrationStatus::parse(k).map_or(k.to_owned(), |s| s.msg().t(l).to_owned())
    });
    section(Msg::TicketName, &report.by_ticket_type, &|k| {
        types.iter().find(|(t, _)| t.to_string() == k).map_or(k.to_owned(), |(_, t)| t.name_zh.clone())
    });
    section(Msg::OrgKind, &report.by_org_kind, &|k| {
        OrgKind::parse(k).map_or(none.to_owned(), |o| o.msg().t(l).to_owned())
    });
    section(Msg::OrgDomains, &report.by_domain, &|k| tax.label(TermKind::Domain, k, l).to_owned());
    section(Msg::OrgDistrict, &report.by_district, &|k| {
        if k.is_empty() { none.to_owned() } else { tax.label(TermKind::District, k, l).to_owned() }
    });
    section(Msg::ReportPerDay, &report.by_day, &|k| k.to_owned());
    let c = report.checkin;
    figures.push(vec![
        Msg::ReportCheckinRate.t(l).into(),
        format!("{} / {}", c.checked_in, c.expected).into(),
        c.rate_percent().into(),
    ]);
    let sheets = [
        Sheet {
            name: Msg::RegistrationsTitle.t(l).to_owned(),
            header,
            rows: rows.into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect(),
        },
        Sheet {
            name: Msg::ReportTitle.t(l).to_owned(),
            header: [Msg::ReportSection, Msg::ReportItem, Msg::ReportPeople].map(|m| m.t(l).to_owned()).to_vec(),
            rows: figures,
        },
    ];
    crate::xlsx::workbook(&sheets).map_err(|e| AppError::Internal(anyhow::anyhow!("writing the workbook: {e}")))
}
