//! `bulletin import`: scraped pages and text files to clean news items, with a report per file
//! of what was taken from it, what was removed or repaired, and what is unsure.
//!
//! Nothing is lost: the input files are only read, every removed line is listed in the report
//! (and kept beside the item with `--keep-removed`), and every repair shows before and after.

mod content;
mod dating;
mod decode;
pub mod departments;
mod extract;
mod filing;
mod furniture;
mod headline;
mod html;
mod layout;
mod listing;
mod metadata;
mod office;
mod photos;
mod report;
mod spacing;
mod summary;
mod text;
mod titling;
mod trim;

use report::removed_text;
pub use report::{Repair, Report};
pub use summary::Summary;
use text::{Draft, ImportContext, import_text};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::site::CONTENT_DIR;
use crate::stages::load::GroupNames;
use crate::text::converter::Converter;

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
    /// The date of pages that give none at all.
    pub date: Option<chrono::NaiveDate>,
    /// Report only; write nothing.
    pub dry_run: bool,
    /// Write the removed lines beside each item, as `<slug>.removed.txt`.
    pub keep_removed: bool,
    /// Add the offices pages name that match no department to `departments:` first, so that
    /// the items name them.
    pub add_departments: bool,
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

/// What an import did: each file's outcome, in order, and the offices that match no
/// department (added to `bulletin.yaml` with `add_departments`).
pub struct Outcome {
    pub imported: Vec<Imported>,
    pub offices: Vec<(String, String)>,
    pub offices_added: bool,
}

/// Imports every input file, writing items unless `dry_run`. With `add_departments`, a first
/// pass finds the offices no department matches and adds them to `bulletin.yaml`, and the
/// second imports with them.
pub fn import(options: &ImportOptions) -> Result<Outcome> {
    let config = Config::load(&options.root)?;
    let converter = Converter::for_site(config.engine)?;
    if options.add_departments && !options.dry_run {
        let trial = ImportOptions {
            dry_run: true,
            progress: None,
            ..options.clone()
        };
        let first = import_files(&trial, &config, &converter)?;
        let offices = departments::unmatched(&config, &converter, &first);
        if !offices.is_empty() {
            departments::add_to_config(&options.root, &offices)?;
        }
        let config = Config::load(&options.root)?;
        let imported = import_files(options, &config, &converter)?;
        return Ok(Outcome {
            imported,
            offices_added: !offices.is_empty(),
            offices,
        });
    }
    let imported = import_files(options, &config, &converter)?;
    Ok(Outcome {
        offices: departments::unmatched(&config, &converter, &imported),
        imported,
        offices_added: false,
    })
}

/// One pass over the input files.
fn import_files(
    options: &ImportOptions,
    config: &Config,
    converter: &Converter,
) -> Result<Vec<Imported>> {
    let departments = GroupNames::departments(config, converter);
    let site = ImportContext {
        converter,
        departments: &departments,
        fallback: fallback_department(options, &departments, converter)?,
        year: options.year,
        date: options.date,
    };
    let mut taken: HashSet<PathBuf> = existing_items(&options.root).into_iter().collect();
    // (title in simplified script, date) of each page imported, and its file.
    let mut seen: HashMap<(String, String), PathBuf> = HashMap::new();
    let mut imported = Vec::new();
    let inputs = input_files(&options.inputs)?;
    let total = inputs.len();
    for (done, (input, web_path)) in inputs.into_iter().enumerate() {
        if let Some(progress) = options.progress {
            progress(done, total, &input);
        }
        let bytes = std::fs::read(&input).map_err(|e| Error::read(&input, e))?;
        let saved_as = input.to_string_lossy();
        let saved_in = input.parent();
        let (draft, mut report) = import_text(
            &bytes,
            Some(&saved_as),
            web_path.as_deref(),
            saved_in,
            &site,
        );
        let draft = draft.filter(|draft| {
            let key = (converter.convert(&draft.title, "t2s"), draft.date.clone());
            match seen.get(&key) {
                Some(first) => {
                    report.skipped = Some("a duplicate of another page");
                    report
                        .unsure
                        .push(format!("same title and date as {}", first.display()));
                    false
                }
                None => {
                    seen.insert(key, input.clone());
                    true
                }
            }
        });
        let mut outcome = Imported {
            input,
            output: None,
            markdown: String::new(),
            report,
        };
        if let Some(draft) = draft {
            let path = free_path(&draft, &mut taken);
            if !options.dry_run {
                write_item(&options.root.join(&path), &draft, &outcome, options)?;
            }
            outcome.output = Some(path);
            outcome.markdown = draft.markdown;
        }
        imported.push(outcome);
    }
    Ok(imported)
}

/// The department `--department` names, by its position among the configured ones.
fn fallback_department(
    options: &ImportOptions,
    departments: &GroupNames,
    converter: &Converter,
) -> Result<Option<usize>> {
    let Some(written) = &options.department else {
        return Ok(None);
    };
    let problem = format!("--department `{written}` is not a configured department");
    departments
        .find_given(written, converter, problem)
        .map(Some)
}

/// Writes an imported item at `full`, with its photos beside it and, if asked, the lines
/// taken off its page.
fn write_item(
    full: &Path,
    draft: &Draft,
    outcome: &Imported,
    options: &ImportOptions,
) -> Result<()> {
    crate::site::write_new_file(full, &draft.markdown)?;
    copy_photos(full, &draft.photos)?;
    if options.keep_removed && !outcome.report.removed.is_empty() {
        let side = full.with_extension("removed.txt");
        crate::site::write_new_file(&side, &removed_text(outcome))?;
    }
    Ok(())
}

/// Copies a page's saved photos into the folder beside its item (`huiyi/` of `huiyi.md`).
fn copy_photos(item: &Path, photos: &[photos::SavedPhoto]) -> Result<()> {
    let folder = item.with_extension("");
    for photo in photos {
        std::fs::create_dir_all(&folder).map_err(|e| Error::write(&folder, e))?;
        let target = folder.join(&photo.name);
        std::fs::copy(&photo.source, &target).map_err(|e| Error::write(&target, e))?;
    }
    Ok(())
}

/// Imports one page's bytes as `import` imports a file, reading and writing nothing: the
/// item's Markdown, if the page can become one, and the report. `fallback` is the index of
/// the department of pages that name none; `year` and `date` stand in for what a page lacks;
/// `address` is where the page was found, which may date it.
pub fn import_bytes(
    bytes: &[u8],
    converter: &Converter,
    departments: &GroupNames,
    fallback: Option<usize>,
    year: Option<i32>,
    date: Option<chrono::NaiveDate>,
    address: Option<&str>,
) -> (Option<String>, Report) {
    let site = ImportContext {
        converter,
        departments,
        fallback,
        year,
        date,
    };
    let (draft, report) = import_text(bytes, address, None, None, &site);
    (draft.map(|d| d.markdown), report)
}

/// The files named, directories walked for text and HTML files, sorted.
/// With each file, its web path when it is a saved HTML page under a directory named
/// (`xwzx/202105/t20210510_2465883.html`): the old address it had.
fn input_files(inputs: &[PathBuf]) -> Result<Vec<(PathBuf, Option<String>)>> {
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
                    let is_page = entry
                        .path()
                        .extension()
                        .is_some_and(|e| e.to_string_lossy().to_lowercase().starts_with("htm"));
                    let under = entry.path().strip_prefix(input).ok().filter(|_| is_page);
                    let web_path =
                        under.map(|p| format!("/{}", p.to_string_lossy().replace('\\', "/")));
                    files.push((entry.into_path(), web_path));
                }
            }
        } else if input.is_file() {
            files.push((input.clone(), None));
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
fn free_path(draft: &Draft, taken: &mut HashSet<PathBuf>) -> PathBuf {
    let dir = Path::new(CONTENT_DIR).join(draft.year.to_string());
    let path = (1..)
        .map(|n| match n {
            1 => dir.join(format!("{}.md", draft.slug)),
            n => dir.join(format!("{}-{n}.md", draft.slug)),
        })
        .find(|path| !taken.contains(path))
        .expect("some suffix is free");
    taken.insert(path.clone());
    path
}
