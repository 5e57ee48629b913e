//! The command line: argument parsing and the `build`, `new` and `init` commands.

pub mod progress;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::error::{Error, Problem, Result};
use crate::pipeline::{self, BuildOptions};
use crate::site::write_new_file;
use crate::site::{CONFIG_FILE, CONTENT_DIR};
use crate::stages::load::{GroupNames, yaml_string};
use crate::text::converter::Converter;
use crate::text::slug;

#[derive(Parser)]
#[command(
    name = "bulletin",
    version,
    about = "Static sites for Chinese district news bulletins, in simplified and traditional script"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output directory.
    Build {
        /// The site root, where bulletin.yaml is.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: output_dir from bulletin.yaml).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish items marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Publish items dated in the future.
        #[arg(long)]
        future: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// Replace an output directory that holds files no build of this site wrote.
        #[arg(long)]
        force: bool,
    },
    /// Preview the site: build it in memory, serve it, rebuild and reload pages on change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port; when it is taken, the next free one is used.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        future: bool,
    },
    /// Convert files or standard input between scripts, with the site's glossary.
    Convert {
        /// An OpenCC configuration: s2t, t2s, s2tw, s2twp, s2hk, t2tw, t2hk, tw2sp, ...
        #[arg(long, short = 'c')]
        config: String,
        /// Files to convert (default: standard input). Markdown keeps its code, URLs and
        /// front matter keys.
        files: Vec<PathBuf>,
        /// The site whose glossary.yaml applies, if any.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The engine (default: the site's, else fmmseg): fmmseg or system-opencc.
        #[arg(long, value_parser = parse_engine)]
        engine: Option<crate::text::engine::EngineChoice>,
    },
    /// Turn scraped pages and text files (UTF-8, GBK or Big5) into clean news items under
    /// content/, with a report of what was extracted, removed, repaired and unsure.
    Import {
        /// Files, or directories of .txt, .htm and .html files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The department (key or name) of items whose text names none.
        #[arg(long)]
        department: Option<String>,
        /// The year of dates written without one, when the text mentions none.
        #[arg(long)]
        year: Option<i32>,
        /// Print the reports; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Keep the removed lines beside each item, in <slug>.removed.txt.
        #[arg(long)]
        keep_removed: bool,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Lint the site's content without building it: front matter, departments, dates,
    /// duplicates, broken links, pinyin left by converters, punctuation, mojibake, mixed
    /// scripts. Exits non-zero when there are errors.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// text for people, json for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// The day to check dates against (default: today), as YYYY-MM-DD.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
    /// Write a new news item with its front matter filled in.
    New {
        /// The item's title, in either script.
        title: String,
        /// The department, by key or by name.
        #[arg(long)]
        department: String,
        /// The URL slug (default: pinyin of the title).
        #[arg(long)]
        slug: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site that builds at once.
    Init {
        /// The directory to create the site in.
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Runs the command line and prints any error with its chain of causes.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            future,
            timings,
            force,
        } => {
            let show_progress = progress::enabled();
            let options = BuildOptions {
                output,
                drafts,
                future,
                force,
                progress: show_progress.then_some(progress::stage as fn(&'static str)),
                ..BuildOptions::new(root)
            };
            let report = pipeline::build(&options);
            if show_progress {
                progress::clear();
            }
            let report = report?;
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            if timings {
                eprint!("{}", report.timings);
            }
            println!("{report}");
        }
        Command::Serve {
            root,
            bind,
            port,
            open,
            drafts,
            future,
        } => {
            let server = crate::serve::start(crate::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                future,
            })?;
            println!("serving {} (Ctrl-C to stop)", server.url);
            if open {
                open_in_browser(&server.url);
            }
            server.wait_for_ctrl_c()?;
        }
        Command::Convert {
            config,
            files,
            root,
            engine,
        } => {
            let site_engine = || Config::load(&root).map(|c| c.engine).unwrap_or_default();
            let converter = Converter::for_site(engine.unwrap_or_else(site_engine))?;
            if !crate::text::converter::is_known_conversion(&config) {
                return Err(Error::invalid(vec![Problem::new(Path::new(&config), 0, "not an OpenCC configuration")
                    .with_hint("use one of s2t, t2s, s2tw, s2twp, s2hk, t2tw, t2hk, tw2s, tw2sp, hk2s, tw2t, hk2t")]));
            }
            let glossary = converter.glossary(&crate::text::glossary::RawGlossary::load(&root)?);
            let mut out = std::io::stdout().lock();
            if files.is_empty() {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                    .map_err(|e| Error::read(Path::new("(standard input)"), e))?;
                write_out(
                    &mut out,
                    &crate::text::converter::convert_document(
                        &converter, &text, false, &config, &glossary,
                    ),
                )?;
            }
            for file in files {
                let text = std::fs::read_to_string(&file).map_err(|e| Error::read(&file, e))?;
                let markdown = file
                    .extension()
                    .is_some_and(|e| e == "md" || e == "markdown");
                write_out(
                    &mut out,
                    &crate::text::converter::convert_document(
                        &converter, &text, markdown, &config, &glossary,
                    ),
                )?;
            }
        }
        Command::Import {
            inputs,
            department,
            year,
            dry_run,
            keep_removed,
            root,
        } => {
            let show_progress = progress::enabled();
            let imported = crate::import::import(&crate::import::ImportOptions {
                root,
                inputs,
                department,
                year,
                dry_run,
                keep_removed,
                progress: show_progress.then_some(progress::file as fn(usize, usize, &Path)),
            });
            if show_progress {
                progress::clear();
            }
            let imported = imported?;
            for item in &imported {
                println!("{item}");
            }
            let failed = imported.iter().filter(|i| i.output.is_none()).count();
            let verb = if dry_run { "would import" } else { "imported" };
            println!(
                "{verb} {} of {} files",
                imported.len() - failed,
                imported.len()
            );
            if failed > 0 {
                return Err(Error::Incomplete(format!(
                    "{failed} file{} not imported; the reports above say why",
                    if failed == 1 { " was" } else { "s were" }
                )));
            }
        }
        Command::Check {
            root,
            format,
            deny_warnings,
            today,
        } => {
            let report = crate::check::check(&crate::check::CheckOptions { root, today })?;
            match format {
                Format::Text => print!("{report}"),
                Format::Json => println!("{}", report.to_json()),
            }
            let errors = report.count(crate::config::rules::Level::Error);
            let warnings = report.count(crate::config::rules::Level::Warning);
            if errors > 0 || (deny_warnings && warnings > 0) {
                return Err(Error::Incomplete(format!(
                    "check failed: {errors} errors, {warnings} warnings"
                )));
            }
        }
        Command::New {
            title,
            department,
            slug,
            root,
        } => {
            let path = new_item(
                &root,
                &title,
                &department,
                slug.as_deref(),
                chrono::Utc::now(),
            )?;
            println!("wrote {}", path.display());
        }
        Command::Init { dir } => {
            init_site(&dir)?;
            println!(
                "created a new site in {}; build it with `bulletin build --root {}`",
                dir.display(),
                dir.display()
            );
        }
    }
    Ok(())
}

fn parse_engine(name: &str) -> std::result::Result<crate::text::engine::EngineChoice, String> {
    serde_yaml::from_str(name)
        .map_err(|_| format!("unknown engine `{name}`: use fmmseg or system-opencc"))
}

fn write_out(out: &mut impl std::io::Write, text: &str) -> Result<()> {
    out.write_all(text.as_bytes())
        .map_err(|e| Error::write(Path::new("(standard output)"), e))
}

/// Best effort: a preview without a browser is still a preview.
fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not start a browser; open {url} yourself");
    }
}

/// Writes `content/<year>/<slug>.md` for a new item dated now, and returns its path.
pub fn new_item(
    root: &Path,
    title: &str,
    department: &str,
    slug: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PathBuf> {
    let config = Config::load(root)?;
    let converter = Converter::new();
    let departments = GroupNames::departments(&config, &converter);
    let department = departments.find(department, &converter).map_err(|hint| {
        Error::invalid(vec![
            Problem::new(
                Path::new(CONFIG_FILE),
                0,
                format!("unknown department `{department}`"),
            )
            .with_hint(hint),
        ])
    })?;
    let slug = slug.map_or_else(|| slug::from_title(title), str::to_string);
    if !crate::config::is_url_key(&slug) {
        return Err(Error::invalid(vec![
            Problem::new(Path::new(&slug), 0, "not a usable slug")
                .with_hint("use lowercase ASCII letters, digits and `-`"),
        ]));
    }
    let date = now.with_timezone(&config.timezone);
    let path = root
        .join(CONTENT_DIR)
        .join(date.format("%Y").to_string())
        .join(format!("{slug}.md"));
    if path.exists() {
        return Err(Error::invalid(vec![
            Problem::new(&path, 0, "the file already exists")
                .with_hint("choose another title or pass --slug"),
        ]));
    }
    let front_matter = format!(
        "---\ntitle: {}\ndate: {}\ndepartment: {}\nsource: {}\ntags: []\n---\n\n",
        yaml_string(title),
        date.format("%Y-%m-%d %H:%M:%S"),
        config.departments[department].key,
        yaml_string(&config.departments[department].name),
    );
    write_new_file(&path, &front_matter)?;
    Ok(path)
}

const INIT_CONFIG: &str = "\
# The site configuration; see README.md of bulletin for every key.
title: 示例区人民政府
description: 示例区政务动态
base_url: https://www.example.gov.cn/
timezone: Asia/Shanghai
items_per_page: 20
variants:
  - { lang: zh-Hans, path: hans, default: true }
  - { lang: zh-Hant, path: hant }
departments:
  bangongshi: 区政府办公室
";

const INIT_ITEM: &str = "\
---
title: 区政府网站开通
date: 2024-01-01 09:00:00
department: bangongshi
source: 区政府办公室
tags: [公告]
---

区政府网站今日开通。本站每条信息均以简体和繁体两种文字发布。
";

/// Creates a site with a configuration and one item; the default theme is built in.
pub fn init_site(dir: &Path) -> Result<()> {
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::invalid(vec![
            Problem::new(&dir.join(CONFIG_FILE), 0, "a site already exists here")
                .with_hint("choose a new directory"),
        ]));
    }
    write_new_file(&dir.join(CONFIG_FILE), INIT_CONFIG)?;
    write_new_file(
        &dir.join(CONTENT_DIR).join("2024").join("welcome.md"),
        INIT_ITEM,
    )?;
    write_new_file(&dir.join(".gitignore"), "/public\n")
}
