//! Dates (DOB, DOW, DOT, DRI, …): entered as `ccyymmdd` or `mmddyy`, kept as a calendar date,
//! rendered as `ccyymmdd`. No field date may lie after today or before 1900.

use std::fmt;

use time::{Date, Month};

use super::shape::{all_digits, normalized};
use crate::error::{Edit, FieldError};

/// A calendar date of a message field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldDate(Date);

fn number(text: &str) -> Option<u32> {
    text.parse().ok()
}

fn slice_number(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    text.get(range).and_then(number)
}

/// An ISO 8601 calendar date (`1980-01-15`) as `ccyymmdd` (`19800115`); `None` for any other
/// text. JSON callers may write dates either way; formatted messages keep `ccyymmdd`.
pub fn iso_date_as_ccyymmdd(raw: &str) -> Option<String> {
    let text = raw.trim();
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    shaped.then(|| text.replace('-', ""))
}

impl FieldDate {
    /// Parses a date of a JSON form: ISO 8601 (`1980-01-15`) or as [`FieldDate::parse`].
    pub fn parse_json(tag: &'static str, raw: &str, today: Date) -> Result<FieldDate, FieldError> {
        match iso_date_as_ccyymmdd(raw) {
            // An error echoes the date as it was written.
            Some(digits) => FieldDate::parse(tag, &digits, today)
                .map_err(|e| FieldError::new(tag, raw, e.edit())),
            None => FieldDate::parse(tag, raw, today),
        }
    }

    /// Parses `ccyymmdd` or `mmddyy` for the field `tag`. A two-digit year is read as the most
    /// recent year ending in those digits that is not after `today`.
    pub fn parse(tag: &'static str, raw: &str, today: Date) -> Result<FieldDate, FieldError> {
        let value = normalized(tag, raw, 6, 8)?;
        if !all_digits(&value) {
            return Err(FieldError::new(tag, raw, Edit::InvalidDate));
        }
        let shape = || FieldError::new(tag, raw, Edit::Format("MUST BE CCYYMMDD OR MMDDYY"));
        let (year, month, day, two_digit_year) = match value.len() {
            8 => (
                slice_number(&value, 0..4),
                slice_number(&value, 4..6),
                slice_number(&value, 6..8),
                false,
            ),
            6 => (
                slice_number(&value, 4..6),
                slice_number(&value, 0..2),
                slice_number(&value, 2..4),
                true,
            ),
            _ => return Err(shape()),
        };
        let (Some(year), Some(month), Some(day)) = (year, month, day) else {
            return Err(shape());
        };
        let calendar = |year: i32| {
            u8::try_from(month)
                .ok()
                .and_then(|m| Month::try_from(m).ok())
                .zip(u8::try_from(day).ok())
                .and_then(|(m, d)| Date::from_calendar_date(year, m, d).ok())
        };
        let year = i32::try_from(year).map_err(|_| shape())?;
        let (year, date) = if two_digit_year {
            // The most recent date with these digits that is not after today.
            let century = today.year() - today.year().rem_euclid(100);
            match calendar(century + year) {
                Some(date) if date <= today => (century + year, Some(date)),
                _ => (century - 100 + year, calendar(century - 100 + year)),
            }
        } else {
            (year, calendar(year))
        };
        let date = date.ok_or_else(|| FieldError::new(tag, raw, Edit::InvalidDate))?;
        if year < 1900 {
            return Err(FieldError::new(tag, raw, Edit::DateTooEarly));
        }
        if date > today {
            return Err(FieldError::new(tag, raw, Edit::FutureDate));
        }
        Ok(FieldDate(date))
    }

    /// Wraps a calendar date (for dates the system itself assigns).
    pub fn from_date(date: Date) -> FieldDate {
        FieldDate(date)
    }

    /// The calendar date.
    pub fn date(self) -> Date {
        self.0
    }

    /// `ccyymmdd` as a number, the form dates are indexed by.
    pub fn as_number(self) -> i64 {
        i64::from(self.0.year()) * 10_000
            + i64::from(u8::from(self.0.month())) * 100
            + i64::from(self.0.day())
    }
}

impl fmt::Display for FieldDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}{:02}{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

/// A time of day `hhmm` (TRI, ours: the time information was received).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// Parses `hhmm` (24-hour clock).
    pub fn parse(tag: &'static str, raw: &str) -> Result<TimeOfDay, FieldError> {
        let value = normalized(tag, raw, 4, 4)?;
        let parsed = all_digits(&value)
            .then(|| {
                value
                    .get(0..2)
                    .and_then(number)
                    .zip(value.get(2..4).and_then(number))
            })
            .flatten()
            .filter(|(h, m)| *h < 24 && *m < 60);
        match parsed {
            Some((h, m)) => Ok(TimeOfDay(u16::try_from(h * 100 + m).unwrap_or_default())),
            None => Err(FieldError::new(tag, raw, Edit::Format("MUST BE HHMM"))),
        }
    }
}

impl TimeOfDay {
    /// Minutes since midnight.
    pub fn minutes_of_day(self) -> u16 {
        (self.0 / 100) * 60 + self.0 % 100
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

impl serde::Serialize for FieldDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for FieldDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<FieldDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        FieldDate::parse_json("DATE", &text, Date::MAX).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::from_calendar_date(2026, Month::November, 21).unwrap()
    }

    fn dob(raw: &str) -> Result<FieldDate, FieldError> {
        FieldDate::parse("DOB", raw, today())
    }

    #[test]
    fn json_dates_may_be_iso_8601_and_text_keeps_ccyymmdd() {
        let json = |raw| FieldDate::parse_json("DOB", raw, today());
        assert_eq!(json("1980-01-15").unwrap().to_string(), "19800115");
        assert_eq!(json("19800115").unwrap().to_string(), "19800115");
        assert_eq!(
            json("1980-02-30").unwrap_err().to_string(),
            "DOB/1980-02-30 INVALID DATE"
        );
        assert!(dob("1980-01-15").is_err(), "formatted text keeps ccyymmdd");
        assert_eq!(iso_date_as_ccyymmdd("1980-1-15"), None);
        assert_eq!(iso_date_as_ccyymmdd("1980-01-15T10:00"), None);
    }

    #[test]
    fn both_input_forms_give_the_same_date() {
        assert_eq!(dob("19800115").unwrap().to_string(), "19800115");
        assert_eq!(dob("011580").unwrap().to_string(), "19800115");
        assert_eq!(dob("011520").unwrap().to_string(), "20200115");
        assert_eq!(dob("112126").unwrap().to_string(), "20261121");
        assert_eq!(dob("112226").unwrap().to_string(), "19261122");
        assert_eq!(dob("19800115").unwrap().as_number(), 19_800_115);
    }

    #[test]
    fn impossible_dates_are_invalid_dates() {
        assert_eq!(
            dob("19991340").unwrap_err().to_string(),
            "DOB/19991340 INVALID DATE"
        );
        assert_eq!(
            dob("19990230").unwrap_err().to_string(),
            "DOB/19990230 INVALID DATE"
        );
        assert_eq!(dob("20230229").unwrap_err().edit(), Edit::InvalidDate);
        assert_eq!(dob("20240229").unwrap().to_string(), "20240229");
        assert_eq!(dob("1999O101").unwrap_err().edit(), Edit::InvalidDate);
        assert_eq!(
            dob("1999011").unwrap_err().edit(),
            Edit::Format("MUST BE CCYYMMDD OR MMDDYY")
        );
        assert_eq!(dob("").unwrap_err().to_string(), "DOB/ MISSING DATA");
    }

    #[test]
    fn future_and_ancient_dates_are_refused() {
        assert_eq!(
            dob("20261122").unwrap_err().to_string(),
            "DOB/20261122 DATE IN FUTURE"
        );
        assert_eq!(
            dob("18991231").unwrap_err().to_string(),
            "DOB/18991231 DATE BEFORE 1900"
        );
        assert!(dob("20261121").is_ok());
    }

    #[test]
    fn times_of_day_are_hhmm() {
        assert_eq!(TimeOfDay::parse("TRI", "0905").unwrap().to_string(), "0905");
        assert!(TimeOfDay::parse("TRI", "2400").is_err());
        assert!(TimeOfDay::parse("TRI", "1260").is_err());
        assert!(TimeOfDay::parse("TRI", "9:05").is_err());
    }
}
