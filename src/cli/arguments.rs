//! The command line: every command and option, as clap parses them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bulletin",
    version,
    about = "Static sites for Chinese district news bulletins, in simplified and traditional script"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output directory.
    Build(BuildArgs),
    /// Preview the site: build it in memory, serve it, rebuild and reload pages on change.
    Serve(ServeArgs),
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
    Import(ImportArgs),
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
        /// Make the item a folder (`<slug>/index.md`) to keep its photos and attachments in.
        #[arg(long)]
        bundle: bool,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build the site, then publish it to a target of `deploy:` in bulletin.yaml (or an
    /// ssh://, s3:// or file:// address): only what changed is sent, and readers see the whole
    /// old site or the whole new one.
    Deploy(DeployArgs),
    /// Create a new site that builds at once.
    Init {
        /// The directory to create the site in.
        dir: PathBuf,
    },
}

/// `bulletin build`, as given.
#[derive(clap::Args)]
pub struct BuildArgs {
    /// The site root, where bulletin.yaml is.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (default: output_dir from bulletin.yaml).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Publish items marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Publish items dated in the future.
    #[arg(long)]
    pub future: bool,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
    /// Replace an output directory that holds files no build of this site wrote.
    #[arg(long)]
    pub force: bool,
    /// Trust that the output is as the last build left it: pages whose inputs did not
    /// change are not looked for on disk (at a million items, 2.3 million checks). A page
    /// changed by hand in the output stays until its item changes or a build without this.
    #[arg(long)]
    pub trust_output: bool,
    /// Fail when the editions' PDFs cannot be made (Chromium missing), instead of leaving them out.
    #[arg(long)]
    pub pdf: bool,
}

/// `bulletin serve`, as given.
#[derive(clap::Args)]
pub struct ServeArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port; when it is taken, the next free one is used.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    #[arg(long)]
    pub drafts: bool,
    #[arg(long)]
    pub future: bool,
}

/// `bulletin import`, as given.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// Files, or directories of .txt, .htm and .html files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The department (key or name) of items whose text names none.
    #[arg(long)]
    pub department: Option<String>,
    /// The year of dates written without one, when the text mentions none.
    #[arg(long)]
    pub year: Option<i32>,
    /// The date (YYYY-MM-DD) of pages that give none at all, e.g. a page imported by hand.
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
    /// Print the reports; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Keep the removed lines beside each item, in <slug>.removed.txt.
    #[arg(long)]
    pub keep_removed: bool,
    /// Add the offices the pages name that match no department to bulletin.yaml first.
    #[arg(long)]
    pub add_departments: bool,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

impl BuildArgs {
    /// The pipeline's options; `timings` stays with the command, which prints them.
    pub fn options(&self) -> crate::pipeline::BuildOptions {
        crate::pipeline::BuildOptions {
            output: self.output.clone(),
            drafts: self.drafts,
            future: self.future,
            force: self.force,
            trust_output: self.trust_output,
            pdf: self.pdf,
            ..crate::pipeline::BuildOptions::new(&self.root)
        }
    }
}

impl ServeArgs {
    /// The server's options; `open` stays with the command, which opens the browser.
    pub fn options(&self) -> crate::serve::ServeOptions {
        crate::serve::ServeOptions {
            root: self.root.clone(),
            bind: self.bind,
            port: self.port,
            drafts: self.drafts,
            future: self.future,
        }
    }
}

impl ImportArgs {
    pub fn into_options(self) -> crate::import::ImportOptions {
        crate::import::ImportOptions {
            root: self.root,
            inputs: self.inputs,
            department: self.department,
            year: self.year,
            date: self.date,
            dry_run: self.dry_run,
            keep_removed: self.keep_removed,
            add_departments: self.add_departments,
            progress: None,
        }
    }
}

/// `bulletin deploy`, as given.
#[derive(clap::Args)]
pub struct DeployArgs {
    /// A target's name, or an address; default: the target marked `default: true`.
    pub target: Option<String>,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Build, and show what would be sent and deleted; change nothing on the target.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask before publishing (asked only on a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Make the release before the live one live again (SSH and directory targets).
    #[arg(long, conflicts_with = "dry_run")]
    pub rollback: bool,
    /// Object storage: delete at most this many files (default: the target's max_deletes, 256).
    #[arg(long)]
    pub max_deletes: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn parse_engine(name: &str) -> std::result::Result<crate::text::engine::EngineChoice, String> {
    serde_yaml::from_str(name)
        .map_err(|_| format!("unknown engine `{name}`: use fmmseg or system-opencc"))
}
