//! A one-line progress display for long commands: shown on a terminal, silent when standard
//! error is a file or a pipe, or under CI, so that logs stay clean.

use std::io::{IsTerminal, Write};

/// Whether progress is worth showing here.
pub fn enabled() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Replaces the progress line with `text`.
pub fn show(text: &str) {
    let mut err = std::io::stderr().lock();
    // Carriage return and "erase line": the next text overwrites this one.
    let _ = write!(err, "\r\x1b[2K{text}");
    let _ = err.flush();
}

/// A build stage starting, for `BuildOptions::progress`.
pub fn stage(name: &'static str) {
    show(&format!("build: {name}…"));
}

/// One file of many, for `ImportOptions::progress`.
pub fn file(done: usize, total: usize, path: &std::path::Path) {
    let name = path
        .file_name()
        .map_or(path.to_string_lossy(), |n| n.to_string_lossy());
    show(&format!(
        "import [{}] {done}/{total} {name}",
        bar(done, total)
    ));
}

/// One photo of many, for `BuildOptions::photo_progress`.
pub fn photo(done: usize, total: usize) {
    show(&format!(
        "build: process photos [{}] {done}/{total}",
        bar(done, total)
    ));
}

/// Files of a deploy, for `DeployOptions::progress`.
pub fn deploy(progress: crate::deploy::Progress) {
    show(&format!(
        "deploy [{}] {}/{} files, {}",
        bar(progress.done, progress.total),
        progress.done,
        progress.total,
        crate::deploy::human_bytes(progress.bytes)
    ));
}

/// A bar of `=` filled as far as `done` is of `total`.
fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    (0..WIDTH)
        .map(|i| if i < filled { '=' } else { ' ' })
        .collect()
}

/// Removes the progress line before the command's own output.
pub fn clear() {
    show("");
}
