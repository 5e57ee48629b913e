//! `bulletin deploy`: choose the target, build, ask on a terminal, publish, and say what was done.

use std::io::{BufRead, IsTerminal, Write};

use super::arguments::DeployArgs as Request;
use super::progress;
use crate::config::Config;
use crate::deploy::{self, DeployOptions};
use crate::error::{Error, Result};
use crate::pipeline::BuildOptions;

pub fn run(request: Request) -> Result<()> {
    let config = Config::load(&request.root)?;
    let target = deploy::choose_target(&config, request.target.as_deref())?;
    for warning in deploy::warnings(&target) {
        eprintln!("warning: {warning}");
    }
    let destination = target.destination.to_string();
    if request.rollback {
        confirm(
            request.yes,
            &format!("switch {destination} back to its previous release?"),
        )?;
        let (from, to) = deploy::rollback(&target)?;
        println!("rolled back {destination}: release {to} is live again (it was {from})");
        return Ok(());
    }
    let report = super::build(BuildOptions::new(&request.root), false)?;
    if !request.dry_run {
        confirm(
            request.yes,
            &format!("publish {} to {destination}?", report.output.display()),
        )?;
    }
    let show_progress = progress::enabled();
    let summary = deploy::deploy(
        &target,
        &DeployOptions {
            site: report.output,
            dry_run: request.dry_run,
            max_deletes: request.max_deletes,
            progress: show_progress.then_some(progress::deploy as fn(deploy::Progress)),
        },
    );
    if show_progress {
        progress::clear();
    }
    println!("{}", summary?);
    Ok(())
}

/// Asks on a terminal unless `--yes` was given; elsewhere (scripts, CI) goes on.
fn confirm(yes: bool, question: &str) -> Result<()> {
    if yes || !std::io::stdin().is_terminal() || std::env::var_os("CI").is_some() {
        return Ok(());
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    match answer.trim() {
        "y" | "Y" | "yes" => Ok(()),
        _ => Err(Error::Incomplete("nothing was changed".into())),
    }
}
