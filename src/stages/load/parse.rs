//! One content file to one item: its front matter read, typed and checked field by field, every
//! problem reported with its line.

use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde::Deserialize;

use super::names::{GroupNames, SiteNames};
use super::readable::screen_file;
use super::screening;
use crate::config::editions::EditionNumber;
use crate::config::{Config, is_url_key, key_line};
use crate::digest::Key;
use crate::error::Problem;
use crate::stages::item::{Disclosure, SourceItem};
use crate::text::converter::Converter;
use crate::text::glossary::RawGlossary;
use crate::text::script::Script;
use crate::text::slug;

/// Slugs that would collide with the site's own pages.
const RESERVED_SLUGS: &[&str] = &["page", "index", "static", "departments", "archive"];

/// Front matter exactly as written. Unknown keys are errors: a typo must never drop data.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<serde_yaml::Value>,
    department: Option<String>,
    source: Option<String>,
    author: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    summary: Option<String>,
    script: Option<Script>,
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    pinned: bool,
    #[serde(default)]
    extra: serde_yaml::Mapping,
    /// Glossary entries for this item alone.
    #[serde(default)]
    glossary: RawGlossary,
    /// The column (栏目) by key or name, in either script.
    column: Option<String>,
    /// 政府信息公开 metadata.
    disclosure: Option<RawDisclosure>,
    /// For a policy interpretation: the slug of the document it interprets.
    interprets: Option<String>,
    /// The edition(s) of the periodical it appears in: `12`, `2024-12`, or a list.
    edition: Option<serde_yaml::Value>,
    /// Its place within the edition.
    edition_order: Option<u32>,
    /// Old addresses that redirect to it.
    #[serde(default)]
    aliases: Vec<String>,
}

/// The 政府信息公开 block as written; its keys may be written in Chinese too, in either script.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDisclosure {
    #[serde(alias = "索引号", alias = "索引號")]
    index_number: Option<String>,
    #[serde(alias = "主题分类", alias = "主題分類")]
    topic: Option<String>,
    #[serde(alias = "发布机构", alias = "發布機構", alias = "發佈機構")]
    publisher: Option<String>,
    #[serde(alias = "成文日期")]
    written: Option<serde_yaml::Value>,
    #[serde(alias = "文号", alias = "文號")]
    number: Option<String>,
    #[serde(alias = "主题词", alias = "主題詞", default)]
    keywords: Vec<String>,
    #[serde(alias = "公开属性", alias = "公開屬性")]
    openness: Option<String>,
}

/// One file parsed: the item and perhaps a warning, or every problem it has.
pub type Parsed = std::result::Result<(SourceItem, Option<Problem>), Vec<Problem>>;

/// Parses one file. `path` is relative to the site root and is what problems name. A good
/// item may come with a warning: a text that mixes the scripts heavily.
pub fn parse_item(
    path: &Path,
    bytes: &[u8],
    digest: Key,
    config: &Config,
    names: &SiteNames,
    converter: &Converter,
) -> Parsed {
    let limits = config.limits;
    let (text, front, body) = screen_file(path, bytes, limits.item_mb)?;
    let raw = read_front_matter(path, front)?;
    let mut fields = Fields {
        path,
        front,
        timezone: config.timezone,
        problems: screening::escaped_control_characters(path, front),
    };
    fields
        .problems
        .extend(screening::script_addresses(path, front, &raw.extra));
    let title = fields.title(raw.title.as_deref(), limits.title_chars);
    let date = fields.date(raw.date.as_ref());
    let department = fields.group(raw.department.as_deref(), &names.departments, converter);
    let column = fields.group(raw.column.as_deref(), &names.columns, converter);
    let disclosure = raw.disclosure.map(|d| Box::new(fields.disclosure(d)));
    let editions = fields.editions(raw.edition.as_ref(), config.editions.is_some());
    let (_, base_path) = crate::site::host_and_base_path(&config.base_url);
    let (aliases, bad_aliases) =
        super::aliases::alias_files(path, fields.line_of("aliases"), &raw.aliases, base_path);
    fields.problems.extend(bad_aliases);
    let slug = fields.slug(raw.slug.as_deref(), title);
    let (script, warning) = item_script(path, text, title, body, raw.script, converter);
    let (Some(title), Some(date), Some(department), Some(slug)) = (title, date, department, slug)
    else {
        return Err(fields.problems);
    };
    if !fields.problems.is_empty() {
        return Err(fields.problems);
    }
    let line_of = |key: &str| fields.line_of(key);
    let nonblank = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let item = SourceItem {
        path: path.to_path_buf(),
        digest,
        url_path: format!("{:04}/{:02}/{slug}/", date.year(), date.month()),
        slug,
        title: title.to_string(),
        date,
        department,
        column,
        column_line: line_of("column"),
        disclosure,
        interprets: raw
            .interprets
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        interprets_line: line_of("interprets"),
        editions,
        edition_order: raw.edition_order,
        edition_line: line_of("edition"),
        aliases,
        aliases_line: line_of("aliases"),
        source: nonblank(raw.source),
        author: nonblank(raw.author),
        tags: raw.tags,
        summary: nonblank(raw.summary),
        script,
        draft: raw.draft,
        pinned: raw.pinned,
        extra: (!raw.extra.is_empty()).then(|| Box::new(raw.extra)),
        glossary: (!raw.glossary.is_empty()).then(|| Box::new(raw.glossary)),
        body: body.into(),
        bundle: None,
        title_line: line_of("title"),
        date_line: line_of("date"),
        body_line: text[..text.len() - body.len()].matches('\n').count() + 1,
    };
    Ok((item, warning))
}

/// The item's script: as the front matter says, else as its title and body show (simplified
/// when they show neither); a warning when they mix both.
fn item_script(
    path: &Path,
    text: &str,
    title: Option<&str>,
    body: &str,
    declared: Option<Script>,
    converter: &Converter,
) -> (Script, Option<Problem>) {
    let evidence = converter.script_evidence(&format!("{}\n{}", title.unwrap_or_default(), body));
    let script = declared.or_else(|| evidence.verdict());
    let warning = evidence
        .is_mixed()
        .then(|| mixed_script_warning(path, text, &evidence));
    (script.unwrap_or(Script::Hans), warning)
}

/// The front matter's YAML, typed; a problem at its line and column if it does not parse.
fn read_front_matter(path: &Path, front: &str) -> Result<RawFrontMatter, Vec<Problem>> {
    if front.trim().is_empty() {
        serde_yaml::from_str("{}")
    } else {
        serde_yaml::from_str(front)
    }
    .map_err(|e| {
        let (line, column) = e.location().map_or((1, 0), |l| (l.line() + 1, l.column()));
        vec![Problem::new(path, line, format!("front matter: {e}"))
            .at_column(column)
            .with_hint("fields are title, date, department, column, source, author, tags, summary, script, slug, draft, pinned, extra, glossary, disclosure, interprets, edition, edition_order, aliases")]
    })
}

/// The fields of one item's front matter as they are checked, and the problems found so far.
struct Fields<'a> {
    path: &'a Path,
    front: &'a str,
    timezone: Tz,
    problems: Vec<Problem>,
}

impl<'a> Fields<'a> {
    /// The file line of a top-level key; the front matter starts on the file's second line.
    fn line_of(&self, key: &str) -> usize {
        key_line(self.front, key) + 1
    }

    fn missing(&mut self, key: &str, hint: &str) {
        self.problems.push(
            Problem::new(self.path, 1, format!("missing `{key}` in the front matter"))
                .with_hint(hint),
        );
    }

    fn title<'t>(&mut self, title: Option<&'t str>, most: usize) -> Option<&'t str> {
        let title = title.map(str::trim).filter(|t| !t.is_empty());
        let Some(title) = title else {
            self.missing("title", "add a line `title: ...` between the `---` lines");
            return None;
        };
        let length = title.chars().count();
        if length > most {
            let line = self.line_of("title");
            self.problems.push(
                Problem::new(self.path, line, format!("the title has {length} characters, over the limit of {most}"))
                    .with_hint("shorten it (the text belongs in the body), or raise `limits: { title_chars: ... }` in bulletin.yaml"),
            );
            return None;
        }
        Some(title)
    }

    fn date(&mut self, value: Option<&serde_yaml::Value>) -> Option<DateTime<Tz>> {
        let Some(value) = value else {
            self.missing(
                "date",
                "add a line such as `date: 2022-03-26` or `date: 2022-03-26 09:11:00`",
            );
            return None;
        };
        parse_date(value, self.timezone)
            .map_err(|message| {
                let line = self.line_of("date");
                self.problems
                    .push(Problem::new(self.path, line, message).with_hint(
                        "write 2022-03-26, 2022-03-26 09:11:00 or 2022-03-26T09:11:00+08:00",
                    ))
            })
            .ok()
    }

    /// The editions an item appears in; the site must publish a periodical.
    fn editions(
        &mut self,
        value: Option<&serde_yaml::Value>,
        configured: bool,
    ) -> Vec<EditionNumber> {
        let Some(value) = value else {
            return Vec::new();
        };
        let line = self.line_of("edition");
        if !configured {
            self.problems.push(
                Problem::new(self.path, line, "`edition:` names an edition, but the site publishes no periodical")
                    .with_hint("add `editions: { name: ..., issuer: ... }` to bulletin.yaml, or remove the line"),
            );
            return Vec::new();
        }
        let written: Vec<&serde_yaml::Value> = match value.as_sequence() {
            Some(list) => list.iter().collect(),
            None => vec![value],
        };
        let numbers: Option<Vec<EditionNumber>> = written
            .iter()
            .map(|v| EditionNumber::from_value(v))
            .collect();
        numbers.unwrap_or_else(|| {
            self.problems.push(
                Problem::new(self.path, line, format!("`edition: {}` is not an edition number", crate::config::yaml_shown(value)))
                    .with_hint("write the number in its year (`edition: 12`), with the year (`edition: 2024-12`), or the running number under running numbering"),
            );
            Vec::new()
        })
    }

    /// A department or a column, by key or name in either script. A department is required.
    fn group(
        &mut self,
        written: Option<&str>,
        names: &GroupNames,
        converter: &Converter,
    ) -> Option<usize> {
        let (key, rule) = match names.declared_under() {
            "departments" => ("department", "unknown-department"),
            _ => ("column", "unknown-column"),
        };
        let Some(name) = written else {
            if key == "department" {
                let hint = format!("add `department:` with one of: {}", names.listing());
                self.missing("department", &hint);
            }
            return None;
        };
        names
            .find(name, converter)
            .map_err(|hint| {
                let line = self.line_of(key);
                self.problems.push(
                    Problem::new(self.path, line, format!("unknown {key} `{name}`"))
                        .with_hint(hint)
                        .with_rule(rule),
                )
            })
            .ok()
    }

    fn disclosure(&mut self, raw: RawDisclosure) -> Disclosure {
        let front = self.front;
        let written = raw.written.as_ref().and_then(|value| {
            parse_date(value, self.timezone)
                .map(|date| date.format("%Y-%m-%d").to_string())
                .map_err(|message| {
                    self.problems.push(
                        Problem::new(
                            self.path,
                            nested_key_line(front, &["written", "成文日期"]),
                            message,
                        )
                        .with_hint("write the 成文日期 as 2022-03-20"),
                    )
                })
                .ok()
        });
        let trimmed = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Disclosure {
            index_number: trimmed(raw.index_number),
            topic: trimmed(raw.topic),
            publisher: trimmed(raw.publisher),
            written,
            number: trimmed(raw.number),
            keywords: raw.keywords,
            openness: trimmed(raw.openness),
            index_number_line: nested_key_line(front, &["index_number", "索引号"]),
            number_line: nested_key_line(front, &["number", "文号"]),
        }
    }

    /// The slug as written, else the file's name; a problem with a suggestion if unusable.
    fn slug(&mut self, written: Option<&str>, title: Option<&str>) -> Option<String> {
        let slug = match written {
            Some(slug) => Some(slug.to_string()),
            // A bundle's `index.md` is named by its folder.
            None => match self.path.file_stem() {
                Some(stem) if stem == "index" => self.path.parent().and_then(Path::file_name),
                stem => stem,
            }
            .map(|s| s.to_string_lossy().into_owned()),
        }
        .filter(|slug| is_url_key(slug) && !RESERVED_SLUGS.contains(&slug.as_str()));
        if slug.is_none() {
            let suggestion = slug::from_title(title.unwrap_or("item"));
            let line = if written.is_some() {
                self.line_of("slug")
            } else {
                1
            };
            self.problems.push(
                Problem::new(self.path, line, "the item has no usable slug for its URL").with_hint(format!(
                    "a slug is lowercase ASCII letters, digits and `-` (not {}); rename the file or add `slug: {suggestion}`",
                    RESERVED_SLUGS.join(", ")
                )),
            );
        }
        slug
    }
}

fn mixed_script_warning(
    path: &Path,
    text: &str,
    evidence: &crate::text::script::ScriptEvidence,
) -> Problem {
    let examples = evidence.minority_examples();
    // Point at the first out-of-place character, where an editor would start looking.
    let first = text.find(|c| examples.contains(&c)).unwrap_or(0);
    let line = text[..first].matches('\n').count() + 1;
    let column = text[..first]
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    let examples: String = examples.iter().collect();
    Problem::new(
        path,
        line,
        format!(
            "the text mixes scripts: {} characters only simplified script uses, {} only traditional (such as {examples})",
            evidence.hans_only, evidence.hant_only
        ),
    )
    .at_column(column)
    .with_hint("text pasted from another site? convert the pasted part with `bulletin convert`, or mark names with -{...}-")
    .with_rule("mixed-script")
}

/// The 1-based file line of the first front matter line (at any indent) that sets one of
/// `keys`, or the front matter's first line. Front matter starts on the file's second line.
fn nested_key_line(front: &str, keys: &[&str]) -> usize {
    front
        .lines()
        .position(|line| {
            let line = line.trim_start();
            keys.iter().any(|key| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
        })
        .map_or(1, |i| i + 2)
}

/// Reads `2022-03-26`, `2022-03-26 09:11[:00]`, `2022-03-26T09:11:00` (all in the site's
/// timezone) or RFC 3339 with an offset.
pub fn parse_date(
    value: &serde_yaml::Value,
    timezone: Tz,
) -> std::result::Result<DateTime<Tz>, String> {
    let text = match value {
        serde_yaml::Value::String(s) => s.trim().to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        other => return Err(format!("`date` must be a date, not {other:?}")),
    };
    if let Ok(date) = DateTime::parse_from_rfc3339(&text) {
        return Ok(date.with_timezone(&timezone));
    }
    let local = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| format!("cannot read the date `{text}`"))?;
    timezone
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| format!("the time `{text}` does not exist in {timezone}"))
}

/// A YAML double-quoted scalar, so that titles with `:` or `#` stay titles.
pub fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::text::markdown::split_front_matter;

    fn setup() -> (Config, Converter) {
        let config = Config::parse(
            Path::new("."),
            "title: t\nbase_url: https://e.org/\nvariants: [{lang: zh-Hans, path: hans}]\ndepartments:\n  jianshe: 濠江区建设局\n  gaoxin: 随州高新区\n",
        )
        .unwrap();
        (config, Converter::new())
    }

    fn parse(text: &str) -> Parsed {
        let (config, converter) = setup();
        let names = SiteNames::new(&config, &converter);
        parse_item(
            Path::new("content/a-b.md"),
            text.as_bytes(),
            Key(0, 0),
            &config,
            &names,
            &converter,
        )
    }

    #[test]
    fn a_good_item_parses_with_detected_script_and_department_by_traditional_name() {
        let (item, warning) = parse(
            "---\ntitle: 濠江區建設系統\ndate: 2009-08-12\ndepartment: 濠江區建設局\n---\n正文。\n",
        )
        .unwrap();
        assert_eq!(warning, None);
        assert_eq!(item.slug, "a-b");
        assert_eq!(item.department, 0);
        assert_eq!(item.script, Script::Hant);
        assert_eq!(item.date.to_rfc3339(), "2009-08-12T00:00:00+08:00");
        assert_eq!(item.body.text(), "正文。\n");
    }

    #[test]
    fn a_paste_in_the_other_script_is_a_warning_at_its_line() {
        let text = "---\ntitle: 區政府通知\ndate: 2024-01-01\ndepartment: jianshe\n---\n區政府召開會議，研究部署當前經濟工作。會議強調，要堅持穩中求進，抓好各項工作落實，確保實現全年目標。\n这是从别的网站复制过来的一段话，没有转换。\n";
        let (item, warning) = parse(text).unwrap();
        assert_eq!(item.script, Script::Hant);
        let warning = warning.expect("a warning");
        assert_eq!((warning.line, warning.column), (7, 1), "{warning}");
        assert!(
            warning.message.starts_with("the text mixes scripts"),
            "{warning}"
        );
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let tz = chrono_tz::Asia::Shanghai;
        let parse =
            |s: &str| parse_date(&serde_yaml::Value::String(s.into()), tz).map(|d| d.to_rfc3339());
        assert_eq!(
            parse("2022-03-26 09:11:00").unwrap(),
            "2022-03-26T09:11:00+08:00"
        );
        assert_eq!(
            parse("2022-03-26 09:11").unwrap(),
            "2022-03-26T09:11:00+08:00"
        );
        assert_eq!(
            parse("2022-03-26T01:11:00Z").unwrap(),
            "2022-03-26T09:11:00+08:00"
        );
        assert!(parse("2022-13-26").is_err());
        assert!(parse("昨天").is_err());
    }

    #[test]
    fn every_problem_of_an_item_is_reported() {
        let problems = parse("---\ndate: 2022-02-30\ndepartment: 建设局\n---\n").unwrap_err();
        let messages: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}", p.line, p.message))
            .collect();
        assert_eq!(
            messages,
            [
                "1:missing `title` in the front matter",
                "2:cannot read the date `2022-02-30`",
                "3:unknown department `建设局`"
            ]
        );
        assert!(
            problems[2].hint.contains("濠江区建设局 (jianshe)"),
            "{}",
            problems[2].hint
        );
    }

    #[test]
    fn unknown_keys_and_bad_yaml_are_located() {
        let problems =
            parse("---\ntitle: x\ndate: 2022-01-01\ndepartment: jianshe\ntitel: y\n---\n")
                .unwrap_err();
        assert_eq!(problems[0].line, 5, "{problems:?}");
        assert!(problems[0].message.contains("unknown field `titel`"));
        let problems = parse("---\ntitle: [unclosed\ndate: 2022-01-01\n---\n").unwrap_err();
        assert!(problems[0].line >= 2, "{problems:?}");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let (config, converter) = setup();
        let names = SiteNames::new(&config, &converter);
        let bytes = b"---\ntitle: \xd5\xe2\n---\n";
        let problems = parse_item(
            Path::new("content/x.md"),
            bytes,
            Key(0, 0),
            &config,
            &names,
            &converter,
        )
        .unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (2, 8));
    }

    #[test]
    fn front_matter_needs_both_fences() {
        assert_eq!(
            split_front_matter("---\r\na: 1\r\n---\r\nbody"),
            Some(("a: 1\r\n", "body"))
        );
        assert_eq!(split_front_matter("a: 1\n---\n"), None);
        assert_eq!(split_front_matter("---\na: 1\n"), None);
    }
}
