//! How each locale writes a date on a government page: the mainland `2022年3月26日`, Taiwan's
//! Republic of China years `111年3月26日`, Hong Kong's `2022年3月26日(星期六)` with 香港時間.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::Tz;
use serde::Deserialize;

use crate::text::script::Script;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateStyle {
    /// `2022年3月26日`, no zero padding.
    Cn,
    /// `111年3月26日`: the year of the Republic of China (year − 1911).
    Roc,
    /// `2022年3月26日(星期六)`, times as `香港時間14:30`.
    Hk,
}

impl DateStyle {
    /// The style a variant's script is read in, unless the site chose another.
    pub fn of_script(script: Script) -> Self {
        match script {
            Script::HantTw => DateStyle::Roc,
            Script::HantHk => DateStyle::Hk,
            Script::Hans | Script::Hant => DateStyle::Cn,
        }
    }

    /// The style's name in configuration and in `strings.yaml`'s `locales`.
    pub fn name(self) -> &'static str {
        match self {
            DateStyle::Cn => "cn",
            DateStyle::Roc => "roc",
            DateStyle::Hk => "hk",
        }
    }

    /// A year as a heading: `2024年`, or `113年` in Republic of China years.
    pub fn year(self, year: i32) -> String {
        match self {
            DateStyle::Roc => format!("{}年", year - 1911),
            DateStyle::Cn | DateStyle::Hk => format!("{year}年"),
        }
    }

    /// A month as a heading: `2024年3月`, `113年3月`.
    pub fn month(self, year: i32, month: u32) -> String {
        format!("{}{month}月", self.year(year))
    }

    /// The day, as this locale writes it.
    pub fn date(self, date: &DateTime<Tz>) -> String {
        let (year, month, day) = (date.year(), date.month(), date.day());
        match self {
            DateStyle::Cn => format!("{year}年{month}月{day}日"),
            DateStyle::Roc => format!("{}年{month}月{day}日", year - 1911),
            DateStyle::Hk => format!(
                "{year}年{month}月{day}日({})",
                WEEKDAYS[date.weekday().num_days_from_monday() as usize]
            ),
        }
    }

    /// The day and, unless it is midnight (a date given without a time), the time.
    pub fn date_time(self, date: &DateTime<Tz>) -> String {
        let day = self.date(date);
        if date.hour() == 0 && date.minute() == 0 {
            return day;
        }
        let time = format!("{:02}:{:02}", date.hour(), date.minute());
        match self {
            DateStyle::Hk => format!("{day} 香港時間{time}"),
            DateStyle::Cn | DateStyle::Roc => format!("{day} {time}"),
        }
    }
}

/// `2022-03-26`, as `%Y-%m-%d` writes it. Lists, item pages and sitemaps write a few for
/// every item; strftime reading its pattern again each time showed in profiles.
pub fn iso_day(date: &impl Datelike) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    match year {
        0..=9999 => format!("{year:04}-{month:02}-{day:02}"),
        _ => format!("{year:+}-{month:02}-{day:02}"),
    }
}

/// `2022-03-26 09:11`, as `%Y-%m-%d %H:%M` writes it.
pub fn iso_minute(date: &(impl Datelike + Timelike)) -> String {
    format!("{} {:02}:{:02}", iso_day(date), date.hour(), date.minute())
}

/// The Gregorian years a text writes as `2020年` (ASCII digits): each year and the byte
/// offset of its digits. Import reads them to date an item; `check` flags them on sites that
/// write 民國 years.
pub fn gregorian_years(text: &str) -> impl Iterator<Item = (i32, usize)> + '_ {
    static YEAR: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[^\d])((?:19|20)\d{2})年").expect("valid pattern")
    });
    YEAR.captures_iter(text).map(|caps| {
        let year = caps.get(1).expect("group");
        (year.as_str().parse().expect("digits"), year.start())
    })
}

const WEEKDAYS: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn each_locale_writes_its_own_date() {
        let tz = chrono_tz::Asia::Shanghai;
        let morning = tz.with_ymd_and_hms(2022, 3, 26, 9, 11, 0).unwrap();
        let midnight = tz.with_ymd_and_hms(2022, 3, 6, 0, 0, 0).unwrap();
        assert_eq!(DateStyle::Cn.date(&morning), "2022年3月26日");
        assert_eq!(DateStyle::Roc.date(&morning), "111年3月26日");
        assert_eq!(DateStyle::Hk.date(&morning), "2022年3月26日(星期六)");
        assert_eq!(DateStyle::Cn.date_time(&morning), "2022年3月26日 09:11");
        assert_eq!(DateStyle::Roc.date_time(&morning), "111年3月26日 09:11");
        assert_eq!(
            DateStyle::Hk.date_time(&morning),
            "2022年3月26日(星期六) 香港時間09:11"
        );
        assert_eq!(DateStyle::Cn.date_time(&midnight), "2022年3月6日");
        assert_eq!(DateStyle::Hk.date_time(&midnight), "2022年3月6日(星期日)");
        assert_eq!(DateStyle::Roc.month(2024, 3), "113年3月");
        assert_eq!(DateStyle::Cn.month(2024, 3), "2024年3月");
    }

    #[test]
    fn iso_dates_are_written_as_strftime_writes_them() {
        let tz = chrono_tz::Asia::Shanghai;
        for (y, m, d, h, min) in [
            (2022, 3, 6, 9, 1),
            (999, 12, 31, 23, 59),
            (10000, 1, 2, 0, 0),
        ] {
            let date = tz.with_ymd_and_hms(y, m, d, h, min, 0).unwrap();
            assert_eq!(iso_day(&date), date.format("%Y-%m-%d").to_string());
            assert_eq!(iso_minute(&date), date.format("%Y-%m-%d %H:%M").to_string());
        }
    }

    #[test]
    fn scripts_choose_styles() {
        assert_eq!(DateStyle::of_script(Script::HantTw), DateStyle::Roc);
        assert_eq!(DateStyle::of_script(Script::HantHk), DateStyle::Hk);
        assert_eq!(DateStyle::of_script(Script::Hant), DateStyle::Cn);
    }
}
