//! An item's text (its Markdown, its HTML), kept in memory or spooled to a file: `build`
//! reads each item's text a few times and is done, so it keeps the texts of a large site on
//! disk rather than in memory; `serve` keeps them in memory between rebuilds.

use std::borrow::Cow;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

/// A text of an item.
#[derive(Debug, Clone)]
pub enum StoredText {
    Kept(String),
    Spooled {
        spool: Arc<Spool>,
        at: u64,
        len: usize,
    },
    /// In the spool, and in memory too: a short text that one build reads many times (a
    /// summary, on every list and neighbour's page that shows its item).
    Copied {
        spool: Arc<Spool>,
        at: u64,
        text: Box<str>,
    },
}

impl StoredText {
    /// Where the text is in `spool`, if it is there: (offset, length).
    pub fn place_in(&self, spool: &Arc<Spool>) -> Option<(u64, usize)> {
        match self {
            StoredText::Spooled {
                spool: own,
                at,
                len,
            } if Arc::ptr_eq(own, spool) => Some((*at, *len)),
            StoredText::Copied {
                spool: own,
                at,
                text,
            } if Arc::ptr_eq(own, spool) => Some((*at, text.len())),
            _ => None,
        }
    }

    /// The text at `place` in `spool`.
    pub fn in_spool(spool: &Arc<Spool>, (at, len): (u64, usize)) -> Self {
        StoredText::Spooled {
            spool: Arc::clone(spool),
            at,
            len,
        }
    }

    /// The text, read back from the spool if it is there.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            StoredText::Kept(text) => Cow::Borrowed(text),
            StoredText::Copied { text, .. } => Cow::Borrowed(text),
            StoredText::Spooled { spool, at, len } => Cow::Owned(spool.read(*at, *len)),
        }
    }
}

impl PartialEq for StoredText {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Default for StoredText {
    fn default() -> Self {
        StoredText::Kept(String::new())
    }
}

impl From<String> for StoredText {
    fn from(text: String) -> Self {
        StoredText::Kept(text)
    }
}

impl From<&str> for StoredText {
    fn from(text: &str) -> Self {
        StoredText::Kept(text.to_string())
    }
}

/// How many bytes of texts a build may still keep copies of in memory, beside their places in
/// the spool: a text read many times in one build (a summary, by every list that shows its
/// item) is read from memory while the copies fit.
#[derive(Debug)]
pub struct CopyBudget(AtomicUsize);

impl CopyBudget {
    pub fn new(bytes: usize) -> Self {
        CopyBudget(AtomicUsize::new(bytes))
    }

    /// Whether `len` more bytes fit, taking them if so.
    pub fn take(&self, len: usize) -> bool {
        (self.0)
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(len)
            })
            .is_ok()
    }
}

/// How many bytes of a text are still in memory, to be moved to the spool.
fn kept_len(text: &StoredText) -> u64 {
    match text {
        StoredText::Kept(text) => text.len() as u64,
        StoredText::Spooled { .. } | StoredText::Copied { .. } => 0,
    }
}

/// How many bytes of texts are gathered for one write to the spool.
const SPOOL_BUFFER: usize = 1 << 20;

/// A file that texts are appended to and read back from, removed as soon as it is opened so
/// that nothing is left behind, whatever becomes of the build.
#[derive(Debug)]
pub struct Spool {
    file: File,
    /// Where the next text goes; appends take turns.
    end: Mutex<u64>,
}

impl Spool {
    /// A new spool in `dir` (which is made if missing).
    pub fn create(dir: &Path) -> std::io::Result<Arc<Spool>> {
        // Builds of one site may run at once (in one process, or several).
        static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!("spool-{}-{n}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::fs::remove_file(&path)?;
        Ok(Arc::new(Spool {
            file,
            end: Mutex::new(0),
        }))
    }

    /// The spool kept in the file `file` (the item store's texts), which texts are appended to.
    pub fn kept_in(file: File) -> std::io::Result<Arc<Spool>> {
        let end = file.metadata()?.len();
        Ok(Arc::new(Spool {
            file,
            end: Mutex::new(end),
        }))
    }

    /// Makes sure the texts written so far are on the disk.
    pub fn sync(&self) -> std::io::Result<()> {
        self.file.sync_data()
    }

    /// Where the file ends, with the texts appended so far.
    pub fn end(&self) -> u64 {
        *self.end.lock().expect("no panics while held")
    }

    /// Moves the texts kept in memory among `texts` to the spool (or copies them there, while
    /// `copies` has room): their place is taken at once, then filled by every thread, each
    /// through a small buffer of its own, since a buffer the size of a batch (tens of
    /// megabytes) costs more in fresh pages than in copying.
    pub fn take(
        self: &Arc<Self>,
        texts: &mut [&mut StoredText],
        copies: Option<&CopyBudget>,
    ) -> std::io::Result<()> {
        let total: u64 = texts.iter().map(|text| kept_len(text)).sum();
        let start = {
            let mut end = self.end.lock().expect("no panics while held");
            let start = *end;
            *end += total;
            start
        };
        // Runs of about a buffer's worth of texts, each with its place in the file.
        let mut runs = Vec::new();
        let (mut from, mut at, mut run_len) = (0, start, 0);
        for (n, text) in texts.iter().enumerate() {
            run_len += kept_len(text);
            if run_len >= SPOOL_BUFFER as u64 || n + 1 == texts.len() {
                runs.push((from..n + 1, at));
                (from, at, run_len) = (n + 1, at + run_len, 0);
            }
        }
        let shared: &[&mut StoredText] = texts;
        (runs.into_par_iter()).try_for_each(|(run, at)| self.write_at(&shared[run], at))?;
        // Only once all is written do the texts leave memory: a failed write loses none.
        let mut at = start;
        for text in texts.iter_mut() {
            if let StoredText::Kept(kept) = &mut **text {
                let len = kept.len();
                **text = match copies.is_some_and(|budget| budget.take(len)) {
                    true => StoredText::Copied {
                        spool: self.clone(),
                        at,
                        text: std::mem::take(kept).into_boxed_str(),
                    },
                    false => StoredText::Spooled {
                        spool: self.clone(),
                        at,
                        len,
                    },
                };
                at += len as u64;
            }
        }
        Ok(())
    }

    /// Writes the texts kept in memory among `texts` one after another from `at`.
    fn write_at(&self, texts: &[&mut StoredText], mut at: u64) -> std::io::Result<()> {
        let total: u64 = texts.iter().map(|text| kept_len(text)).sum();
        let mut buffer = Vec::with_capacity(SPOOL_BUFFER.min(total as usize));
        for text in texts {
            let StoredText::Kept(kept) = &**text else {
                continue;
            };
            if buffer.len() + kept.len() > SPOOL_BUFFER {
                self.file.write_all_at(&buffer, at - buffer.len() as u64)?;
                buffer.clear();
            }
            if kept.len() > SPOOL_BUFFER {
                self.file.write_all_at(kept.as_bytes(), at)?;
            } else {
                buffer.extend_from_slice(kept.as_bytes());
            }
            at += kept.len() as u64;
        }
        self.file.write_all_at(&buffer, at - buffer.len() as u64)
    }

    fn read(&self, at: u64, len: usize) -> String {
        let mut bytes = vec![0; len];
        self.file
            .read_exact_at(&mut bytes, at)
            .expect("the spool reads back what this build or the item store's wrote");
        // Checked with SIMD: `String::from_utf8`'s check, on text of three bytes a character,
        // took a tenth of a build's time. A store's file damaged on disk is not trusted blindly.
        match simdutf8::basic::from_utf8(&bytes) {
            // SAFETY: `bytes` were checked to be UTF-8 just above.
            Ok(_) => unsafe { String::from_utf8_unchecked(bytes) },
            Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_moved_to_the_spool_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::create(dir.path()).unwrap();
        let mut a = StoredText::from("<p>区政府召开会议</p>".to_string());
        let mut b = StoredText::from(String::new());
        let mut c = StoredText::from("<p>第二批</p>".to_string());
        spool.take(&mut [&mut a, &mut b], None).unwrap();
        spool.take(&mut [&mut c], None).unwrap();
        assert!(matches!(a, StoredText::Spooled { .. }));
        assert_eq!(a.text(), "<p>区政府召开会议</p>");
        assert_eq!(b.text(), "");
        assert_eq!(c.text(), "<p>第二批</p>");
        assert_eq!(a, StoredText::from("<p>区政府召开会议</p>".to_string()));
        // Nothing is left in the directory.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn copied_texts_are_in_the_spool_and_read_from_memory() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::create(dir.path()).unwrap();
        let mut html = StoredText::from("<p>正文</p>".to_string());
        let mut summary = StoredText::from("区政府召开会议".to_string());
        let mut long = StoredText::from("区政府".repeat(10));
        spool.take(&mut [&mut html], None).unwrap();
        let budget = CopyBudget::new("区政府召开会议".len() + 1);
        spool
            .take(&mut [&mut summary, &mut long], Some(&budget))
            .unwrap();
        assert!(
            matches!(long, StoredText::Spooled { .. }),
            "beyond the budget"
        );
        assert!(matches!(&summary, StoredText::Copied { text, .. } if &**text == "区政府召开会议"));
        let place = summary.place_in(&spool).unwrap();
        assert_eq!(place, ("<p>正文</p>".len() as u64, "区政府召开会议".len()));
        assert_eq!(StoredText::in_spool(&spool, place).text(), "区政府召开会议");
        assert_eq!(summary.text(), "区政府召开会议");
    }

    #[test]
    fn a_copy_budget_gives_what_it_holds_and_no_more() {
        let budget = CopyBudget::new(10);
        assert!(budget.take(6));
        assert!(!budget.take(5));
        assert!(budget.take(4));
        assert!(!budget.take(1));
        assert!(budget.take(0));
    }

    #[test]
    fn texts_larger_than_the_buffer_and_many_small_ones_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::create(dir.path()).unwrap();
        let large = "大".repeat(SPOOL_BUFFER);
        let mut texts: Vec<StoredText> = (0..3000)
            .map(|i| StoredText::from(format!("<p>第{i}段</p>").repeat(i % 400)))
            .collect();
        texts.insert(1500, StoredText::from(large.clone()));
        let expected: Vec<String> = texts.iter().map(|t| t.text().into_owned()).collect();
        spool
            .take(&mut texts.iter_mut().collect::<Vec<_>>(), None)
            .unwrap();
        assert!(
            texts
                .iter()
                .all(|t| matches!(t, StoredText::Spooled { .. }))
        );
        let read: Vec<String> = texts.iter().map(|t| t.text().into_owned()).collect();
        assert!(read == expected);
        assert_eq!(read[1500], large);
    }

    #[test]
    fn a_failed_write_leaves_the_texts_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("read-only");
        std::fs::write(&path, "").unwrap();
        let spool = Arc::new(Spool {
            file: File::open(&path).unwrap(),
            end: Mutex::new(0),
        });
        let mut text = StoredText::from("<p>区政府召开会议</p>".to_string());
        assert!(
            spool
                .take(&mut [&mut text], Some(&CopyBudget::new(100)))
                .is_err()
        );
        assert!(matches!(&text, StoredText::Kept(kept) if kept == "<p>区政府召开会议</p>"));
    }
}
