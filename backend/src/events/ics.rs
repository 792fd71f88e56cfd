//! iCalendar (RFC 5545) files for events: what a calendar app imports from a download.

use shared::events::Event;
use time::OffsetDateTime;

/// `20990401T010000Z`.
fn stamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped; every line
/// break — CRLF, a lone LF or a lone CR — becomes `\n`; other control characters (which the TEXT
/// grammar does not allow, and a lone CR would end the content line) are dropped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: no control characters or spaces can end the line or start a property.
fn uri(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect()
}

/// Folds a content line at 75 octets (never inside a UTF-8 character), continuation lines
/// starting with a space, each ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// One calendar entry (a VEVENT).
pub struct Entry {
    /// Unique and stable: a calendar app replaces the entry it imported before.
    pub uid: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub url: String,
}

/// A VCALENDAR with the entries.
pub fn calendar(entries: &[Entry], now: OffsetDateTime) -> String {
    let mut out = String::new();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//FutureMatch//Events//ZH".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
    ];
    for e in entries {
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}@futurematch", uri(&e.uid)),
            format!("DTSTAMP:{}", stamp(now)),
            format!("DTSTART:{}", stamp(e.starts_at)),
            format!("DTEND:{}", stamp(e.ends_at)),
            format!("SUMMARY:{}", text(&e.summary)),
            format!("DESCRIPTION:{}", text(&e.description)),
            format!("LOCATION:{}", text(&e.location)),
            format!("URL:{}", uri(&e.url)),
            "END:VEVENT".to_owned(),
        ]);
    }
    lines.push("END:VCALENDAR".to_owned());
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// The event as one entry, linking back to `url`.
pub fn event(e: &Event, url: &str, now: OffsetDateTime) -> String {
    let entry = Entry {
        uid: format!("event-{}", e.id),
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        summary: e.title_zh.clone(),
        description: e.description_zh.clone(),
        location: e.venue.clone().or_else(|| e.online_url.clone()).unwrap_or_default(),
        url: url.to_owned(),
    };
    calendar(&[entry], now)
}

/// An `.ics` download response.
pub fn response(body: String, filename: &str) -> axum::response::Response {
    crate::http::download(body, "text/calendar; charset=utf-8", filename)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn sample() -> Event {
        Event {
            id: 7,
            org_id: 1,
            org_name_zh: "促进中心".into(),
            org_name_en: None,
            title_zh: "未来产业论坛;第一场, 开幕".into(),
            title_en: None,
            description_zh: "第一行\n".to_owned() + &"很长的说明".repeat(20),
            description_en: None,
            event_type: shared::events::EventType::Forum,
            venue: Some("杭州国际博览中心".into()),
            online_url: None,
            starts_at: datetime!(2099-04-01 09:00 +8),
            ends_at: datetime!(2099-04-01 17:00 +8),
            domains: vec![],
            capacity: 100,
            invitation_only: false,
            verified_email_required: true,
            published: true,
            staff_invitation: None,
            registered: 0,
            ticket_types: vec![],
            mine: false,
            can_check_in: false,
            registration_opens_at: None,
            registration_closes_at: None,
            cover_url: None,
        }
    }

    /// Every content line of `ics`, unfolded: (property name, value).
    fn properties(ics: &str) -> Vec<(String, String)> {
        assert!(!ics.replace("\r\n", "").contains(['\r', '\n']), "a bare CR or LF in {ics:?}");
        ics.split("\r\n")
            .fold(Vec::<String>::new(), |mut lines, l| {
                match (l.strip_prefix(' '), lines.last_mut()) {
                    (Some(rest), Some(last)) => last.push_str(rest),
                    _ => lines.push(l.to_owned()),
                }
                lines
            })
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (k, v) = l.split_once(':').unwrap_or((&l, ""));
                (k.to_owned(), v.to_owned())
            })
            .collect()
    }

    #[test]
    fn hostile_text_cannot_start_a_property_or_a_component() {
        let mut e = sample();
        e.title_zh = "论坛\rBEGIN:VALARM\rTRIGGER:-PT5M\rEND:VALARM".into();
        e.description_zh = "a\r\nATTENDEE:mailto:x@evil.example\nb\u{0}c\u{b}d;,\\".into();
        e.venue = Some("会场\r\nURL:https://evil.example".into());
        let ics = event(&e, "https://fm.example/events/7\r\nX:1", datetime!(2099-01-01 00:00 UTC));
        let props = properties(&ics);
        let names: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "BEGIN",
                "VERSION",
                "PRODID",
                "CALSCALE",
                "BEGIN",
                "UID",
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "DESCRIPTION",
                "LOCATION",
                "URL",
                "END",
                "END"
            ],
            "{ics}"
        );
        let get = |k: &str| props.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap();
        assert_eq!(get("SUMMARY"), "论坛\\nBEGIN:VALARM\\nTRIGGER:-PT5M\\nEND:VALARM");
        assert_eq!(get("DESCRIPTION"), "a\\nATTENDEE:mailto:x@evil.example\\nbcd\\;\\,\\\\");
        assert_eq!(get("LOCATION"), "会场\\nURL:https://evil.example");
        assert_eq!(get("URL"), "https://fm.example/events/7X:1");
    }

    #[test]
    fn the_calendar_file_has_utc_times_escaped_text_and_folded_crlf_lines() {
        let ics = event(&sample(), "https://fm.example/events/7", datetime!(2099-01-01 00:00 UTC));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART:20990401T010000Z\r\n"), "China time to UTC");
        assert!(ics.contains("DTEND:20990401T090000Z\r\n"));
        assert!(ics.contains("SUMMARY:未来产业论坛\\;第一场\\, 开幕\r\n"), "{ics}");
        assert!(ics.contains("DESCRIPTION:第一行\\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "folded: {line:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&"很长的说明".repeat(20)), "folding loses nothing");
    }
}
