//! Stage 2: the photos and attachments items link to, processed (or taken from the cache) and
//! published beside each item under `files/`, once for every variant. A missing, damaged or
//! fake file is a problem at the line that links it.

pub mod cache;
pub mod photo;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use self::cache::MediaCache;
use self::photo::Processed;
use crate::digest::{Key, KeyBuilder, KeyMap, KeySet};
use crate::error::Problem;
use crate::site::bundle::{FileKind, bundle_reference, kind_of, published_kinds};
use crate::stages::item::{
    BundleFile, ItemFiles, OutputFile, PhotoSource, PublishedAttachment, PublishedFile,
    PublishedPhoto, SourceItem,
};

/// Where published files go in the output, below the item's own path.
pub const FILES_DIR: &str = "files";

/// What the stage made: each item's published files, the output files, and the problems.
#[derive(Debug, Default)]
pub struct Media {
    /// By the item's path.
    pub items: HashMap<PathBuf, Arc<ItemFiles>>,
    pub files: Vec<OutputFile>,
    pub problems: Vec<Problem>,
    /// How many photos were processed rather than taken from the cache.
    pub processed: usize,
}

/// What earlier builds of this process (`serve`) found: photos processed, by cache key; and
/// the links to files of every item, by the item's digest, so that a rebuild reads only the
/// changed items' Markdown for them.
#[derive(Debug, Default)]
pub struct KnownMedia {
    processed: KeyMap<Arc<Result<Processed, String>>>,
    references: KeyMap<Arc<[Reference]>>,
}

impl KnownMedia {
    /// Items known to link to no file of a bundle (kept by the item store, whose items have
    /// none): their Markdown is not read for links.
    pub fn without_references(&mut self, digests: impl Iterator<Item = Key>) {
        let none: Arc<[Reference]> = Arc::new([]);
        (self.references).extend(digests.map(|digest| (digest, none.clone())));
    }
}

/// A link or image in an item's Markdown to a file of its bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reference {
    name: String,
    image: bool,
    line: usize,
    column: usize,
}

/// One file of a bundle that some item links to.
struct Wanted<'a> {
    item: &'a SourceItem,
    file: &'a BundleFile,
    kind: FileKind,
    key: Key,
    /// The line of its first link, for problems.
    line: usize,
}

/// What publishing one wanted file gave: the file as pages link it and its output files, or
/// why it cannot be published.
type Publication = Result<(PublishedFile, Vec<OutputFile>), String>;

/// The media stage over the published items.
pub fn publish_media(
    root: &Path,
    items: &[&Arc<SourceItem>],
    cache: &MediaCache,
    known: &mut KnownMedia,
    progress: Option<fn(usize, usize)>,
) -> Media {
    // Read from the items not seen before; the others' are known by digest.
    let references: Vec<(Arc<[Reference]>, bool)> = items
        .par_iter()
        .map(|item| match known.references.get(&item.digest) {
            Some(known) => (known.clone(), false),
            None => (references(&item.body.text(), item.body_line).into(), true),
        })
        .collect();
    // Kept by digest for the next build: the new items' added, and the items gone dropped
    // once they are as many as the items, so that a rebuild after an edit does not remake
    // the whole map.
    for (item, (references, new)) in items.iter().zip(&references) {
        if *new {
            known.references.insert(item.digest, references.clone());
        }
    }
    if known.references.len() > 2 * items.len() {
        let kept: KeySet = items.iter().map(|item| item.digest).collect();
        known.references.retain(|digest, _| kept.contains(digest));
    }
    let found: Vec<(Vec<Wanted>, Vec<Problem>)> = items
        .par_iter()
        .zip(&references)
        .filter(|(_, (references, _))| !references.is_empty())
        .map(|(item, (references, _))| wanted_files(item, references))
        .collect();
    let mut media = Media::default();
    let mut wanted = Vec::new();
    for (files, problems) in found {
        wanted.extend(files);
        media.problems.extend(problems);
    }
    media.processed = process_photos(root, &wanted, cache, known, progress);
    let published: Vec<(&Wanted, Publication)> = wanted
        .par_iter()
        .map(|w| {
            let published = match known.processed.get(&w.key) {
                Some(result) => result
                    .as_ref()
                    .as_ref()
                    .map(|p| publish_photo(w, p))
                    .map_err(Clone::clone),
                None => publish_attachment(root, w, cache),
            };
            (w, published)
        })
        .collect();
    let mut by_item: HashMap<PathBuf, ItemFiles> = HashMap::new();
    for (w, result) in published {
        match result {
            Ok((file, outputs)) => {
                let files = by_item.entry(w.item.path.clone()).or_default();
                files.0.insert(w.file.name.clone(), file);
                media.files.extend(outputs);
            }
            Err(why) => media.problems.push(damaged_file(w, why)),
        }
    }
    media.items = by_item
        .into_iter()
        .map(|(path, files)| (path, Arc::new(files)))
        .collect();
    media
}

/// Brings `known` to hold every wanted photo, from the cache or processed anew (each once,
/// in parallel, `progress` told of each), and nothing else; how many were processed.
fn process_photos(
    root: &Path,
    wanted: &[Wanted],
    cache: &MediaCache,
    known: &mut KnownMedia,
    progress: Option<fn(usize, usize)>,
) -> usize {
    let mut to_process: Vec<&Wanted> = wanted
        .iter()
        .filter(|w| !is_attachment(w.kind) && !known.processed.contains_key(&w.key))
        .collect();
    to_process.sort_by_key(|w| w.key);
    to_process.dedup_by_key(|w| w.key);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tell = || {
        let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(progress) = progress {
            progress(done, to_process.len());
        }
    };
    let processed: Vec<(Key, bool, Result<Processed, String>)> = to_process
        .par_iter()
        .map(|w| {
            let (made, result) = match cache.load(w.key) {
                Some(cached) => (false, Ok(cached)),
                None => {
                    let source = root.join(bundle_dir(w.item)).join(&w.file.name);
                    let result = std::fs::read(&source)
                        .map_err(|e| format!("cannot read it: {e}"))
                        .and_then(|bytes| photo::process_photo(&bytes))
                        .map(|processed| cache.store(w.key, processed));
                    (true, result)
                }
            };
            tell();
            (w.key, made, result)
        })
        .collect();
    let made = processed.iter().filter(|(_, made, _)| *made).count();
    known.processed.extend(
        processed
            .into_iter()
            .map(|(key, _, result)| (key, Arc::new(result))),
    );
    let used: std::collections::HashSet<Key> = wanted.iter().map(|w| w.key).collect();
    known.processed.retain(|key, _| used.contains(key));
    made
}

fn is_attachment(kind: FileKind) -> bool {
    matches!(kind, FileKind::Attachment(_))
}

/// The bundle files an item links to, each once, and the problems of its links to files.
fn wanted_files<'a>(
    item: &'a SourceItem,
    references: &[Reference],
) -> (Vec<Wanted<'a>>, Vec<Problem>) {
    let mut wanted: Vec<Wanted> = Vec::new();
    let mut problems = Vec::new();
    for reference in references {
        let at = |message: String, hint: String| {
            Problem::new(&item.path, reference.line, message)
                .at_column(reference.column)
                .with_hint(hint)
                .with_rule("missing-file")
        };
        let kind = kind_of(&reference.name).expect("references are of published kinds");
        if reference.image && is_attachment(kind) {
            problems.push(at(
                format!(
                    "`{}` is shown as an image but is not a photo",
                    reference.name
                ),
                "link to it as an attachment: [名称](file.pdf), without the `!`".into(),
            ));
            continue;
        }
        if reference.name.split('/').any(|part| part == "..") {
            problems.push(at(
                format!("`{}` is outside the item's folder", reference.name),
                "keep an item's photos and attachments in its own folder, and link them by name"
                    .into(),
            ));
            continue;
        }
        let Some(file) = item
            .bundle
            .as_ref()
            .and_then(|b| b.files.iter().find(|f| f.name == reference.name))
        else {
            let (message, hint) = missing_file(item, &reference.name);
            problems.push(at(message, hint));
            continue;
        };
        if wanted.iter().any(|w| w.file.name == file.name) {
            continue;
        }
        let recipe = if is_attachment(kind) {
            "attachment"
        } else {
            photo::RECIPE
        };
        wanted.push(Wanted {
            item,
            file,
            kind,
            key: KeyBuilder::default()
                .with(&file.digest)
                .with(recipe)
                .finish(),
            line: reference.line,
        });
    }
    (wanted, problems)
}

/// What to say of a link to a file the item's folder does not have.
fn missing_file(item: &SourceItem, name: &str) -> (String, String) {
    let Some(bundle) = &item.bundle else {
        let folder = item.path.with_extension("");
        return (
            format!("`{name}` is not there: the item has no folder of files"),
            format!(
                "put {name} in {}/ beside the item (or make the item {}/index.md with its files beside it)",
                folder.display(),
                folder.display()
            ),
        );
    };
    let there: Vec<&str> = bundle.files.iter().map(|f| f.name.as_str()).collect();
    let listing = match there.is_empty() {
        true => "it holds no files".to_string(),
        false => format!("it holds {}", there.join(", ")),
    };
    (
        format!("`{name}` is not in {}/", bundle.dir.display()),
        format!(
            "{listing}: put {name} there, or link one of those (the kinds published are {})",
            published_kinds()
        ),
    )
}

fn damaged_file(wanted: &Wanted, why: String) -> Problem {
    let (item, name) = (wanted.item, &wanted.file.name);
    Problem::new(
        &item.path,
        wanted.line,
        format!("{}/{name}: {why}", bundle_dir(item).display()),
    )
    .with_hint(
        "replace it with the photo as the camera or phone saved it, as JPEG, PNG, WebP or GIF",
    )
    .with_rule("damaged-photo")
}

fn bundle_dir(item: &SourceItem) -> PathBuf {
    item.bundle
        .as_ref()
        .map(|b| b.dir.clone())
        .unwrap_or_default()
}

/// Where a bundle file of `item` is published: `files/2024/03/huiyi/附件/纪要.pdf`.
fn published_path(item: &SourceItem, name: &str) -> String {
    format!("{FILES_DIR}/{}{name}", item.url_path)
}

fn publish_photo(wanted: &Wanted, processed: &Processed) -> (PublishedFile, Vec<OutputFile>) {
    let (stem, _) = wanted
        .file
        .name
        .rsplit_once('.')
        .unwrap_or((&wanted.file.name, ""));
    let mut sources = Vec::new();
    let mut outputs = Vec::new();
    for rendition in &processed.renditions {
        let name = match rendition.format {
            photo::Format::Gif => wanted.file.name.clone(),
            format => format!("{stem}-{}.{}", rendition.width, format.extension()),
        };
        let path = published_path(wanted.item, &name);
        let made_from = KeyBuilder::default()
            .with(&wanted.key)
            .with(&rendition.width)
            .with(rendition.format.extension())
            .finish();
        outputs.push(OutputFile::made(
            path.clone(),
            made_from,
            rendition.bytes.clone(),
        ));
        sources.push(PhotoSource {
            path,
            width: rendition.width,
            height: rendition.height,
            mime: rendition.format.mime(),
        });
    }
    let photo = PublishedPhoto {
        width: processed.width,
        height: processed.height,
        sources,
    };
    (PublishedFile::Photo(photo), outputs)
}

fn publish_attachment(
    root: &Path,
    wanted: &Wanted,
    cache: &MediaCache,
) -> Result<(PublishedFile, Vec<OutputFile>), String> {
    let FileKind::Attachment(label) = wanted.kind else {
        return Err("was not processed".into());
    };
    let source = root.join(bundle_dir(wanted.item)).join(&wanted.file.name);
    let bytes = cache
        .copy_of(wanted.key, &source)
        .map_err(|e| format!("cannot read it: {e}"))?;
    let path = published_path(wanted.item, &wanted.file.name);
    let attachment = PublishedAttachment {
        name: wanted
            .file
            .name
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string(),
        path: path.clone(),
        size: bytes.len() as u64,
        label,
    };
    let output = OutputFile::made(path, wanted.key, bytes);
    Ok((PublishedFile::Attachment(attachment), vec![output]))
}

/// The links and images of a document that name files of its bundle, with their lines
/// (counted from `first_line`) and columns.
fn references(source: &str, first_line: usize) -> Vec<Reference> {
    crate::text::markdown::links(source)
        .filter_map(|link| {
            Some(Reference {
                name: bundle_reference(&link.target)?,
                image: link.image,
                line: first_line + link.line,
                column: link.column,
            })
        })
        .collect()
}
