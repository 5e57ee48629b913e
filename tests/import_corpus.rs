//! `bulletin import` on the corpus of real pages (tests/fixtures/import/corpus): every page
//! imported as a new user would (with a fallback department), compared field by field with the
//! record made by hand, and the accuracy printed as a table per part: the development part,
//! which the rules may be fitted to, and the held-out parts, which they may not. The gap between
//! them says how well the rules generalise. Run with `--nocapture` to see the tables.

use std::path::Path;

use bulletin::config::Config;
use bulletin::stages::load::GroupNames;
use bulletin::text::converter::Converter;
use bulletin::text::damage::{self, Rule};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Record {
    file: String,
    kind: String,
    url: String,
    title: Option<String>,
    date: String,
    partial: Option<String>,
    office: Option<String>,
    body_first: Option<String>,
    body_last: Option<String>,
    #[serde(default)]
    truncated: bool,
}

/// What the importer made of one page, read back from its Markdown.
#[derive(Debug, Default)]
struct Outcome {
    imported: bool,
    title: String,
    date: String,
    source: String,
    department: String,
    body: String,
    /// Why it was not imported.
    problems: Vec<String>,
    /// Where the importer found the date.
    date_how: String,
}

const FIELDS: [&str; 7] = [
    "title",
    "date",
    "office",
    "body start",
    "body end",
    "no furniture",
    "no pinyin",
];

/// Lines of page furniture that must not be left in a body, in simplified script.
const FURNITURE: [&str; 22] = [
    "责任编辑",
    "分享到",
    "打印本页",
    "关闭窗口",
    "上一篇",
    "下一篇",
    "扫一扫",
    "友情链接",
    "版权所有",
    "网站地图",
    "主办单位：",
    "【打印】",
    "【关闭】",
    "您所在的位置",
    "当前位置",
    "当前页面",
    "跳至主要内容",
    "跳到主要内容",
    "友善列印",
    "浏览次数",
    "字体：",
    "访问量",
];

/// The site the pages are imported into: one department, the fallback.
fn site() -> (Config, Converter) {
    let config = Config::parse(
        Path::new("."),
        "title: t\nbase_url: https://example.org/\nvariants:\n  - { lang: zh-Hans, path: hans }\ndepartments:\n  bangongshi: 区政府办公室\n",
    )
    .unwrap();
    (config, Converter::new())
}

/// `year` and `date` as `--year` and `--date` give them; `url` is where the page was found.
fn import(
    bytes: &[u8],
    url: &str,
    config: &Config,
    converter: &Converter,
    (year, date): (Option<i32>, Option<chrono::NaiveDate>),
) -> Outcome {
    let names = GroupNames::departments(config, converter);
    let (markdown, report) =
        bulletin::import::import_bytes(bytes, converter, &names, Some(0), year, date, Some(url));
    let date_how = report
        .fields
        .iter()
        .find(|(field, _, _)| *field == "date")
        .map_or(String::new(), |(_, _, how)| how.clone());
    let Some(markdown) = markdown else {
        return Outcome {
            problems: report.problems,
            date_how,
            ..Outcome::default()
        };
    };
    let rest = markdown.strip_prefix("---\n").unwrap();
    let (front, body) = rest.split_once("\n---\n").unwrap();
    let front: serde_yaml::Mapping = serde_yaml::from_str(front).unwrap();
    let field = |key: &str| {
        front
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let body = body
        .lines()
        .map(|l| l.trim_start_matches("## "))
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Outcome {
        imported: true,
        title: field("title"),
        date: field("date"),
        source: field("source"),
        department: field("department"),
        body,
        problems: Vec::new(),
        date_how,
    }
}

/// Text compared as a reader reads it: no spaces, full-width punctuation, no pinyin debris
/// (`發(fā)`), no mojibake, no doubled marks (`上午，，` / `体验，。`: the records keep them as
/// the page has them, the importer repairs them), no forum's anti-copy noise (`3 _ N' T' M*
/// y8`, which a record keeps where the page glues it to a sentence), and in simplified script.
fn normal(text: &str, converter: &Converter) -> String {
    let debris = regex::Regex::new(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]+\s*)+\)").unwrap();
    let text = debris.replace_all(text, "");
    let text = damage::apply(&text, &Rule::AntiCopyNoise.find(&text));
    let folded = converter.convert(&text, "t2s");
    let folded = folded
        .chars()
        // A question mark is left out either way: the stored pages show `？` as `?`, which
        // also stands for a character lost to mojibake, so a record cannot tell them apart.
        .filter(|c| !c.is_whitespace() && !matches!(c, '?' | '？' | '�' | '\u{3000}'))
        .map(|c| match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            '!' => '！',
            '“' | '”' | '"' => '"',
            c => c,
        })
        .collect::<String>();
    // A page that ends Chinese sentences with ASCII stops has them repaired: both sides alike.
    let stop = regex::Regex::new(r#"(\p{Han}["）]?)\."#).unwrap();
    stop.replace_all(&folded, "$1。")
        .replace("，，", "，")
        .replace("，、", "、")
        .replace("，。", "。")
        .replace("，！", "！")
}

/// Which fields the importer got right on one page.
/// `dated` is the page imported as it is, `outcome` with `--year` where the page has no full
/// date (as an editor would then import it), so that its other fields can be measured.
fn score(record: &Record, dated: &Outcome, outcome: &Outcome, converter: &Converter) -> [bool; 7] {
    let n = |text: &str| normal(text, converter);
    if record.kind == "list" {
        return [!dated.imported; 7];
    }
    let body = n(&outcome.body);
    let title = match &record.title {
        Some(title) => outcome.imported && n(&outcome.title) == n(title),
        // A page without a headline: one made from the lead is right, one taken from furniture not.
        // A notice's lead follows its addressees (`各科室、社区：`), which make no title.
        None => {
            let made = n(&outcome.title);
            let made = made.trim_end_matches('…');
            let first = record.body_first.as_deref().map(n);
            let mut paragraphs = outcome.body.lines().map(n).filter(|p| !p.is_empty());
            let addressed = first
                .as_ref()
                .filter(|first| first.ends_with(['：', ':']))
                .is_some_and(|first| paragraphs.next().as_ref() == Some(first));
            let lead = addressed.then(|| paragraphs.next()).flatten();
            !outcome.imported
                || [first, lead]
                    .iter()
                    .flatten()
                    .any(|text| text.contains(made))
        }
    };
    let date = match (record.date.as_str(), &record.partial) {
        // Not invented: left out, the page's own month and day, or its address's date.
        ("no full date", partial) => {
            !dated.imported
                || dated.date_how == "the page's address"
                || partial.as_deref().is_some_and(|p| {
                    let (month, day) = month_day(&dated.date);
                    arabic(p).starts_with(&format!("{month}月{day}日"))
                })
        }
        (full, _) => outcome.imported && outcome.date.starts_with(full),
    };
    let office = match &record.office {
        Some(office) => {
            let office = n(office);
            outcome.imported
                && [&outcome.source, &outcome.department].iter().any(|found| {
                    !found.is_empty() && (n(found).contains(&office) || office.contains(&n(found)))
                })
        }
        None => {
            !outcome.imported || outcome.source.is_empty() || body.contains(&n(&outcome.source))
        }
    };
    let start = record
        .body_first
        .as_deref()
        .is_none_or(|first| outcome.imported && body.starts_with(&n(without_marker(first))));
    let end = record.body_last.as_deref().is_none_or(|last| {
        let last = n(without_marker(last));
        if !outcome.imported {
            return false;
        }
        if record.truncated {
            body.rfind(&last)
                .is_some_and(|at| !body[at + last.len()..].contains(['。', '！', '？']))
        } else {
            // A notice's closing formula on its own line (`特此通告`) is body in most parts'
            // records and left out in later ones (their brief said so): a record that leaves
            // it out accepts a body that keeps it.
            let closing = regex::Regex::new(r"特此(?:通告|通知|公告)[。！]?$").unwrap();
            let before_closing = |m: regex::Match| body[..m.start()].ends_with(&last);
            body.ends_with(&last)
                || (!closing.is_match(&last) && closing.find(&body).is_some_and(before_closing))
        }
    });
    let furniture = FURNITURE
        .iter()
        .all(|word| !converter.convert(&outcome.body, "t2s").contains(word));
    let debris = regex::Regex::new(r"\p{Han}\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\s*)+\)").unwrap();
    let pinyin = !debris.is_match(&outcome.body);
    [title, date, office, start, end, furniture, pinyin]
}

/// A record's sentence as printed may keep a crawl's list marker (`- 游泳池…`), which the
/// importer drops as markup.
fn without_marker(sentence: &str) -> &str {
    match sentence.strip_prefix(['-', '*']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => rest,
        _ => sentence,
    }
}

/// `五月十二日` as `5月12日`, `元月10日` (January) as `1月10日`: the records keep a page's own
/// numerals.
fn arabic(text: &str) -> String {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let mut out = String::new();
    let chars: Vec<char> = text.replace("元月", "1月").chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && (digit(chars[i]).is_some() || chars[i] == '十') {
            i += 1;
        }
        if start == i {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = &chars[start..i];
        let value = match run.iter().position(|&c| c == '十') {
            Some(at) => {
                let tens = if at == 0 {
                    1
                } else {
                    digit(run[0]).unwrap_or(1)
                };
                let ones = run.get(at + 1).and_then(|&c| digit(c)).unwrap_or(0);
                tens * 10 + ones
            }
            None => run.iter().fold(0, |n, &c| n * 10 + digit(c).unwrap_or(0)),
        };
        out.push_str(&value.to_string());
    }
    out
}

fn month_day(date: &str) -> (u32, u32) {
    let mut parts = date.get(5..10).unwrap_or("00-00").split('-');
    let mut next = || parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (next(), next())
}

/// Imports every page of a part; the counts of right fields, and the pages with each wrong.
/// Per page with a field wrong: the page, and the fields.
type Misses = Vec<(String, Vec<&'static str>)>;

fn measure(part: &str) -> (usize, [usize; 7], Misses) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/corpus")
        .join(part);
    let records: Vec<Record> =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap()).unwrap();
    let (config, converter) = site();
    let mut right = [0usize; 7];
    let mut wrong = Vec::new();
    for record in &records {
        let bytes = std::fs::read(dir.join(&record.file)).unwrap();
        let url = record.url.as_str();
        let dated = import(&bytes, url, &config, &converter, (None, None));
        // A page without a full date is imported as an editor then would, with --year (and
        // --date where it gives no day either), so that its other fields are measured too.
        let outcome = match record.date.as_str() {
            "no full date" => {
                let fallbacks = (Some(2000), chrono::NaiveDate::from_ymd_opt(2000, 1, 1));
                import(&bytes, url, &config, &converter, fallbacks)
            }
            _ => import(&bytes, url, &config, &converter, (None, None)),
        };
        let scored = score(record, &dated, &outcome, &converter);
        // `BULLETIN_CORPUS_SHOW=004.txt` (or `all`) shows what became of development pages,
        // for writing rules; the held-out part is never shown.
        let shown = std::env::var("BULLETIN_CORPUS_SHOW").is_ok_and(|f| {
            part == "dev" && (f == record.file || (f == "all" && scored.contains(&false)))
        });
        if shown {
            let n = |t: &str| normal(t, &converter);
            let body = n(&outcome.body);
            let head: String = body.chars().take(90).collect();
            let tail: String = body
                .chars()
                .rev()
                .take(90)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            println!(
                "== {} {} {:?}\n title  {:?}\n   got  {:?}\n date   {} got {:?}\n office {:?}\n   got  {:?} / {:?}\n start  {:?}\n   got  {head:?}\n end    {:?}\n   got  {tail:?}\n {:?}",
                record.file,
                record.kind,
                scored,
                record.title,
                outcome.title,
                record.date,
                dated.date,
                record.office,
                outcome.source,
                outcome.department,
                record.body_first.as_deref().map(n),
                record.body_last.as_deref().map(n),
                outcome.problems,
            );
        }
        let mut missed = Vec::new();
        for (i, ok) in scored.iter().enumerate() {
            if *ok {
                right[i] += 1;
            } else {
                missed.push(FIELDS[i]);
            }
        }
        if !missed.is_empty() {
            wrong.push((format!("{} ({})", record.file, record.kind), missed));
        }
    }
    (records.len(), right, wrong)
}

fn table(part: &str, pages: usize, right: &[usize; 7]) -> String {
    let mut out = format!("import corpus, {part}: {pages} pages\n  field          right      %\n");
    for (field, n) in FIELDS.iter().zip(right) {
        out.push_str(&format!(
            "  {field:<13} {n:>3}/{pages:<3} {:>5.1}\n",
            100.0 * *n as f64 / pages as f64
        ));
    }
    out
}

/// The figures the importer has reached, per part and field: a change that loses any fails.
/// Raise them as the rules improve; the goal is 95% on every field of both parts.
const DEV_FLOOR: [usize; 7] = [1296, 1368, 1312, 1318, 1317, 1393, 1394];
/// The first part kept aside; the rules written on the seventeenth part gained a title and an
/// office here, those on the twenty-first a body start; a body start more when the comparison
/// read ASCII stops after Chinese as full stops (2026-12-07).
const HOLDOUT_FLOOR: [usize; 7] = [22, 27, 26, 25, 27, 28, 27];
/// The fourth part, collected on 2026-12-03 by a helper who had not seen the rules; its first,
/// untouched import got 27 titles, and rules made for other pages since got two more and an
/// office. (The third part, scored the same way, joined the development part after its first
/// import.) The rules written on the twelfth part gained another office, and one more when a
/// closing credit was looked for from the text down (2026-12-07, session 44).
const HOLDOUT4_FLOOR: [usize; 7] = [29, 34, 33, 31, 35, 35, 35];
/// The thirteenth part, collected on 2026-12-05 by a helper who had not seen the rules, and
/// kept aside since: its first, untouched import, an office the rules written on the
/// fourteenth part gained and a body end those on the fifteenth did. Since the comparison
/// reads doubled marks as one (2026-12-06), a title, a body start and a body end more, and a
/// body end the rules written on the twenty-seventh part gained (a paper's copyright line),
/// and a title from those written on the thirty-ninth part's misses (session 36).
const HOLDOUT13_FLOOR: [usize; 7] = [32, 33, 34, 32, 34, 36, 36];
/// The eighteenth part, collected on 2026-12-05 by a helper who had not seen the rules, and
/// kept aside since: its first, untouched import.
const HOLDOUT18_FLOOR: [usize; 7] = [31, 36, 34, 35, 36, 35, 36];
/// The twentieth part, collected on 2026-12-05 by a helper who had not seen the rules, and
/// kept aside since: its first, untouched import, and a body end from session 35's rules (a
/// comment form, a preview link's notice or a rights holder's plea under the text).
const HOLDOUT20_FLOOR: [usize; 7] = [31, 34, 33, 30, 31, 36, 36];
/// The twenty-third part, collected on 2026-12-05 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import.
const HOLDOUT23_FLOOR: [usize; 7] = [33, 34, 32, 30, 33, 36, 36];
/// The twenty-sixth part, collected on 2026-12-06 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import, a body start once a document site's
/// intro was its notice (session 32), and a title once a numbered sample was no headline
/// (session 34).
const HOLDOUT26_FLOOR: [usize; 7] = [30, 35, 33, 35, 30, 36, 36];
/// The twenty-ninth part, collected on 2026-12-06 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import, and a body start more from the rules
/// written on the twenty-fifth, twenty-seventh and thirtieth parts' misses (2026-12-06); a
/// body start and end more when the comparison read ASCII stops after Chinese as full stops
/// (2026-12-07).
const HOLDOUT29_FLOOR: [usize; 7] = [33, 35, 30, 33, 33, 36, 36];
/// The thirty-first part, collected on 2026-12-06 by a helper who had not seen the rules, and
/// kept aside since: its first, untouched import.
const HOLDOUT31_FLOOR: [usize; 7] = [32, 34, 35, 30, 31, 36, 36];
/// The thirty-second part, collected on 2026-12-06 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import, and a body start more from the rules
/// written on the twenty-fifth, twenty-seventh and thirtieth parts' misses (2026-12-06), and a
/// title and an office from session 34's rules (the same two), and a body start from session
/// 35's (a byline's empty count label, a forum post's header), and a title from session 37's
/// (a menu item in Latin letters is no headline).
const HOLDOUT32_FLOOR: [usize; 7] = [31, 33, 31, 33, 32, 36, 36];
/// The thirty-third part, collected on 2026-12-06 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import, and a body start from the rules written
/// on the fifth part's misses (session 34), and an office from those written on the
/// thirty-eighth's (an office alone under the text, session 36), and a body start from those
/// written on the fiftieth's (a caption credited `某某中心供图`, session 39), and a body start
/// from those written on the sixty-first's (a header's `今天是：` and page tools, session 43).
const HOLDOUT33_FLOOR: [usize; 7] = [31, 35, 31, 33, 33, 36, 36];
/// The thirty-fourth part, collected on 2026-12-06 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import.
const HOLDOUT34_FLOOR: [usize; 7] = [31, 35, 33, 31, 35, 35, 35];
/// The thirty-fifth part, collected on 2026-12-06 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import, and a body end from the rules written
/// on the fifth part's misses (session 34), and an office from those written on the
/// forty-third's (session 38).
const HOLDOUT35_FLOOR: [usize; 7] = [31, 33, 32, 32, 32, 36, 36];
/// The thirty-sixth part, collected on 2026-12-06 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import, and a title since a title made from
/// the lead after a notice's addressees counts (a change of the comparison, 2026-12-06), and
/// an office from the rules written on the thirty-eighth part's misses (session 36), and a
/// body end since a last sentence cut before its full stop at the page's end stays (session 37),
/// and one from the rules written on the fiftieth's misses (a `▲` caption, session 39).
const HOLDOUT36_FLOOR: [usize; 7] = [29, 34, 33, 32, 34, 36, 36];
/// The thirty-seventh part, collected on 2026-12-06 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import.
const HOLDOUT37_FLOOR: [usize; 7] = [33, 36, 29, 33, 33, 36, 36];
/// The fortieth part, collected on 2026-12-06 by a helper who had not seen the rules, and
/// kept aside since: its first, untouched import.
const HOLDOUT40_FLOOR: [usize; 7] = [30, 35, 33, 31, 35, 36, 36];
/// The forty-fifth part, collected on 2026-12-07 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import; two body ends more since a record that
/// leaves a notice's closing formula out accepts a body that keeps it (2026-12-07); an office
/// more since a residents' community (`某某社区`) is an office's name (2026-12-07), and a title
/// since a notice's preamble (`…通知如下：`) is the lead a title is made from (2026-12-07).
const HOLDOUT45_FLOOR: [usize; 7] = [34, 36, 34, 34, 35, 35, 36];
/// The forty-eighth part, collected on 2026-12-07 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import, and a title since a notice's preamble
/// (`…通知如下：`) is the lead a title is made from (2026-12-07).
const HOLDOUT48_FLOOR: [usize; 7] = [32, 34, 28, 33, 32, 36, 36];
/// The forty-ninth part, collected on 2026-12-07 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import, and a body start since a line that
/// counts a collection's pieces is its headline (2026-12-07).
const HOLDOUT49_FLOOR: [usize; 7] = [32, 36, 32, 32, 31, 36, 36];
/// The fifty-first part, collected on 2026-12-07 by a helper who had not seen the rules, and
/// kept aside since: its first, untouched import, and a title since a notice's preamble
/// (`…通知如下：`) is the lead a title is made from (2026-12-07), and a body start from the
/// rules written on the sixty-first part's misses (a header's `今天是：` and page tools, session 43).
const HOLDOUT51_FLOOR: [usize; 7] = [33, 35, 31, 32, 32, 36, 36];
/// The fifty-second part, collected on 2026-12-07 by a helper who had not seen the rules, and
/// kept aside since: its first, untouched import.
const HOLDOUT52_FLOOR: [usize; 7] = [32, 35, 30, 30, 33, 36, 36];
/// The fifty-fourth part, collected on 2026-12-07 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import.
const HOLDOUT54_FLOOR: [usize; 7] = [30, 36, 31, 33, 35, 36, 36];
/// The fifty-sixth part, collected on 2026-12-07 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import.
const HOLDOUT56_FLOOR: [usize; 7] = [31, 33, 29, 33, 33, 36, 36];
/// The fifty-ninth part, collected on 2026-12-07 by a helper who had not seen the rules,
/// and kept aside since: its first, untouched import.
const HOLDOUT59_FLOOR: [usize; 7] = [33, 29, 27, 29, 32, 34, 35];
/// The sixty-second part, collected on 2026-12-07 by a helper who had not seen the rules, and
/// kept aside since: its first, untouched import.
const HOLDOUT62_FLOOR: [usize; 7] = [30, 32, 32, 34, 33, 36, 36];

#[test]
fn the_importer_on_real_pages_it_was_not_written_for() {
    let mut fallen = Vec::new();
    for (part, floor) in [
        ("dev", DEV_FLOOR),
        ("holdout", HOLDOUT_FLOOR),
        ("holdout4", HOLDOUT4_FLOOR),
        ("holdout13", HOLDOUT13_FLOOR),
        ("holdout18", HOLDOUT18_FLOOR),
        ("holdout20", HOLDOUT20_FLOOR),
        ("holdout23", HOLDOUT23_FLOOR),
        ("holdout26", HOLDOUT26_FLOOR),
        ("holdout29", HOLDOUT29_FLOOR),
        ("holdout31", HOLDOUT31_FLOOR),
        ("holdout32", HOLDOUT32_FLOOR),
        ("holdout33", HOLDOUT33_FLOOR),
        ("holdout34", HOLDOUT34_FLOOR),
        ("holdout35", HOLDOUT35_FLOOR),
        ("holdout36", HOLDOUT36_FLOOR),
        ("holdout37", HOLDOUT37_FLOOR),
        ("holdout40", HOLDOUT40_FLOOR),
        ("holdout45", HOLDOUT45_FLOOR),
        ("holdout48", HOLDOUT48_FLOOR),
        ("holdout49", HOLDOUT49_FLOOR),
        ("holdout51", HOLDOUT51_FLOOR),
        ("holdout52", HOLDOUT52_FLOOR),
        ("holdout54", HOLDOUT54_FLOOR),
        ("holdout56", HOLDOUT56_FLOOR),
        ("holdout59", HOLDOUT59_FLOOR),
        ("holdout62", HOLDOUT62_FLOOR),
    ] {
        let (pages, right, wrong) = measure(part);
        println!("{}", table(part, pages, &right));
        if part == "dev" {
            for (page, missed) in &wrong {
                println!("  {page}: {}", missed.join(", "));
            }
        }
        // Every part is measured and printed before any fall fails the test.
        for (i, field) in FIELDS.iter().enumerate() {
            if right[i] < floor[i] {
                fallen.push(format!(
                    "{part}: {field} fell to {}/{pages} from {}",
                    right[i], floor[i]
                ));
            }
        }
    }
    assert!(fallen.is_empty(), "{}", fallen.join("\n"));
}
