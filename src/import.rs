//! `bulletin import`: scraped pages and text files to clean news items, with a report per file
//! of what was taken from it, what was removed or repaired, and what is unsure.
//!
//! Nothing is lost: the input files are only read, every removed line is listed in the report
//! (and kept beside the item with `--keep-removed`), and every repair shows before and after.

mod decode;
mod extract;
mod layout;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::config::Config;
use crate::error::{Error, Problem, Result};
use crate::site::{CONFIG_FILE, CONTENT_DIR};
use crate::stages::load::{GroupNames, yaml_string};
use crate::text::converter::Converter;
use crate::text::damage::{self, Rule};
use crate::text::script::Script;
use crate::text::slug;

pub use layout::Removed;

/// What to import and how.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The site: `bulletin.yaml` gives the departments, items go under its `content/`.
    pub root: PathBuf,
    /// Files, or directories whose `.txt`, `.htm` and `.html` files are imported.
    pub inputs: Vec<PathBuf>,
    /// The department, by key or name, of items whose text names none.
    pub department: Option<String>,
    /// The year of dates written without one (`4月21日`), when the text mentions none.
    pub year: Option<i32>,
    /// Report only; write nothing.
    pub dry_run: bool,
    /// Write the removed lines beside each item, as `<slug>.removed.txt`.
    pub keep_removed: bool,
    /// Told (files done, files in all, the file) before each file.
    pub progress: Option<fn(usize, usize, &Path)>,
}

/// One input file's outcome.
#[derive(Debug, Clone)]
pub struct Imported {
    pub input: PathBuf,
    /// The item written (or that would be), relative to the site root; `None` when the file
    /// could not become an item (see `report.problems`).
    pub output: Option<PathBuf>,
    pub markdown: String,
    pub report: Report,
}

/// What the importer did to one file.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub encoding: &'static str,
    /// (field, value, where it came from).
    pub fields: Vec<(&'static str, String, String)>,
    pub repairs: Vec<Repair>,
    pub removed: Vec<Removed>,
    /// Guesses an editor should confirm.
    pub unsure: Vec<String>,
    /// Why no item was written.
    pub problems: Vec<String>,
}

/// One repair of one cleaning rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub rule: Rule,
    pub line: usize,
    pub before: String,
    /// `None`: found but left as it was, for an editor.
    pub after: Option<String>,
}

/// Imports every input file, writing items unless `dry_run`; the outcome of each, in order.
pub fn import(options: &ImportOptions) -> Result<Vec<Imported>> {
    let config = Config::load(&options.root)?;
    let converter = Converter::for_site(config.engine)?;
    let departments = GroupNames::departments(&config, &converter);
    let fallback = match &options.department {
        Some(written) => Some(departments.find(written, &converter).map_err(|hint| {
            Error::invalid(vec![
                Problem::new(
                    Path::new(CONFIG_FILE),
                    0,
                    format!("--department `{written}` is not a configured department"),
                )
                .with_hint(hint),
            ])
        })?),
        None => None,
    };
    let site = ImportContext {
        converter: &converter,
        departments: &departments,
        fallback,
        year: options.year,
    };
    let mut taken = existing_items(&options.root);
    let mut imported = Vec::new();
    let inputs = input_files(&options.inputs)?;
    let total = inputs.len();
    for (done, input) in inputs.into_iter().enumerate() {
        if let Some(progress) = options.progress {
            progress(done, total, &input);
        }
        let bytes = std::fs::read(&input).map_err(|e| Error::read(&input, e))?;
        let (draft, report) = import_text(&bytes, &site);
        let mut outcome = Imported {
            input,
            output: None,
            markdown: String::new(),
            report,
        };
        if let Some(draft) = draft {
            let path = free_path(&draft, &mut taken);
            if !options.dry_run {
                let full = options.root.join(&path);
                crate::site::write_new_file(&full, &draft.markdown)?;
                if options.keep_removed && !outcome.report.removed.is_empty() {
                    let side = full.with_extension("removed.txt");
                    crate::site::write_new_file(&side, &removed_text(&outcome))?;
                }
            }
            outcome.output = Some(path);
            outcome.markdown = draft.markdown;
        }
        imported.push(outcome);
    }
    Ok(imported)
}

/// What every file of one import shares.
struct ImportContext<'a> {
    converter: &'a Converter,
    departments: &'a GroupNames,
    fallback: Option<usize>,
    year: Option<i32>,
}

impl ImportContext<'_> {
    fn fold(&self, text: &str) -> String {
        self.converter.convert(text, "t2s")
    }
}

/// An item ready to be written.
struct Draft {
    year: i32,
    slug: String,
    markdown: String,
}

/// The files named, directories walked for text and HTML files, sorted.
fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    let path = e.path().unwrap_or(input).to_path_buf();
                    Error::read(&path, e.into())
                })?;
                let importable = entry.path().extension().is_some_and(|e| {
                    ["txt", "htm", "html"].contains(&e.to_string_lossy().to_lowercase().as_str())
                });
                if entry.file_type().is_file() && importable {
                    files.push(entry.into_path());
                }
            }
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            return Err(Error::read(
                input,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            ));
        }
    }
    Ok(files)
}

/// The items already in the site, as `content/<year>/<slug>.md` paths.
fn existing_items(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root.join(CONTENT_DIR))
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect()
}

/// `content/<year>/<slug>.md`, with `-2`, `-3`… when the name is taken.
fn free_path(draft: &Draft, taken: &mut Vec<PathBuf>) -> PathBuf {
    let dir = Path::new(CONTENT_DIR).join(draft.year.to_string());
    let path = (1..)
        .map(|n| match n {
            1 => dir.join(format!("{}.md", draft.slug)),
            n => dir.join(format!("{}-{n}.md", draft.slug)),
        })
        .find(|path| !taken.contains(path))
        .expect("some suffix is free");
    taken.push(path.clone());
    path
}

/// Imports one file's bytes: the item (when it has a title and a date) and the report.
fn import_text(bytes: &[u8], site: &ImportContext) -> (Option<Draft>, Report) {
    let mut report = Report::default();
    let decoded = decode::decode(bytes);
    report.encoding = decoded.encoding;
    if decoded.malformed {
        report.unsure.push(format!(
            "some bytes are not valid {}; they became �",
            decoded.encoding
        ));
    }
    let (mut text, html_title) = if decode::is_html(&decoded.text) {
        decode::html_to_text(&decoded.text)
    } else {
        (decoded.text, None)
    };
    for rule in [
        Rule::Mojibake,
        Rule::PinyinAnnotation,
        Rule::AsciiPunctuation,
    ] {
        text = repair(&text, rule, None, &mut report);
    }

    let layout = layout::lay_out(&text, &|line| site.fold(line));
    report.removed = layout.removed;
    let fields = layout.fields;
    let mut paragraphs: Vec<layout::Paragraph> = layout.paragraphs;
    for paragraph in &mut paragraphs {
        for rule in [Rule::StraySpace, Rule::DoubledPunctuation] {
            paragraph.text = repair(&paragraph.text, rule, Some(paragraph.line), &mut report);
        }
    }
    paragraphs.retain(|p| !p.text.trim().is_empty());

    // The title: the page's heading, a document site's 《title》, a short first line, or
    // else the lead sentence made into a headline.
    let first_is_title = paragraphs.first().is_some_and(|p| is_title_like(&p.text));
    let (title, how) = if let Some(title) = html_title {
        (title, "the page's heading")
    } else if let Some(title) = fields.title.clone() {
        (title, "the document's name in 《》")
    } else if first_is_title {
        let line = paragraphs.remove(0);
        report.removed.push(Removed {
            kind: "title line",
            line: line.line,
            text: line.text.clone(),
        });
        (line.text, "the first line")
    } else {
        let lead = paragraphs.first().map_or("", |p| p.text.as_str());
        let lead = extract::lead_credit(lead).map_or(lead, |(_, len)| &lead[len..]);
        match extract::headline_from_lead(lead, &site.fold(lead)) {
            Some(headline) => {
                report
                    .unsure
                    .push("the page has no title: one was made from the first sentence".into());
                (headline, "the first sentence")
            }
            None => {
                report
                    .problems
                    .push("no title found: add one as the first line".into());
                (String::new(), "")
            }
        }
    };
    remove_repeats(&title, &mut paragraphs, &mut report.removed);
    report.fields.push(("title", title.clone(), how.into()));

    // The lead's credit, `本网讯（通讯员郭海洲）`: its person is the author.
    let mut author = fields.author.clone().map(|a| (a, "an author line"));
    if let Some(first) = paragraphs.first_mut()
        && let Some((name, len)) = extract::lead_credit(&first.text)
    {
        report.removed.push(Removed {
            kind: "lead credit",
            line: first.line,
            text: first.text[..len].to_string(),
        });
        first.text.drain(..len);
        author.get_or_insert((name, "the lead's credit"));
    }

    let body_text: String = paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let date = date_of(&fields, &paragraphs, &text, site, &mut report);
    let source = fields.source.clone();
    let department = find_department(source.as_deref(), &title, &body_text, site, &mut report);
    if let Some(source) = &source {
        report
            .fields
            .push(("source", source.clone(), "a source line".into()));
    }
    if let Some((author, how)) = &author {
        report
            .fields
            .push(("author", author.clone(), (*how).into()));
    }
    if let Some(editor) = &fields.editor {
        report
            .fields
            .push(("editor", editor.clone(), "an editor line (not kept)".into()));
    }
    let script = site
        .converter
        .script_evidence(&format!("{title}\n{body_text}"))
        .verdict()
        .unwrap_or(Script::Hans);
    report
        .fields
        .push(("script", script.name().into(), "its characters".into()));
    if paragraphs.is_empty() {
        report.problems.push("no text left after cleaning".into());
    }

    report.removed.sort_by_key(|r| r.line);
    let (Some((year, date)), Some(department), true) =
        (date, department, report.problems.is_empty())
    else {
        return (None, report);
    };
    let mut markdown = format!(
        "---\ntitle: {}\ndate: {date}\ndepartment: {department}\n",
        yaml_string(&title)
    );
    if let Some(source) = &source {
        markdown.push_str(&format!("source: {}\n", yaml_string(source)));
    }
    if let Some((author, _)) = &author {
        markdown.push_str(&format!("author: {}\n", yaml_string(author)));
    }
    markdown.push_str(&format!("script: {}\n---\n", script_key(script)));
    for paragraph in &paragraphs {
        markdown.push('\n');
        if layout::is_heading(&paragraph.text) {
            markdown.push_str("## ");
        }
        markdown.push_str(&paragraph.text);
        markdown.push('\n');
    }
    let draft = Draft {
        year,
        slug: slug::from_title(&title),
        markdown,
    };
    (Some(draft), report)
}

/// Applies one rule to `text` and records what it did; `line` is the input line `text` starts
/// on, when `text` is one paragraph rather than the whole input.
fn repair(text: &str, rule: Rule, line: Option<usize>, report: &mut Report) -> String {
    let fixes = rule.find(text);
    for fix in &fixes {
        let line = line.unwrap_or_else(|| text[..fix.range.start].matches('\n').count() + 1);
        // Show a little context around short repairs, so that `，` → `` reads.
        let context_start = text[..fix.range.start]
            .char_indices()
            .rev()
            .nth(3)
            .map_or(0, |(i, _)| i)
            .max(text[..fix.range.start].rfind('\n').map_or(0, |i| i + 1));
        let context_end = text[fix.range.end..]
            .char_indices()
            .nth(3)
            .map_or(text.len(), |(i, _)| fix.range.end + i)
            .min(
                text[fix.range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| fix.range.end + i),
            );
        let before = &text[context_start..context_end];
        let after = fix.replacement.as_ref().map(|r| {
            format!(
                "{}{r}{}",
                &text[context_start..fix.range.start],
                &text[fix.range.end..context_end]
            )
        });
        if let Some(doubt) = fix.doubt {
            report.unsure.push(format!("line {line}: {doubt}"));
        }
        if fix.replacement.is_none() {
            report.unsure.push(format!(
                "line {line}: {} that cannot be repaired safely: `{before}`",
                rule.message()
            ));
        }
        report.repairs.push(Repair {
            rule,
            line,
            before: before.to_string(),
            after,
        });
    }
    damage::apply(text, &fixes)
}

/// A line that can stand as a headline: short, one clause, not a date or a salutation.
fn is_title_like(text: &str) -> bool {
    let length = text.chars().count();
    (4..=60).contains(&length)
        && !text.contains(['。', '；', '！', '？'])
        && !text.ends_with(['：', '，'])
        && text.matches('，').count() <= 1
        && !layout::is_heading(text)
        && extract::whole_date(text).is_none()
}

/// Drops the title repeated in the text (document sites print it again, sometimes twice in a
/// row) and paragraphs that repeat an earlier one.
fn remove_repeats(
    title: &str,
    paragraphs: &mut Vec<layout::Paragraph>,
    removed: &mut Vec<Removed>,
) {
    let title_lower = title.to_lowercase();
    let is_title_again = |text: &str| {
        let text = text.to_lowercase();
        let length = text.chars().count();
        !title_lower.is_empty()
            && !text.contains(['。', '，'])
            && length <= 3 * title_lower.chars().count()
            && (text == title_lower || text.chars().all(|c| title_lower.contains(c)))
    };
    let mut seen: Vec<String> = Vec::new();
    paragraphs.retain(|p| {
        let kind = if is_title_again(&p.text) {
            "repeated title"
        } else if p.text.chars().count() >= 6 && seen.contains(&p.text) {
            "repeated paragraph"
        } else {
            seen.push(p.text.clone());
            return true;
        };
        removed.push(Removed {
            kind,
            line: p.line,
            text: p.text.clone(),
        });
        false
    });
}

/// The date: from a date line, a dateline of its own, or the lead; a date without a year
/// takes the year the text mentions most, else `--year`. `(year, front matter value)`.
fn date_of(
    fields: &layout::Fields,
    paragraphs: &[layout::Paragraph],
    text: &str,
    site: &ImportContext,
    report: &mut Report,
) -> Option<(i32, String)> {
    let from_field = fields
        .date
        .as_deref()
        .and_then(|value| extract::find_date(value).map(|(d, _)| (d, "a date line")));
    let from_dateline = fields.dateline.map(|(d, _)| (d, "a dateline"));
    let from_lead = paragraphs.first().and_then(|p| {
        let (date, range) = extract::find_date(&p.text)?;
        (p.text[..range.start].chars().count() <= 12).then_some((date, "the lead"))
    });
    let Some((date, how)) = from_field.or(from_dateline).or(from_lead) else {
        report
            .problems
            .push("no date found: add a line such as `时间：2022-03-26`".into());
        return None;
    };
    let (year, how) = match date.year {
        Some(year) => (year, how.to_string()),
        None => match (extract::most_mentioned_year(text), site.year) {
            (Some(year), _) => {
                report.unsure.push(format!(
                    "the date has no year; {year}, the year the text mentions most, was taken"
                ));
                (year, format!("{how}, year from the text"))
            }
            (None, Some(year)) => (year, format!("{how}, year from --year")),
            (None, None) => {
                report.problems.push(format!(
                    "the date {}月{}日 has no year and the text names none: pass --year",
                    date.month, date.day
                ));
                return None;
            }
        },
    };
    let value = date.front_matter(year);
    if year > chrono::Utc::now().year_ce().1 as i32 {
        report
            .unsure
            .push(format!("the date {value} is in the future"));
    }
    report.fields.push(("date", value.clone(), how));
    Some((year, value))
}

/// The department: named by the source line, else in the title, else `--department`, else
/// the one the text names most (unsure). Its key, for front matter.
fn find_department(
    source: Option<&str>,
    title: &str,
    body: &str,
    site: &ImportContext,
    report: &mut Report,
) -> Option<String> {
    let names: Vec<(&str, usize)> = site.departments.folded_names().collect();
    let longest_in = |text: &str| {
        let folded = site.fold(text);
        names
            .iter()
            .filter(|(name, _)| {
                folded.contains(name)
                    || (folded.chars().count() >= 2 && name.contains(folded.as_str()))
            })
            .max_by_key(|(name, _)| name.chars().count())
            .map(|&(_, i)| i)
    };
    let found = source
        .and_then(|s| longest_in(s).map(|i| (i, "the source line".to_string())))
        .or_else(|| longest_in(title).map(|i| (i, "named in the title".to_string())))
        .or_else(|| site.fallback.map(|i| (i, "--department".to_string())))
        .or_else(|| {
            let folded = site.fold(body);
            let mut counts = vec![0; names.iter().map(|&(_, i)| i + 1).max().unwrap_or(0)];
            for &(name, i) in &names {
                counts[i] += folded.matches(name).count();
            }
            let most = *counts.iter().max()?;
            let best: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] == most).collect();
            match best.as_slice() {
                [i] if most > 0 => {
                    let times = if most == 1 {
                        "once".to_string()
                    } else {
                        format!("{most} times")
                    };
                    report.unsure.push(format!(
                        "the department was guessed: the text names it {times}"
                    ));
                    Some((*i, format!("named {times} in the text")))
                }
                _ => None,
            }
        });
    match found {
        Some((i, how)) => {
            let (key, name) = site.departments.get(i);
            report
                .fields
                .push(("department", format!("{key} ({name})"), how));
            Some(key.to_string())
        }
        None => {
            report.problems.push(
                "no configured department is named: pass --department, or add the office to `departments:` in bulletin.yaml (aliases too)".into(),
            );
            None
        }
    }
}

fn script_key(script: Script) -> &'static str {
    match script {
        Script::Hans => "hans",
        Script::Hant => "hant",
        Script::HantTw => "hant-tw",
        Script::HantHk => "hant-hk",
    }
}

/// The `--keep-removed` side file: every removed line, with its place in the input.
fn removed_text(imported: &Imported) -> String {
    let mut text = format!(
        "# Lines removed from {} by bulletin import\n",
        imported.input.display()
    );
    for removed in &imported.report.removed {
        text.push_str(&format!(
            "line {} ({}): {}\n",
            removed.line, removed.kind, removed.text
        ));
    }
    text
}

impl fmt::Display for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = &self.report;
        match &self.output {
            Some(output) => writeln!(f, "{} -> {}", self.input.display(), output.display())?,
            None => writeln!(f, "{} -> not imported", self.input.display())?,
        }
        writeln!(f, "  encoding    {}", report.encoding)?;
        for (field, value, how) in &report.fields {
            writeln!(f, "  {field:<11} {value}  ({how})")?;
        }
        for rule in Rule::ALL {
            let repairs: Vec<&Repair> = report.repairs.iter().filter(|r| r.rule == rule).collect();
            if let Some(first) = repairs.first() {
                let example = match &first.after {
                    Some(after) => format!("`{}` -> `{after}`", first.before),
                    None => format!("`{}` left as it was", first.before),
                };
                writeln!(
                    f,
                    "  repaired    {} × {}, e.g. line {}: {example}",
                    repairs.len(),
                    rule.name(),
                    first.line
                )?;
            }
        }
        for removed in &report.removed {
            writeln!(
                f,
                "  removed     line {} ({}): {}",
                removed.line, removed.kind, removed.text
            )?;
        }
        for unsure in &report.unsure {
            writeln!(f, "  unsure      {unsure}")?;
        }
        for problem in &report.problems {
            writeln!(f, "  problem     {problem}")?;
        }
        Ok(())
    }
}
