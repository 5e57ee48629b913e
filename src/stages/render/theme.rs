//! The theme: Tera templates, static files and interface strings. The default theme is embedded
//! in the binary; a site overrides it file by file from `themes/<name>/` and `templates/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::Config;
use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Problem, Result};

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../../themes/default/", $path)))),*]
    };
}

/// The default theme, as `(path inside the theme, contents)`.
const DEFAULT_THEME: &[(&str, &str)] = embedded![
    "strings.yaml",
    "static/style.css",
    "static/print.css",
    "static/reading.js",
    "static/search.js",
    "templates/base.html",
    "templates/home.html",
    "templates/item.html",
    "templates/archive.html",
    "templates/year.html",
    "templates/list.html",
    "templates/departments.html",
    "templates/columns.html",
    "templates/disclosure.html",
    "templates/contact.html",
    "templates/sitemap.html",
    "templates/search.html",
    "templates/edition.html",
    "templates/editions.html",
    "templates/404.html",
    "templates/partials/item_list.html",
    "templates/partials/pagination.html",
];

/// One theme file and where it came from, so that errors can point at it.
#[derive(Debug, Clone)]
struct ThemeFile {
    contents: String,
    /// A real path relative to the site root, or `(built-in) ...` for embedded files.
    origin: PathBuf,
}

/// A loaded theme: compiled templates, files to publish under `/static/`, and interface strings
/// (written in simplified script; the conversion stage makes the other variants).
pub struct Theme {
    pub tera: Tera,
    /// Where each template came from, by template name, for error messages.
    origins: BTreeMap<String, PathBuf>,
    pub static_files: BTreeMap<String, Vec<u8>>,
    pub strings: serde_yaml::Mapping,
    /// The digest of the templates and strings: pages are made again when it changes. Static
    /// files are left out: a stylesheet edit changes no page.
    pub digest: Key,
    /// Symbolic links in the theme's and the site's templates that were left out.
    pub refused_links: Vec<Problem>,
}

impl Theme {
    /// The default theme, under the site's theme (`themes/<name>/`) and its own templates
    /// (`templates/`), file by file.
    pub fn load(config: &Config) -> Result<Theme> {
        let (files, refused_links) = theme_files(config)?;
        let mut digest = KeyBuilder::default();
        let mut templates = Vec::new();
        let mut static_files = BTreeMap::new();
        let mut strings_file = None;
        for (path, file) in &files {
            if !path.starts_with("static/") {
                digest = digest.with(path).with(&file.contents);
            }
            if let Some(name) = path.strip_prefix("templates/") {
                templates.push((name.to_string(), file));
            } else if let Some(name) = path.strip_prefix("static/") {
                static_files.insert(name.to_string(), file.contents.clone().into_bytes());
            } else if path == "strings.yaml" {
                strings_file = Some(file);
            }
        }
        let strings = match strings_file {
            Some(file) => serde_yaml::from_str(&file.contents).map_err(|e| {
                let line = e.location().map_or(0, |l| l.line());
                Error::invalid(vec![
                    Problem::new(&file.origin, line, format!("interface strings: {e}"))
                        .with_hint("strings.yaml maps names to text, e.g. `home: 首页`"),
                ])
            })?,
            None => serde_yaml::Mapping::new(),
        };
        let mut tera = Tera::new();
        tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, file)| (name.as_str(), file.contents.as_str())),
        )
        .map_err(|e| {
            let origin_of = |name: &str| {
                templates
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, f)| f.origin.clone())
            };
            Error::invalid(vec![template_problem(&e, origin_of)])
        })?;
        let origins = templates
            .iter()
            .map(|(name, file)| (name.clone(), file.origin.clone()))
            .collect();
        Ok(Theme {
            tera,
            origins,
            static_files,
            strings,
            digest: digest.finish(),
            refused_links,
        })
    }
}

/// Every file of the theme by its path in the theme: the built-in default's, replaced one by
/// one by the site's theme and then by the site's own templates.
fn theme_files(config: &Config) -> Result<(BTreeMap<String, ThemeFile>, Vec<Problem>)> {
    let mut files: BTreeMap<String, ThemeFile> = DEFAULT_THEME
        .iter()
        .map(|(path, contents)| {
            let file = ThemeFile {
                contents: (*contents).to_string(),
                origin: Path::new("(built-in default theme)").join(path),
            };
            ((*path).to_string(), file)
        })
        .collect();
    let mut refused = Vec::new();
    let theme_dir = Path::new(crate::site::THEMES_DIR).join(&config.theme);
    if config.root.join(&theme_dir).is_dir() {
        refused.extend(overlay(&mut files, &config.root, &theme_dir, "")?);
    } else if config.theme != "default" {
        return Err(Error::invalid(vec![
            Problem::new(
                Path::new(crate::site::CONFIG_FILE),
                0,
                format!("theme `{}` not found", config.theme),
            )
            .with_hint(format!(
                "create {} or set `theme: default`",
                theme_dir.display()
            )),
        ]));
    }
    refused.extend(overlay(
        &mut files,
        &config.root,
        Path::new(crate::site::TEMPLATES_DIR),
        "templates/",
    )?);
    Ok((files, refused))
}

impl Theme {
    /// The file a template was loaded from.
    pub fn origin(&self, template: &str) -> Option<PathBuf> {
        self.origins.get(template).cloned()
    }
}

/// Replaces or adds the files found under `root/dir`, keyed by `prefix` plus their path in `dir`.
fn overlay(
    files: &mut BTreeMap<String, ThemeFile>,
    root: &Path,
    dir: &Path,
    prefix: &str,
) -> Result<Vec<Problem>> {
    let absolute = root.join(dir);
    let walked = crate::site::walk(root, &absolute)?;
    for path in walked.files {
        let inside = path.strip_prefix(&absolute).expect("walked from here");
        let key = format!("{prefix}{}", inside.to_string_lossy().replace('\\', "/"));
        let origin = dir.join(inside);
        let contents = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
        files.insert(key, ThemeFile { contents, origin });
    }
    Ok(walked.refused)
}

/// A template error as a problem located in the template's file.
pub fn template_problem(
    error: &tera::Error,
    origin_of: impl Fn(&str) -> Option<PathBuf>,
) -> Problem {
    let hint = "fix the template; the theme contract is described in README.md";
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let file =
                origin_of(report.filename()).unwrap_or_else(|| PathBuf::from(report.filename()));
            let span = report.span();
            Problem::new(
                &file,
                span.start_line,
                format!("template error: {}", report.message()),
            )
            .at_column(span.start_col + 1)
            .with_hint(hint)
        }
        _ => Problem::new(
            Path::new(crate::site::THEMES_DIR),
            0,
            format!("template error: {error}"),
        )
        .with_hint(hint),
    }
}
