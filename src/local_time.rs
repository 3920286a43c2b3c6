//! Times from the API (RFC 3339, UTC) as a Vietnamese citizen reads them: `dd/mm/yyyy HH:MM`
//! in the device's time zone.
//!
//! The browser's `Date` reads the text and knows the time zone, so the wasm carries no date
//! library; the formatting itself is plain code, tested here.

/// A moment split into the fields a citizen reads, in local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    /// 1–31.
    pub day: u32,
    /// 1–12.
    pub month: u32,
    pub year: u32,
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
}

impl LocalTime {
    /// `24/11/2026 09:05`.
    pub fn date_time(self) -> String {
        format!("{} {}", self.date(), self.clock())
    }

    /// `24/11/2026`.
    pub fn date(self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    /// `09:05`.
    pub fn clock(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// Reads an RFC 3339 time in the browser's time zone; `None` if the browser cannot read it.
pub fn parse(rfc3339: &str) -> Option<LocalTime> {
    from_date(&js_sys::Date::new(&wasm_bindgen::JsValue::from_str(
        rfc3339,
    )))
}

/// The local time `ms` milliseconds since the epoch (`Date.now()` and friends).
pub fn from_epoch_ms(ms: f64) -> Option<LocalTime> {
    from_date(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)))
}

fn from_date(date: &js_sys::Date) -> Option<LocalTime> {
    // An unreadable text gives an "Invalid Date", whose time is NaN.
    if date.get_time().is_nan() {
        return None;
    }
    Some(LocalTime {
        day: date.get_date(),
        month: date.get_month() + 1,
        year: date.get_full_year(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    })
}

/// `dd/mm/yyyy HH:MM` for an API time, or the text as sent if the browser cannot read it
/// (better a raw time than none).
pub fn format_api_time(rfc3339: &str) -> String {
    parse(rfc3339).map_or_else(|| rfc3339.to_owned(), LocalTime::date_time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_day_first_with_leading_zeros() {
        let time = LocalTime {
            day: 4,
            month: 3,
            year: 2026,
            hour: 9,
            minute: 5,
        };
        assert_eq!(time.date_time(), "04/03/2026 09:05");
        assert_eq!(time.clock(), "09:05");
    }

    #[test]
    fn the_afternoon_is_on_a_24_hour_clock() {
        let time = LocalTime {
            day: 24,
            month: 11,
            year: 2026,
            hour: 17,
            minute: 45,
        };
        assert_eq!(time.date_time(), "24/11/2026 17:45");
    }
}
