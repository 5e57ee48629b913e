//! Stage 5, continued: a PDF of each edition of the periodical, printed by headless Chromium
//! from the edition page as rendered (its print stylesheet lays it out on A4). The pages are
//! served to Chromium over loopback from memory; PDFs are kept in the cache by what their page
//! was made from, so only editions whose pages changed are printed again.

mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Problem, Result};
use crate::stages::item::{FileSource, OutputFile};
use crate::stages::render::Urls;

/// How long one edition may take to print before Chromium is stopped.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// The programs tried, in order, when `BULLETIN_CHROMIUM` does not name one.
const CHROMIUM_NAMES: [&str; 4] = ["chromium", "chromium-browser", "google-chrome", "chrome"];

/// A headless Chromium to print with.
#[derive(Debug, Clone)]
pub struct Printer {
    program: PathBuf,
}

impl Printer {
    /// The Chromium named by `BULLETIN_CHROMIUM`, or the first on `PATH`; `None` if there is none.
    pub fn find() -> Option<Printer> {
        if let Some(named) = std::env::var_os("BULLETIN_CHROMIUM") {
            let program = PathBuf::from(named);
            return program.is_file().then_some(Printer { program });
        }
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| CHROMIUM_NAMES.map(|name| dir.join(name)))
            .find(|candidate| candidate.is_file())
            .map(|program| Printer { program })
    }
}

/// One edition page in one variant to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    /// The page's file, relative to the output: `hans/editions/2024/12/index.html`.
    pub page: String,
    /// Where its PDF goes: `hans/editions/2024/12/2024-12.pdf`.
    pub pdf: String,
    /// The edition's date, which the PDF's own dates are set to, so that a build is repeatable.
    pub date: NaiveDate,
}

/// The print stage: every job's PDF, from the cache where its page is unchanged. `files` are
/// the rendered site (pages and their stylesheets), published at `urls`.
pub fn print_editions(
    printer: &Printer,
    jobs: &[PrintJob],
    files: &Arc<dyn FileSource>,
    urls: &Urls,
    cache_dir: &Path,
) -> Result<Vec<OutputFile>> {
    let cache = cache_dir.join("pdf");
    let stylesheets = stylesheets_key(files.as_ref());
    let keyed: Vec<(&PrintJob, Key)> = jobs
        .iter()
        .map(|job| (job, pdf_key(job, files.as_ref(), stylesheets)))
        .collect();
    let mut printed: Vec<Option<Vec<u8>>> =
        keyed.iter().map(|(_, key)| cached(&cache, *key)).collect();
    let missing: Vec<usize> = (0..keyed.len()).filter(|&i| printed[i].is_none()).collect();
    if !missing.is_empty() {
        std::fs::create_dir_all(&cache).map_err(|e| Error::write(&cache, e))?;
        let made = print_missing(printer, &keyed, &missing, files, urls, &cache)?;
        for (i, pdf) in missing.into_iter().zip(made) {
            let _ = std::fs::write(cache_file(&cache, keyed[i].1), &pdf);
            printed[i] = Some(pdf);
        }
    }
    forget_others(&cache, keyed.iter().map(|(_, key)| *key));
    Ok(keyed
        .iter()
        .zip(printed)
        .map(|((job, key), pdf)| {
            OutputFile::made(job.pdf.clone(), *key, pdf.expect("printed above"))
        })
        .collect())
}

/// The stylesheets every edition prints with, as one digest: a page's own digest leaves them
/// out, and a change of `print.css` must print the editions again.
fn stylesheets_key(files: &dyn FileSource) -> Key {
    files
        .paths()
        .into_iter()
        .filter(|path| path.starts_with("static/") && path.ends_with(".css"))
        .fold(KeyBuilder::default(), |key, path| {
            key.with(path).with(&files.read(path).as_deref())
        })
        .finish()
}

/// What a PDF is made from: its page as rendered, and the stylesheets.
fn pdf_key(job: &PrintJob, files: &dyn FileSource, stylesheets: Key) -> Key {
    KeyBuilder::default()
        .with("pdf")
        .with(&job.pdf)
        .with(&stylesheets)
        .with(&files.read(&job.page).as_deref())
        .finish()
}

fn cache_file(cache: &Path, key: Key) -> PathBuf {
    cache.join(format!("{:016x}{:016x}.pdf", key.0, key.1))
}

/// A PDF kept from an earlier build, if it is whole.
fn cached(cache: &Path, key: Key) -> Option<Vec<u8>> {
    let bytes = std::fs::read(cache_file(cache, key)).ok()?;
    is_whole_pdf(&bytes).then_some(bytes)
}

fn is_whole_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    bytes.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF")
}

/// Removes the cached PDFs no edition uses any more.
fn forget_others(cache: &Path, keep: impl Iterator<Item = Key>) {
    let keep: std::collections::HashSet<PathBuf> = keep.map(|key| cache_file(cache, key)).collect();
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        if !keep.contains(&entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Prints the jobs at `missing`, two at a time (one per core of an office PC), in order.
fn print_missing(
    printer: &Printer,
    keyed: &[(&PrintJob, Key)],
    missing: &[usize],
    files: &Arc<dyn FileSource>,
    urls: &Urls,
    cache: &Path,
) -> Result<Vec<Vec<u8>>> {
    let site = server::LoopbackSite::start(files.clone(), &urls.base_url, &urls.base_path)?;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Printed>>> = Mutex::new(vec![None; missing.len()]);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(2));
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let (next, results, site) = (&next, &results, &site);
            scope.spawn(move || {
                let profile = cache.join(format!("profile-{}-{worker}", std::process::id()));
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = missing.get(n) else { break };
                    let job = keyed[i].0;
                    let result = print_one(printer, job, &site.url_of(&job.page), &profile);
                    results.lock().expect("no panics while held")[n] = Some(result);
                }
                let _ = std::fs::remove_dir_all(&profile);
            });
        }
    });
    site.stop();
    let results = results.into_inner().expect("no panics while held");
    let mut pdfs = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results.into_iter().map(|r| r.expect("every job ran")) {
        match result {
            Ok(pdf) => pdfs.push(pdf),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(pdfs)
    } else {
        Err(Error::invalid(problems))
    }
}

/// A PDF, or why it could not be printed.
type Printed = std::result::Result<Vec<u8>, Problem>;

/// Prints one page to PDF with Chromium, in a profile of its own.
fn print_one(printer: &Printer, job: &PrintJob, url: &str, profile: &Path) -> Printed {
    let failed = |why: String| {
        Problem::new(Path::new(&job.page), 0, format!("the edition's PDF could not be printed: {why}"))
            .with_hint("check that Chromium starts (`chromium --headless --version`), or build without it: the PDFs are then left out")
    };
    let out = profile.with_extension("pdf");
    let _ = std::fs::remove_file(&out);
    let mut command = Command::new(&printer.program);
    command
        .args([
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(url)
        // The PDF's dates are written in UTC, and then set to the edition's (`repeatable`).
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // Chromium's sandbox cannot start as root (CI, containers); the pages printed are the
    // site's own, from loopback.
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        command.arg("--no-sandbox");
    }
    let mut child = command
        .spawn()
        .map_err(|e| failed(format!("{}: {e}", printer.program.display())))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "Chromium took over {} s",
                    PRINT_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    let pdf = std::fs::read(&out).ok().filter(|pdf| is_whole_pdf(pdf));
    let _ = std::fs::remove_file(&out);
    match pdf {
        Some(pdf) => Ok(repeatable(pdf, job.date)),
        None => {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
            }
            let last = stderr
                .lines()
                .rfind(|l| !l.trim().is_empty())
                .unwrap_or("no PDF written");
            Err(failed(format!("Chromium exited with {status}: {last}")))
        }
    }
}

/// The PDF with its creation and modification times set to the edition's date, digit for
/// digit, so that the file's offsets stay right and two builds give the same bytes.
fn repeatable(mut pdf: Vec<u8>, date: NaiveDate) -> Vec<u8> {
    let stamp = format!("{}000000", date.format("%Y%m%d"));
    for label in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], label) {
            let digits = from + at + label.len();
            let end = (digits + 14).min(pdf.len());
            if pdf[digits..end].iter().all(u8::is_ascii_digit) && end - digits == 14 {
                pdf[digits..end].copy_from_slice(stamp.as_bytes());
            }
            from = end;
        }
    }
    pdf
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdfs_dates_become_the_editions() {
        let pdf = b"%PDF-1.4\n<</CreationDate (D:20261202031852+00'00')\n/ModDate (D:20261202031852+00'00')>>\n%%EOF\n".to_vec();
        let date = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap();
        let fixed = repeatable(pdf.clone(), date);
        assert_eq!(fixed.len(), pdf.len());
        let text = String::from_utf8(fixed).unwrap();
        assert_eq!(text.matches("D:20241230000000+00'00'").count(), 2, "{text}");
        assert!(is_whole_pdf(text.as_bytes()));
        assert!(!is_whole_pdf(b"%PDF-1.4 cut short"));
    }
}
