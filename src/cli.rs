//! The command line: argument parsing and the `build`, `new` and `init` commands.

mod arguments;
mod convert;
mod deploy;
mod new;
pub mod progress;

pub use new::{NewItem, init_site, new_item};

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use arguments::{Cli, Command, Format};

use crate::error::{Error, Result};
use crate::pipeline::{self, BuildOptions};

/// Runs the command line and prints any error with its chain of causes.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            // Libraries repeat their cause in their own message; each line says something new.
            let mut shown = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                let text = cause.to_string();
                if !shown.contains(&text) {
                    eprintln!("  caused by: {text}");
                }
                shown = text;
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => build(args.options(), args.timings).map(drop),
        Command::Serve(args) => serve(args.options(), args.open),
        Command::Convert {
            config,
            files,
            root,
            engine,
        } => convert::run(&config, &files, &root, engine),
        Command::Import(args) => import(args.into_options()),
        Command::Check {
            root,
            format,
            deny_warnings,
            today,
        } => check(
            crate::check::CheckOptions { root, today },
            format,
            deny_warnings,
        ),
        Command::New {
            title,
            department,
            slug,
            bundle,
            root,
        } => new(
            &root,
            &NewItem {
                title: &title,
                department: &department,
                slug: slug.as_deref(),
                bundle,
            },
        ),
        Command::Deploy(request) => deploy::run(request),
        Command::Init { dir } => init(&dir),
    }
}

/// `bulletin init`: a site that builds at once, and how to build it.
fn init(dir: &Path) -> Result<()> {
    init_site(dir)?;
    let dir = dir.display();
    println!("created a new site in {dir}; build it with `bulletin build --root {dir}`");
    Ok(())
}

/// `bulletin new`: the item's file, and where a bundle's photos go.
fn new(root: &Path, new: &NewItem) -> Result<()> {
    let path = new_item(root, new, chrono::Utc::now())?;
    println!("wrote {}", path.display());
    if new.bundle {
        let folder = path.parent().unwrap_or(root).display();
        println!(
            "put its photos and attachments in {folder}/ and link them by name: ![说明](photo.jpg)"
        );
    }
    Ok(())
}

/// `bulletin serve`: the server's address, then serving until Ctrl-C.
fn serve(options: crate::serve::ServeOptions, open: bool) -> Result<()> {
    let server = crate::serve::start(options)?;
    println!("serving {} (Ctrl-C to stop)", server.url);
    if open {
        open_in_browser(&server.url);
    }
    server.wait_for_ctrl_c()
}

/// `bulletin build`: a progress line on a terminal, then the warnings and the summary.
fn build(mut options: BuildOptions, timings: bool) -> Result<pipeline::BuildReport> {
    let show_progress = progress::enabled();
    options.progress = show_progress.then_some(progress::stage as fn(&'static str));
    options.photo_progress = show_progress.then_some(progress::photo as fn(usize, usize));
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
    Ok(report)
}

/// `bulletin import`: a progress line on a terminal, a report per file, and a failure when any
/// file could not become an item.
fn import(mut options: crate::import::ImportOptions) -> Result<()> {
    let show_progress = progress::enabled();
    options.progress = show_progress.then_some(progress::file as fn(usize, usize, &Path));
    let started = std::time::Instant::now();
    let imported = crate::import::import(&options);
    if show_progress {
        progress::clear();
    }
    let crate::import::Outcome {
        imported,
        offices,
        offices_added,
    } = imported?;
    for item in &imported {
        println!("{item}");
    }
    let summary = crate::import::Summary::of(&imported, started.elapsed());
    let failed = summary.failed();
    let verb = if options.dry_run {
        "would import"
    } else {
        "imported"
    };
    println!(
        "{verb} {} of {} files",
        summary.imported + summary.unsure,
        imported.len()
    );
    if imported.len() > 1 {
        print!("{summary}");
    }
    if !offices.is_empty() {
        let block = crate::import::departments::block(&offices);
        match offices_added {
            true => println!("added to bulletin.yaml, and named by the items:\n{block}"),
            false => println!(
                "offices the pages name that match no department (kept as `source`); add them to bulletin.yaml, or import again with --add-departments:\n{block}"
            ),
        }
    }
    if failed > 0 {
        return Err(Error::Incomplete(format!(
            "{failed} file{} not imported; the reports above say why",
            if failed == 1 { " was" } else { "s were" }
        )));
    }
    Ok(())
}

/// `bulletin check`: the findings as text or JSON; a failure on errors (or warnings, if denied).
fn check(options: crate::check::CheckOptions, format: Format, deny_warnings: bool) -> Result<()> {
    let report = crate::check::check(&options)?;
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
    Ok(())
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
