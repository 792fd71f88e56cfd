//! Helpers that belong to no capability: hexadecimal digests, the China calendar, the clock, and
//! the small deterministic generator the demo data, tests and benchmarks share.

pub mod clock;
pub mod rng;

/// Lower-case hexadecimal of `bytes` (tokens, digests).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The China calendar (UTC+8): what "today" and "this year" mean on the platform.
pub mod china {
    use time::{Date, OffsetDateTime};

    /// The instant in China time.
    pub fn time(at: OffsetDateTime) -> OffsetDateTime {
        at.to_offset(shared::CHINA)
    }

    /// The day an instant falls on in China.
    pub fn day(at: OffsetDateTime) -> Date {
        time(at).date()
    }

    /// `YYYY-MM-DD HH:MM` in China time, as exports and spreadsheets show a moment.
    pub fn minute(at: OffsetDateTime) -> String {
        let t = time(at);
        format!("{:04}-{:02}-{:02} {:02}:{:02}", t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute())
    }

    /// Today in China.
    pub fn today() -> Date {
        day(crate::db::now())
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    #[test]
    fn hex_is_two_lower_case_digits_a_byte_and_the_china_day_turns_at_16_utc() {
        assert_eq!(super::hex(&[0, 15, 255]), "000fff");
        assert_eq!(super::china::day(datetime!(2026-12-05 15:59 UTC)), date!(2026 - 12 - 05));
        assert_eq!(super::china::day(datetime!(2026-12-05 16:00 UTC)), date!(2026 - 12 - 06));
    }
}
