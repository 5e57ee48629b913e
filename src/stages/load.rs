//! Stage 1: load every `content/**/*.md` into a validated item, reporting every problem at once.

pub mod screening;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::config::{Config, is_url_key, key_line};
use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Problem, Result, closest};
use crate::stages::item::{Disclosure, SourceItem};
use crate::text::converter::Converter;
use crate::text::glossary::RawGlossary;
use crate::text::markdown::split_front_matter;
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

/// Which items a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<chrono::Utc>,
    /// Leave out the files with problems instead of failing, as `bulletin check` does to
    /// look at the rest of the site.
    pub skip_problems: bool,
}

impl Selection {
    pub fn publishes(&self, item: &SourceItem) -> bool {
        (self.drafts || !item.draft) && (self.future || item.date <= self.now)
    }
}

/// What one content file became, and the digest of what it was made from.
#[derive(Debug)]
struct KnownFile {
    digest: Key,
    parsed: Parsed,
}

/// Every content file as last read, kept between builds so that a rebuild reads and parses
/// only the files that changed. It starts out stale: the first load reads everything.
#[derive(Debug)]
pub struct ContentFiles {
    /// By path relative to the site root, in path order.
    files: BTreeMap<PathBuf, KnownFile>,
    /// The settings the files were parsed with; other settings mean parsing again.
    settings: Option<Key>,
    stale: Stale,
}

/// What may differ on disk from `ContentFiles::files`.
#[derive(Debug)]
enum Stale {
    Nothing,
    /// These paths (absolute, or relative to the root) were created, changed or removed.
    Paths(BTreeSet<PathBuf>),
    Everything,
}

impl Default for ContentFiles {
    fn default() -> Self {
        ContentFiles {
            files: BTreeMap::new(),
            settings: None,
            stale: Stale::Everything,
        }
    }
}

impl ContentFiles {
    /// The watcher saw these paths change; the next load reads them again.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        match &mut self.stale {
            Stale::Everything => {}
            Stale::Nothing => self.stale = Stale::Paths(paths.into_iter().collect()),
            Stale::Paths(known) => known.extend(paths),
        }
    }

    /// Anything may have changed (the watcher lost events): the next load reads everything.
    pub fn forget(&mut self) {
        self.stale = Stale::Everything;
    }

    /// The items the selection publishes, in path order, or every problem of every file.
    pub fn published(&self, selection: Selection) -> Result<Vec<&SourceItem>> {
        let (mut items, problems) = self.all();
        if !problems.is_empty() && !selection.skip_problems {
            return Err(Error::invalid(problems));
        }
        // Skipping problems skips the items they name too (a duplicate slug names both).
        let troubled: BTreeSet<&Path> = problems.iter().map(|p| p.file.as_path()).collect();
        items.retain(|item| selection.publishes(item) && !troubled.contains(item.path.as_path()));
        Ok(items)
    }

    /// Every item that parsed, whether published or not, and every problem of the others
    /// (duplicate slugs included), in path order: what `bulletin check` looks at.
    pub fn all(&self) -> (Vec<&SourceItem>, Vec<Problem>) {
        let mut items = Vec::with_capacity(self.files.len());
        let mut problems = Vec::new();
        for file in self.files.values() {
            match &file.parsed {
                Ok((item, _)) => items.push(item),
                Err(found) => problems.extend(found.iter().cloned()),
            }
        }
        problems.extend(duplicate_slugs(&items));
        (items, problems)
    }

    /// Warnings worth an editor's look, such as mixed scripts, in path order.
    pub fn warnings(&self) -> Vec<Problem> {
        self.files
            .values()
            .filter_map(|file| file.parsed.as_ref().ok()?.1.clone())
            .collect()
    }
}

/// The digest of a content file: the settings it is parsed under, its path (the slug may come
/// from it) and its bytes.
fn source_digest(settings: Key, path: &Path, bytes: &[u8]) -> Key {
    KeyBuilder::default()
        .with(&settings)
        .with(path)
        .with(bytes)
        .finish()
}

/// The load stage: brings `files` up to date with the disk, reading what may have changed and
/// parsing what did. `settings` digests everything else that shapes an item (configuration,
/// engine, glossary); when it differs from the last load's, every file is parsed again.
pub fn load_items(
    config: &Config,
    converter: &Converter,
    settings: Key,
    files: &mut ContentFiles,
) -> Result<()> {
    if files.settings != Some(settings) {
        files.files.clear();
        files.stale = Stale::Everything;
        files.settings = Some(settings);
    }
    let content_dir = config.root.join(crate::site::CONTENT_DIR);
    let relative = |path: &Path| {
        path.strip_prefix(&config.root)
            .unwrap_or(path)
            .to_path_buf()
    };
    // Either every file was listed (`complete`), or exactly the ones that changed.
    // Until the listing succeeds, everything stays stale.
    let (to_read, complete) = match std::mem::replace(&mut files.stale, Stale::Everything) {
        Stale::Nothing => {
            files.stale = Stale::Nothing;
            return Ok(());
        }
        Stale::Paths(paths) => {
            let paths: Vec<PathBuf> = paths
                .into_iter()
                .map(|p| config.root.join(p))
                .filter(|p| p.starts_with(&content_dir))
                .collect();
            // A directory created, moved or removed: its files are not named one by one. An
            // editor's temporary file, gone after its rename, is not one.
            let held_under = |dir: &Path| {
                let dir = relative(dir);
                let mut after = files.files.range(dir.clone()..);
                after.next().is_some_and(|(path, _)| path.starts_with(&dir))
            };
            if paths
                .iter()
                .any(|p| p.is_dir() || (!is_item_file(p) && !p.exists() && held_under(p)))
            {
                (all_item_files(&content_dir)?, true)
            } else {
                for path in &paths {
                    files.files.remove(&relative(path));
                }
                let existing = paths.into_iter().filter(|p| is_item_file(p) && p.is_file());
                (existing.collect(), false)
            }
        }
        Stale::Everything => (all_item_files(&content_dir)?, true),
    };
    files.stale = Stale::Nothing;
    if complete {
        let listed: HashSet<PathBuf> = to_read.iter().map(|p| relative(p)).collect();
        files.files.retain(|path, _| listed.contains(path));
    }
    let names = SiteNames::new(config, converter);
    let read: Vec<(PathBuf, std::result::Result<Vec<u8>, std::io::Error>)> = to_read
        .par_iter()
        .map(|path| (relative(path), std::fs::read(path)))
        .collect();
    let parsed: Vec<(PathBuf, KnownFile)> = read
        .into_par_iter()
        .filter_map(|(path, bytes)| {
            let bytes = match bytes {
                Ok(bytes) => bytes,
                // Removed between listing and reading: a later event brings it back.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
                Err(e) => {
                    let problem = Problem::new(&path, 0, format!("cannot read: {e}"));
                    let known = KnownFile {
                        digest: Key(0, 0),
                        parsed: Err(vec![problem]),
                    };
                    return Some((path, known));
                }
            };
            let digest = source_digest(settings, &path, &bytes);
            if files
                .files
                .get(&path)
                .is_some_and(|known| known.digest == digest)
            {
                return None;
            }
            let parsed = parse_item(&path, &bytes, digest, config.timezone, &names, converter);
            Some((path, KnownFile { digest, parsed }))
        })
        .collect();
    files.files.extend(parsed);
    Ok(())
}

fn is_item_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// Every `.md` file under `content/`.
fn all_item_files(content_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in WalkDir::new(content_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(content_dir).to_path_buf();
            Error::read(&path, e.into())
        })?;
        if entry.file_type().is_file() && is_item_file(entry.path()) {
            paths.push(entry.into_path());
        }
    }
    Ok(paths)
}

fn duplicate_slugs(items: &[&SourceItem]) -> Vec<Problem> {
    let mut first_by_slug: HashMap<&str, &SourceItem> = HashMap::new();
    let mut problems = Vec::new();
    for &item in items {
        if let Some(first) = first_by_slug.insert(&item.slug, item) {
            problems.push(
                Problem::new(&item.path, 1, format!("slug `{}` is already used by {}", item.slug, first.path.display()))
                    .with_hint("every item needs its own slug: rename the file or set `slug:` in the front matter")
                    .with_rule("duplicate-slug"),
            );
            first_by_slug.insert(&first.slug, first);
        }
    }
    problems
}

/// One file parsed: the item and perhaps a warning, or every problem it has.
pub type Parsed = std::result::Result<(SourceItem, Option<Problem>), Vec<Problem>>;

/// Parses one file. `path` is relative to the site root and is what problems name. A good
/// item may come with a warning: a text that mixes the scripts heavily.
pub fn parse_item(
    path: &Path,
    bytes: &[u8],
    digest: Key,
    timezone: Tz,
    names: &SiteNames,
    converter: &Converter,
) -> Parsed {
    let text = decode_utf8(path, bytes).map_err(|p| vec![p])?;
    let controls = screening::control_characters(path, text);
    if !controls.is_empty() {
        return Err(controls);
    }
    let (front, body) = split_front_matter(text).ok_or_else(|| {
        vec![Problem::new(path, 1, "no front matter").with_hint(
            "start the file with a line `---`, then `title:`, `date:` and `department:`, then a line `---`",
        )]
    })?;
    // Line numbers in the front matter are offset by the opening `---` line.
    let line_of = |key: &str| key_line(front, key) + 1;
    let raw: RawFrontMatter = if front.trim().is_empty() {
        serde_yaml::from_str("{}")
    } else {
        serde_yaml::from_str(front)
    }
    .map_err(|e| {
        let (line, column) = e.location().map_or((1, 0), |l| (l.line() + 1, l.column()));
        vec![Problem::new(path, line, format!("front matter: {e}"))
            .at_column(column)
            .with_hint("fields are title, date, department, column, source, author, tags, summary, script, slug, draft, pinned, extra, glossary, disclosure, interprets")]
    })?;

    let mut problems = screening::escaped_control_characters(path, front);
    problems.extend(screening::script_addresses(path, front, &raw.extra));
    let mut missing = |key: &str, hint: &str| {
        problems.push(
            Problem::new(path, 1, format!("missing `{key}` in the front matter")).with_hint(hint),
        );
    };
    let title = raw
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if title.is_none() {
        missing("title", "add a line `title: ...` between the `---` lines");
    }
    if raw.date.is_none() {
        missing(
            "date",
            "add a line such as `date: 2022-03-26` or `date: 2022-03-26 09:11:00`",
        );
    }
    if raw.department.is_none() {
        missing(
            "department",
            &format!(
                "add `department:` with one of: {}",
                names.departments.listing()
            ),
        );
    }
    let date = raw.date.as_ref().and_then(|value| {
        parse_date(value, timezone)
            .map_err(|message| {
                problems.push(Problem::new(path, line_of("date"), message).with_hint(
                    "write 2022-03-26, 2022-03-26 09:11:00 or 2022-03-26T09:11:00+08:00",
                ))
            })
            .ok()
    });
    let department = raw.department.as_deref().and_then(|name| {
        names
            .departments
            .find(name, converter)
            .map_err(|hint| {
                problems.push(
                    Problem::new(
                        path,
                        line_of("department"),
                        format!("unknown department `{name}`"),
                    )
                    .with_hint(hint)
                    .with_rule("unknown-department"),
                )
            })
            .ok()
    });
    let column = raw.column.as_deref().and_then(|name| {
        names
            .columns
            .find(name, converter)
            .map_err(|hint| {
                problems.push(
                    Problem::new(path, line_of("column"), format!("unknown column `{name}`"))
                        .with_hint(hint)
                        .with_rule("unknown-column"),
                )
            })
            .ok()
    });
    let disclosure = raw.disclosure.map(|raw| {
        let written = raw.written.as_ref().and_then(|value| {
            parse_date(value, timezone)
                .map(|date| date.format("%Y-%m-%d").to_string())
                .map_err(|message| {
                    problems.push(
                        Problem::new(
                            path,
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
    });
    let slug = match &raw.slug {
        Some(slug) => Some(slug.clone()),
        None => path.file_stem().map(|s| s.to_string_lossy().into_owned()),
    }
    .filter(|slug| is_url_key(slug) && !RESERVED_SLUGS.contains(&slug.as_str()));
    if slug.is_none() {
        let suggestion = slug::from_title(title.unwrap_or("item"));
        let line = if raw.slug.is_some() {
            line_of("slug")
        } else {
            1
        };
        problems.push(
            Problem::new(path, line, "the item has no usable slug for its URL").with_hint(format!(
                "a slug is lowercase ASCII letters, digits and `-` (not {}); rename the file or add `slug: {suggestion}`",
                RESERVED_SLUGS.join(", ")
            )),
        );
    }
    let evidence = converter.script_evidence(&format!("{}\n{}", title.unwrap_or_default(), body));
    let script = raw.script.or_else(|| evidence.verdict());
    let warning = evidence
        .is_mixed()
        .then(|| mixed_script_warning(path, text, &evidence));

    match (title, date, department, slug) {
        (Some(title), Some(date), Some(department), Some(slug)) if problems.is_empty() => Ok((
            SourceItem {
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
                source: raw.source.filter(|s| !s.trim().is_empty()),
                author: raw.author.filter(|s| !s.trim().is_empty()),
                tags: raw.tags,
                summary: raw.summary.filter(|s| !s.trim().is_empty()),
                script: script.unwrap_or(Script::Hans),
                draft: raw.draft,
                pinned: raw.pinned,
                extra: raw.extra,
                glossary: raw.glossary,
                body: body.to_string(),
                title_line: line_of("title"),
                date_line: line_of("date"),
                body_line: text[..text.len() - body.len()].matches('\n').count() + 1,
            },
            warning,
        )),
        _ => Err(problems),
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

fn decode_utf8<'a>(path: &Path, bytes: &'a [u8]) -> std::result::Result<&'a str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Problem::new(path, line, "the file is not valid UTF-8")
            .at_column(column)
            .with_hint(
                "save it as UTF-8; files in GBK or Big5 can be brought in with `bulletin import`",
            )
    })
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

/// The names of a site's departments and of its columns, as front matter may write them.
pub struct SiteNames {
    pub departments: GroupNames,
    pub columns: GroupNames,
}

impl SiteNames {
    pub fn new(config: &Config, converter: &Converter) -> Self {
        SiteNames {
            departments: GroupNames::departments(config, converter),
            columns: GroupNames::new(
                "columns",
                config
                    .columns
                    .iter()
                    .map(|c| (c.key.as_str(), c.name.as_str(), c.aliases.as_slice())),
                converter,
            ),
        }
    }
}

/// Department (or column) names in both scripts, for matching what editors write.
pub struct GroupNames {
    /// The configuration key they are declared under, for hints: `departments`, `columns`.
    declared_under: &'static str,
    /// (key, configured name, name folded to simplified script), in configuration order.
    entries: Vec<(String, String, String)>,
    /// (folded alias, index into `entries`).
    aliases: Vec<(String, usize)>,
}

impl GroupNames {
    pub fn departments(config: &Config, converter: &Converter) -> Self {
        GroupNames::new(
            "departments",
            config
                .departments
                .iter()
                .map(|d| (d.key.as_str(), d.name.as_str(), d.aliases.as_slice())),
            converter,
        )
    }

    fn new<'a>(
        declared_under: &'static str,
        groups: impl Iterator<Item = (&'a str, &'a str, &'a [String])>,
        converter: &Converter,
    ) -> Self {
        let mut entries = Vec::new();
        let mut aliases = Vec::new();
        for (i, (key, name, also)) in groups.enumerate() {
            entries.push((
                key.to_string(),
                name.to_string(),
                converter.convert(name, "t2s"),
            ));
            aliases.extend(
                also.iter()
                    .map(|alias| (converter.convert(alias, "t2s"), i)),
            );
        }
        GroupNames {
            declared_under,
            entries,
            aliases,
        }
    }

    /// Every name and alias, folded to simplified script, with the index of its department.
    pub fn folded_names(&self) -> impl Iterator<Item = (&str, usize)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, (_, _, name))| (name.as_str(), i))
            .chain(self.aliases.iter().map(|(alias, i)| (alias.as_str(), *i)))
    }

    /// The key and configured name of the department at `index`.
    pub fn get(&self, index: usize) -> (&str, &str) {
        let (key, name, _) = &self.entries[index];
        (key, name)
    }

    /// The index of the department named by key or by name in either script; otherwise a hint
    /// listing the closest configured names.
    pub fn find(&self, written: &str, converter: &Converter) -> std::result::Result<usize, String> {
        let written = written.trim();
        if let Some(i) = self.entries.iter().position(|(key, _, _)| key == written) {
            return Ok(i);
        }
        let folded = converter.convert(written, "t2s");
        if let Some((_, i)) = self.folded_names().find(|(name, _)| *name == folded) {
            return Ok(i);
        }
        let names: Vec<&str> = self
            .entries
            .iter()
            .map(|(_, _, name)| name.as_str())
            .collect();
        let suggestions: Vec<String> = closest(&folded, names)
            .into_iter()
            .map(|name| {
                let (key, configured, _) = self
                    .entries
                    .iter()
                    .find(|(_, _, n)| n == name)
                    .expect("listed");
                format!("{configured} ({key})")
            })
            .collect();
        let under = self.declared_under;
        Err(if suggestions.is_empty() {
            format!("no {under} are configured: add them under `{under}:` in bulletin.yaml")
        } else {
            format!(
                "did you mean {}? They are declared under `{under}:` in bulletin.yaml",
                suggestions.join(", ")
            )
        })
    }

    fn listing(&self) -> String {
        self.entries
            .iter()
            .map(|(key, name, _)| format!("{key} ({name})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

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
            config.timezone,
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
        assert_eq!(item.body, "正文。\n");
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
            config.timezone,
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
