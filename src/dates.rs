//! Calendar dates: parsing `YYYY-MM-DD`, adding calendar or business days,
//! weekdays. A small civil-calendar implementation (proleptic
//! Gregorian, days counted from 1970-01-01) is all the handoff and the
//! review-date rule need, so no date-time dependency is pulled in.

use std::fmt;

/// A calendar date with no time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    /// Days since 1970-01-01 (negative before it).
    days: i64,
}

/// Day of the week, Monday first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl CivilDate {
    /// Parse `YYYY-MM-DD`, refusing impossible dates such as `2026-02-29`.
    pub fn parse(text: &str) -> Option<CivilDate> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        CivilDate::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<CivilDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(CivilDate {
            days: days_from_civil(year, month, day),
        })
    }

    /// The date `days` days after 1970-01-01, such as the number of whole
    /// days in a Unix time.
    pub fn from_unix_days(days: i64) -> CivilDate {
        CivilDate { days }
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }

    pub fn add_days(self, days: i64) -> CivilDate {
        CivilDate {
            days: self.days + days,
        }
    }

    /// The date `n` business days (Monday to Friday) after this one. A start
    /// on a weekend counts from the next Monday.
    // FIXME: public holidays are not skipped; the journey has no holiday
    // calendar yet, and the checklist says so.
    pub fn add_business_days(self, n: u32) -> CivilDate {
        let mut date = self;
        let mut left = n;
        while left > 0 {
            date = date.add_days(1);
            if !date.weekday().is_weekend() {
                left -= 1;
            }
        }
        date
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.days + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: CivilDate) -> i64 {
        other.days - self.days
    }

    /// `YYYYMMDD`, as iCalendar writes dates.
    pub fn compact(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}{m:02}{d:02}")
    }
}

impl Weekday {
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse(text).unwrap()
    }

    #[test]
    fn parses_and_prints_round_trip() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-12-31",
            "2028-02-29",
            "1999-12-31",
        ] {
            assert_eq!(d(text).to_string(), text);
        }
    }

    #[test]
    fn refuses_impossible_dates() {
        for text in [
            "2026-02-29",
            "2100-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "26-01-01",
            "2026-1-1",
        ] {
            assert!(CivilDate::parse(text).is_none(), "{text}");
        }
        assert!(CivilDate::parse("2000-02-29").is_some());
    }

    #[test]
    fn adds_days_across_month_ends_and_leap_days() {
        assert_eq!(d("2026-01-31").add_days(1), d("2026-02-01"));
        assert_eq!(d("2028-02-28").add_days(1), d("2028-02-29"));
        assert_eq!(d("2027-02-28").add_days(1), d("2027-03-01"));
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
        assert_eq!(d("2026-12-01").add_days(90), d("2027-03-01"));
    }

    #[test]
    fn knows_weekdays() {
        assert_eq!(d("1970-01-01").weekday(), Weekday::Thursday);
        assert_eq!(d("2026-12-03").weekday(), Weekday::Thursday);
        assert_eq!(d("2028-02-29").weekday(), Weekday::Tuesday);
    }

    #[test]
    fn business_days_skip_weekends() {
        // Friday + 1 business day = Monday.
        assert_eq!(d("2026-12-04").add_business_days(1), d("2026-12-07"));
        // Thursday + 5 business days = next Thursday.
        assert_eq!(d("2026-12-03").add_business_days(5), d("2026-12-10"));
        // A Saturday start counts from Monday.
        assert_eq!(d("2026-12-05").add_business_days(1), d("2026-12-07"));
        // Across a leap day and a month end.
        assert_eq!(d("2028-02-25").add_business_days(3), d("2028-03-01"));
        assert_eq!(d("2026-12-03").add_business_days(0), d("2026-12-03"));
    }
}
