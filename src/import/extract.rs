//! What an editor reads off a scraped bulletin before filing it: the date in any of the forms
//! offices write it, the correspondent in the lead, a title when the page had none.

use std::sync::LazyLock;

use regex::Regex;

mod lead;
pub use lead::{headline_from_lead, lead_credit};

/// A date as written: the year may be missing (`4月21日上午`), the time usually is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    pub time: Option<(u32, u32)>,
}

impl WrittenDate {
    /// `2022-03-26` or `2022-03-26 09:11`, for front matter, once the year is known.
    pub fn front_matter(&self, year: i32) -> String {
        match self.time {
            Some((hour, minute)) => format!(
                "{year:04}-{:02}-{:02} {hour:02}:{minute:02}",
                self.month, self.day
            ),
            None => format!("{year:04}-{:02}-{:02}", self.month, self.day),
        }
    }

    fn is_valid(&self) -> bool {
        let year = self.year.unwrap_or(2000);
        chrono::NaiveDate::from_ymd_opt(year, self.month, self.day).is_some()
            && self.time.is_none_or(|(h, m)| h < 24 && m < 60)
    }
}

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?:中華民國|中华民国|民國|民国)\s*)?
        (?P<year>\d{2,4}|[〇零○ＯOО一二三四五六七八九]{4})
        \s*(?P<sep>[-/.年])\s*(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2}|元)\s*[-/.月]\s*
        (?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})(?:日|號|号)?
        (?:\s*(?:[（(][^）)]{1,4}[）)])?\s*(?:上午|下午|晚上)?\s*
           (?P<hour>\d{1,2})[:：](?P<minute>\d{2})(?:[:：]\d{2})?)?",
    )
    .expect("valid pattern")
});

/// A date written day first, as aggregators and Hong Kong pages do: `16.12.2015 18:25`,
/// `08/03/2024`.
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\d./])(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?(?:[^\d]|$)",
    )
    .expect("valid pattern")
});

/// A date written month first with the year after a comma, as WordPress writes it in Chinese:
/// `星期二, 1月 31, 2023`.
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(?P<month>\d{1,2})月\s*(?P<day>\d{1,2}),\s*(?P<year>\d{4})(?:[^\d]|$)")
        .expect("valid pattern")
});

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2}|元)月(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})日")
        .expect("valid pattern")
});

/// The first date written in `text`, with where it starts and ends (byte offsets).
pub fn find_date(text: &str) -> Option<(WrittenDate, std::ops::Range<usize>)> {
    let text_ascii = ascii_digits(text);
    // Full-width digits are replaced one for one, so offsets differ: search the ASCII copy
    // and map back by character count.
    let map_back = |at: usize| {
        let chars = text_ascii[..at].chars().count();
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i)
    };
    let full = FULL_DATE.captures_iter(&text_ascii).find_map(|caps| {
        // Three digits are a Republic of China year (`111-03-26`); two only with 年, as
        // `22-03-26` could be anything.
        let year = &caps["year"];
        if year.len() == 2 && &caps["sep"] != "年" {
            return None;
        }
        let year = parse_year(year)?;
        let date = WrittenDate {
            year: Some(year),
            month: chinese_number(&caps["month"])?,
            day: chinese_number(&caps["day"])?,
            time: caps
                .name("hour")
                .zip(caps.name("minute"))
                .and_then(|(h, m)| Some((h.as_str().parse().ok()?, m.as_str().parse().ok()?))),
        };
        let range = caps.get(0).expect("whole match").range();
        date.is_valid().then_some((date, range))
    });
    let day_first = [&*DAY_FIRST, &*MONTH_FIRST]
        .into_iter()
        .filter_map(|re| numbers_first(re, &text_ascii))
        .min_by_key(|(_, range)| range.start);
    // Of a year-first and a day-first date, the one written first.
    let full = match (full, day_first) {
        (Some(a), Some(b)) => Some(if b.1.start < a.1.start { b } else { a }),
        (a, b) => a.or(b),
    };
    let month_day = MONTH_DAY.captures_iter(&text_ascii).find_map(|caps| {
        let date = WrittenDate {
            year: None,
            month: chinese_number(&caps["month"])?,
            day: chinese_number(&caps["day"])?,
            time: None,
        };
        let range = caps.get(0).expect("whole match").range();
        date.is_valid().then_some((date, range))
    });
    let (date, range) = match (full, month_day) {
        (Some(full), Some(md)) if md.1.start < full.1.start => md,
        (Some(full), _) => full,
        (None, md) => md?,
    };
    Some((date, map_back(range.start)..map_back(range.end)))
}

/// The first date `re` finds written in numbers with its year last, day or month first
/// (`16.12.2015`, `1月 31, 2023`), if it is a real date of the last two centuries.
fn numbers_first(re: &Regex, text: &str) -> Option<(WrittenDate, std::ops::Range<usize>)> {
    re.captures_iter(text).find_map(|caps| {
        let date = WrittenDate {
            year: Some(caps["year"].parse().ok()?),
            month: caps["month"].parse().ok()?,
            day: caps["day"].parse().ok()?,
            time: caps
                .name("hour")
                .zip(caps.name("minute"))
                .and_then(|(h, m)| Some((h.as_str().parse().ok()?, m.as_str().parse().ok()?))),
        };
        let (day, month) = (caps.name("day")?, caps.name("month")?);
        let last = caps.name("minute").or(caps.name("year"))?;
        let range = day.start().min(month.start())..last.end();
        (date.is_valid() && (1900..=2100).contains(&date.year?)).then_some((date, range))
    })
}

/// The whole of `text` (spaces aside) is one date, as on a dateline of its own.
pub fn whole_date(text: &str) -> Option<WrittenDate> {
    let trimmed = text.trim();
    let (date, range) = find_date(trimmed)?;
    // A news service may print the time first, `15:06 2017/09/03`.
    static TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$").expect("valid pattern"));
    let before = trimmed[..range.start].trim();
    let before = if TIME.is_match(before) { "" } else { before };
    let rest = format!("{before}{}", &trimmed[range.end..]);
    rest.trim_matches(|c: char| {
        c.is_whitespace() || "()（）星期一二三四五六日天上午下午".contains(c)
    })
    .is_empty()
    .then_some(date)
}

/// A year: four digits, four Chinese numerals (`二〇〇九`, typed with a letter O for 〇 in
/// `二OO八`), or a Republic of China year (`111年`, year 1 being 1912).
fn parse_year(written: &str) -> Option<i32> {
    if written.chars().all(|c| c.is_ascii_digit()) {
        let year: i32 = written.parse().ok()?;
        return match written.len() {
            4 if (1900..=2100).contains(&year) => Some(year),
            2 | 3 if (1..=200).contains(&year) => Some(year + 1911),
            _ => None,
        };
    }
    let digits: String = written
        .chars()
        .map(|c| match c {
            '〇' | '零' | '○' | 'Ｏ' | 'O' | 'О' => Some('0'),
            c => chinese_digit(c).and_then(|d| char::from_digit(d, 10)),
        })
        .collect::<Option<String>>()?;
    parse_year(&digits)
}

/// `12`, `十二`, `二十一`, `三十`; `元`, as in `元月` (January).
fn chinese_number(written: &str) -> Option<u32> {
    if let Ok(n) = written.parse() {
        return Some(n);
    }
    let chars: Vec<char> = written.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['元'] => Some(1),
        [d] => chinese_digit(*d),
        ['十', d] => Some(10 + chinese_digit(*d)?),
        [t, '十'] => Some(10 * chinese_digit(*t)?),
        [t, '十', d] => Some(10 * chinese_digit(*t)? + chinese_digit(*d)?),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|d| d as u32)
}

/// `text` with full-width digits as ASCII and a year in brackets (`今(113)年4月19日`, as
/// Taiwan's offices write this year's) unbracketed, one character for one, so that offsets
/// map back by count.
fn ascii_digits(text: &str) -> String {
    static BRACKETED_YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[（(](\d{2,4})[）)]\s*年").expect("valid pattern"));
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).expect("digit"),
            c => c,
        })
        .collect();
    if !ascii.contains(['(', '（']) {
        return ascii;
    }
    BRACKETED_YEAR
        .replace_all(&ascii, |caps: &regex::Captures| {
            caps[0]
                .replacen(['(', '（'], " ", 1)
                .replacen([')', '）'], " ", 1)
        })
        .into_owned()
}

/// The year a text mentions most (`2020年`), for a date written without one.
pub fn most_mentioned_year(text: &str, republic_years: bool) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for (year, _) in crate::text::dates::gregorian_years(&ascii_digits(text)) {
        match counts.iter_mut().find(|(y, _)| *y == year) {
            Some((_, n)) => *n += 1,
            None => counts.push((year, 1)),
        }
    }
    // A Taiwan page names its years in the Republic of China's count (`102年度`); only
    // where it names no Gregorian one, as `100年` elsewhere is a span of years.
    if counts.is_empty() && republic_years {
        static ROC_YEAR: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?:^|[^\d])(\d{2,3})\s*年").expect("valid pattern"));
        for caps in ROC_YEAR.captures_iter(&ascii_digits(text)) {
            let Ok(roc) = caps[1].parse::<i32>() else {
                continue;
            };
            if !(60..=130).contains(&roc) {
                continue;
            }
            match counts.iter_mut().find(|(y, _)| *y == roc + 1911) {
                Some((_, n)) => *n += 1,
                None => counts.push((roc + 1911, 1)),
            }
        }
    }
    // Most mentions first; among equals, the first mentioned.
    counts
        .iter()
        .copied()
        .max_by(|a, b| a.1.cmp(&b.1).then(std::cmp::Ordering::Greater))
        .map(|(year, _)| year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: Option<i32>, month: u32, day: u32, time: Option<(u32, u32)>) -> WrittenDate {
        WrittenDate {
            year,
            month,
            day,
            time,
        }
    }

    #[test]
    fn dates_in_the_forms_offices_write_them() {
        let cases = [
            ("二〇〇九年八月十二日", date(Some(2009), 8, 12, None)),
            ("二○二二年十二月三十一日", date(Some(2022), 12, 31, None)),
            ("二〇一一年元月十八日", date(Some(2011), 1, 18, None)),
            ("二OO八年一月七日", date(Some(2008), 1, 7, None)),
            (
                "2022-03-26 09:11:00",
                date(Some(2022), 3, 26, Some((9, 11))),
            ),
            ("2022年3月26日", date(Some(2022), 3, 26, None)),
            ("２０２２年３月２６日", date(Some(2022), 3, 26, None)),
            ("2022/3/26", date(Some(2022), 3, 26, None)),
            ("2022.03.26", date(Some(2022), 3, 26, None)),
            ("民國111年3月26日", date(Some(2022), 3, 26, None)),
            ("111年3月26日", date(Some(2022), 3, 26, None)),
            ("111-03-26", date(Some(2022), 3, 26, None)),
            ("111/3/26", date(Some(2022), 3, 26, None)),
            (
                "2022年3月26日(星期六) 14:30",
                date(Some(2022), 3, 26, Some((14, 30))),
            ),
            ("4月21日上午", date(None, 4, 21, None)),
            ("16.12.2015 18:25", date(Some(2015), 12, 16, Some((18, 25)))),
            ("08/03/2024", date(Some(2024), 3, 8, None)),
            ("1月 31, 2023", date(Some(2023), 1, 31, None)),
        ];
        for (text, expected) in cases {
            assert_eq!(find_date(text).map(|(d, _)| d), Some(expected), "{text}");
            assert_eq!(whole_date(text), Some(expected), "{text}");
        }
        // A news service's time before its date.
        assert_eq!(
            whole_date("15:06 2017/09/03"),
            Some(date(Some(2017), 9, 3, None))
        );
    }

    #[test]
    fn a_republic_year_in_brackets_or_after_the_republics_name() {
        let started = find_date("相關工程自去(114)年12月24日正式啟動").map(|(d, _)| d);
        assert_eq!(started, Some(date(Some(2025), 12, 24, None)));
        let fullwidth = find_date("今（１１３）年4月19日").map(|(d, _)| d);
        assert_eq!(fullwidth, Some(date(Some(2024), 4, 19, None)));
        // The label before the date must stay next to it: the whole name is part of the date.
        let line = "公告時間：中華民國109年06月26日 12:48";
        let (found, range) = find_date(line).expect("a date");
        assert_eq!(found, date(Some(2020), 6, 26, Some((12, 48))));
        assert_eq!(&line[..range.start], "公告時間：");
    }

    #[test]
    fn not_dates() {
        for text in [
            "2022-13-40",
            "第2020號文件",
            "113個社區",
            "二月三十日",
            "3.5%",
        ] {
            assert_eq!(find_date(text), None, "{text}");
        }
        // A date inside a sentence is found, but the sentence is not a dateline.
        let sentence = "4月21日上午，西區召開會議。";
        assert_eq!(find_date(sentence).map(|(_, r)| r), Some(0..9));
        assert_eq!(whole_date(sentence), None);
    }

    #[test]
    fn the_year_a_text_mentions_most() {
        assert_eq!(
            most_mentioned_year("2020年第一次聯席會議……2019年……2020年目標", false),
            Some(2020)
        );
        assert_eq!(most_mentioned_year("3月1日下午，113個社區", true), None);
        assert_eq!(
            most_mentioned_year("召開102年度上半年會議，102年度特優", true),
            Some(2013)
        );
        assert_eq!(most_mentioned_year("建党100年", false), None);
    }
}
