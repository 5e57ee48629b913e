//! Dates written as a code of digits: a news agency's closing code in years of the Republic
//! of China, and a headline that opens with its day (`20130202國家清潔週誓師`).

use std::sync::LazyLock;

use regex::Regex;

use super::{Candidate, WrittenDate};

/// The date code a news agency closes its story with, in years of the Republic of China:
/// 中央社's `…移動戶政事務所。1040922` (民國104年9月22日, 2015-09-22).
pub(super) fn agency_date_code(line: &str) -> Option<Candidate> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[。」”！？]\s*(1[01]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")
            .expect("valid pattern")
    });
    const REPUBLIC_YEAR_ONE: i32 = 1911;
    let caps = CODE.captures(line.trim_end())?;
    let number = |i: usize| caps[i].parse::<u32>().ok();
    Some(Candidate {
        date: WrittenDate {
            year: Some(REPUBLIC_YEAR_ONE + number(1)? as i32),
            month: number(2)?,
            day: number(3)?,
            time: None,
        },
        score: 55,
        how: "a news agency's date code",
    })
}

/// The day a short headline opens with, its digits run together and its words right after
/// them: `20130202國家清潔週誓師`. Below any date the page labels or prints apart.
pub(super) fn headline_date_code(line: &str) -> Option<Candidate> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\p{Han}[^。！？]{1,40}$")
            .expect("valid pattern")
    });
    let caps = CODE.captures(line.trim())?;
    let number = |i: usize| caps[i].parse::<u32>().ok();
    let date = WrittenDate {
        year: Some(number(1)? as i32),
        month: number(2)?,
        day: number(3)?,
        time: None,
    };
    chrono::NaiveDate::from_ymd_opt(date.year?, date.month, date.day)?;
    Some(Candidate {
        date,
        score: 40,
        how: "a headline opening with its day",
    })
}
