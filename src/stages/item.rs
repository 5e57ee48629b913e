//! The types passed from stage to stage: an item as loaded (`SourceItem`), converted into
//! every variant (`ConvertedItem`), rendered to HTML (`RenderedItem`), and the files of the
//! site (`OutputFile`). They live below every stage, so that no stage imports a later one.

use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use chrono::DateTime;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

mod paths;
mod serial;
mod stored;

pub use paths::SitePaths;
pub use stored::{CopyBudget, Spool, StoredText};

use crate::config::editions::EditionNumber;
use crate::digest::Key;
use crate::text::glossary::RawGlossary;
use crate::text::script::Script;

/// 政府信息公开 metadata of an item; its 发布日期 is the item's date. The words (topic,
/// publisher, number, keywords, openness) are converted into every variant like the title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Disclosure {
    /// 索引号, unique on the site.
    pub index_number: Option<String>,
    /// 主题分类.
    pub topic: Option<String>,
    /// 发布机构, the full name.
    pub publisher: Option<String>,
    /// 成文日期, `YYYY-MM-DD`.
    pub written: Option<String>,
    /// 文号, e.g. `濠府办〔2022〕5号`.
    pub number: Option<String>,
    /// 主题词.
    pub keywords: Vec<String>,
    /// 公开属性, e.g. 主动公开.
    pub openness: Option<String>,
    /// Lines of the file where the 索引号 and the 文号 are written, for findings.
    #[serde(skip)]
    pub index_number_line: usize,
    #[serde(skip)]
    pub number_line: usize,
}

/// A validated news item, in its source script. Serialized without its texts and bundle, for
/// the item store (`pipeline::store`), which keeps its texts apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceItem {
    /// Relative to the site root, e.g. `content/2022/renda.md`.
    pub path: PathBuf,
    /// The digest of the file and the settings it was parsed under (`source_digest`): equal
    /// digests, equal items.
    pub digest: Key,
    pub slug: String,
    pub title: String,
    #[serde(with = "serial::zoned_date")]
    pub date: DateTime<Tz>,
    /// Index into `Config::departments`.
    pub department: usize,
    /// Index into `Config::columns`.
    pub column: Option<usize>,
    pub column_line: usize,
    /// Boxed: few items have one, and every item is held for the whole build.
    pub disclosure: Option<Box<Disclosure>>,
    /// The slug of the policy document this item interprets.
    pub interprets: Option<String>,
    pub interprets_line: usize,
    /// The editions of the periodical it appears in (normally one).
    pub editions: Vec<EditionNumber>,
    pub edition_order: Option<u32>,
    pub edition_line: usize,
    /// Old addresses that redirect here, as the files they are published as.
    pub aliases: Vec<String>,
    pub aliases_line: usize,
    /// The item's place below a variant's prefix: `2022/03/slug/`.
    pub url_path: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub script: Script,
    pub draft: bool,
    pub pinned: bool,
    /// The site's own front matter, the item's glossary and its bundle are boxed, and none
    /// when empty: few items have them, and every item is held for the whole build.
    #[serde(with = "serial::yaml_text")]
    pub extra: Option<Box<serde_yaml::Mapping>>,
    pub glossary: Option<Box<RawGlossary>>,
    /// The Markdown after the front matter.
    #[serde(skip)]
    pub body: StoredText,
    /// The folder of files kept beside the item, if it has one.
    #[serde(skip)]
    pub bundle: Option<Box<Bundle>>,
    /// Lines of the file where the title, the date and the body start, for findings.
    pub title_line: usize,
    pub date_line: usize,
    pub body_line: usize,
}

/// What an item without front matter of the site's own shows its theme.
static NO_EXTRA: std::sync::LazyLock<serde_yaml::Mapping> =
    std::sync::LazyLock::new(serde_yaml::Mapping::new);

impl SourceItem {
    /// The front matter the site defines itself, empty when the item has none.
    pub fn extra(&self) -> &serde_yaml::Mapping {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }
}

/// The folder an item keeps its photos and attachments in: `content/2024/huiyi/` beside
/// `content/2024/huiyi.md`, or the folder of `content/2024/huiyi/index.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// Relative to the site root.
    pub dir: PathBuf,
    /// Every file in it but Markdown, sorted by name.
    pub files: Vec<BundleFile>,
}

/// One file of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BundleFile {
    /// Inside the bundle, with `/` separators: `现场.jpg`, `附件/纪要.pdf`.
    pub name: String,
    pub size: u64,
    /// The digest of its bytes: equal digests, equal processed photos.
    pub digest: Key,
}

/// A photo as published: its widths, each as WebP and in its own format (a GIF as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedPhoto {
    /// Displayed size of the original, after its EXIF orientation.
    pub width: u32,
    pub height: u32,
    /// By format (WebP first), then by width, narrowest first.
    pub sources: Vec<PhotoSource>,
}

/// One published width of a photo in one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSource {
    /// Relative to the output directory: `files/2024/03/huiyi/现场-960.webp`.
    pub path: String,
    pub width: u32,
    pub height: u32,
    /// `image/webp`, `image/jpeg`, `image/png`, `image/gif`.
    pub mime: &'static str,
}

impl PublishedPhoto {
    /// The sources `<img>` offers, narrowest first: the photo's own format (WebP only for a
    /// WebP original).
    pub fn fallbacks(&self) -> Vec<&PhotoSource> {
        let own: Vec<&PhotoSource> = self
            .sources
            .iter()
            .filter(|s| s.mime != "image/webp")
            .collect();
        match own.is_empty() {
            true => self.sources.iter().collect(),
            false => own,
        }
    }

    /// The WebP sources a `<source>` offers besides, narrowest first; none where the photo's
    /// own format is WebP (or a GIF, published as it is).
    pub fn webp(&self) -> Vec<&PhotoSource> {
        let webp: Vec<&PhotoSource> = self
            .sources
            .iter()
            .filter(|s| s.mime == "image/webp")
            .collect();
        match webp.len() == self.sources.len() {
            true => Vec::new(),
            false => webp,
        }
    }

    /// The source shown where `srcset` is not read: the widest at most 960 pixels wide.
    pub fn default_source(&self) -> &PhotoSource {
        let fallbacks = self.fallbacks();
        fallbacks
            .iter()
            .rev()
            .find(|s| s.width <= 960)
            .or(fallbacks.first())
            .copied()
            .expect("a photo has a source")
    }

    /// The narrowest source in the photo's own format: its thumbnail on lists.
    pub fn thumbnail(&self) -> &PhotoSource {
        self.fallbacks()[0]
    }
}

/// An attachment (附件) as published: beside the item, once for every variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedAttachment {
    /// Its file name, never converted: `会议纪要.pdf`.
    pub name: String,
    /// Relative to the output directory.
    pub path: String,
    pub size: u64,
    /// `PDF`, `DOCX`, …
    pub label: &'static str,
}

/// What a file of a bundle became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishedFile {
    Photo(PublishedPhoto),
    Attachment(PublishedAttachment),
}

/// The published files an item links to, by their names in its bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemFiles(pub std::collections::BTreeMap<String, PublishedFile>);

/// An item's first photo in one variant: its thumbnail on lists and its image in feeds and
/// link previews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadImage {
    pub photo: PublishedPhoto,
    /// Its text alternative in the variant's script.
    pub alt: String,
}

/// The words of one item in one variant's script.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvertedText {
    pub title: String,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// Markdown, with only its prose converted.
    pub body: String,
    /// The 政府信息公开 block with its words converted (索引号 and dates as written).
    pub disclosure: Option<Box<Disclosure>>,
}

/// An item with its words in every variant, in the order of `Config::variants`.
#[derive(Debug, Clone)]
pub struct ConvertedItem {
    pub meta: Arc<SourceItem>,
    pub texts: Vec<ConvertedText>,
    /// The conversion cache's key of each text.
    pub keys: Vec<Key>,
}

/// One item in one variant, rendered. Serialized without its summary, HTML and photo, as
/// `SourceItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenderedText {
    pub title: String,
    /// Spooled as the HTML is: only the lists and feeds that are made again read it, and a
    /// million items' summaries are most of what a build would hold of them.
    #[serde(skip)]
    pub summary: StoredText,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    #[serde(skip)]
    pub html: StoredText,
    pub word_count: usize,
    /// Boxed, as the lead image: few items have one, and every item is held for the whole
    /// build.
    pub disclosure: Option<Box<Disclosure>>,
    /// The first photo of the text.
    #[serde(skip)]
    pub lead_image: Option<Box<LeadImage>>,
}

/// An item rendered in every variant, in the order of `Config::variants`.
#[derive(Debug, Clone)]
pub struct RenderedItem {
    /// The source item, shared with the content as loaded; its body is rendered into `texts`.
    pub meta: Arc<SourceItem>,
    pub texts: Vec<RenderedText>,
    /// Its links to other pages of the site, checked once every page is known, and the links
    /// it was refused.
    pub links: ItemLinks,
    /// The attachments its text links to, in the order of their first link.
    pub attachments: Vec<PublishedAttachment>,
    /// The conversion cache's keys of its texts, which a build that reuses the item keeps.
    pub conversion_keys: Vec<Key>,
}

/// A link or image in an item's Markdown to a page of the site itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteLink {
    /// As written: `/hans/2020/04/lianxi-huiyi/`, `../../2020/04/lianxi-huiyi/`.
    pub target: String,
    /// Line in the item's file.
    pub line: usize,
    /// Column (in characters) in that line where the link starts.
    pub column: usize,
}

/// The links and images of a document, sorted by what becomes of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemLinks {
    /// The ones that stay on the site: neither an address with a scheme (`https:`,
    /// `mailto:`), nor protocol-relative, nor a fragment of the page itself.
    pub site: Vec<SiteLink>,
    /// The ones `is_safe_target` refuses, shown as plain text.
    pub refused: Vec<SiteLink>,
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output directory, with `/` separators. Shared, as the contents are:
    /// a rebuild hands on the same paths again.
    pub path: Arc<str>,
    /// Shared: a rebuild that did not change a file reuses it without a copy.
    pub contents: Bytes,
    /// For a file the build made (a page, a feed), the digest of everything it was made from;
    /// `None` for a file copied as it is.
    pub made_from: Option<Key>,
}

impl OutputFile {
    /// A file made from inputs with the digest `made_from`.
    pub fn made(path: impl Into<Arc<str>>, made_from: Key, contents: impl Into<Bytes>) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
            made_from: Some(made_from),
        }
    }

    /// What the writer tells this file's versions apart by: for a made file the digest of its
    /// inputs, for a copied one the digest of its contents.
    pub fn digest(&self) -> Key {
        self.made_from
            .unwrap_or_else(|| crate::digest::of_bytes(&self.contents))
    }

    /// A file published as it is.
    pub fn copied(path: impl Into<Arc<str>>, contents: impl Into<Bytes>) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
            made_from: None,
        }
    }
}

/// Where a stage's files go as they are made: the build's writer, or memory (`serve`).
pub trait FileSink {
    fn put(&mut self, files: Vec<OutputFile>) -> crate::error::Result<()>;

    /// Keeps every file of `files` (path, `OutputFile::digest`) as the last build wrote it,
    /// without its contents, if each is still there as written; else keeps none and says
    /// false, and the stage must make them.
    fn keep(&mut self, files: &[(String, Key)]) -> bool;

    /// Keeps each file of `files` that is still there as the last build wrote it (as `keep`
    /// does for all of them); says which were kept: the stage must make the others.
    fn keep_each(&mut self, files: &[(String, Key)]) -> Vec<bool> {
        files
            .iter()
            .map(|file| self.keep(std::slice::from_ref(file)))
            .collect()
    }
}

/// A site's files, read back from wherever they are kept: once written, a site is no longer
/// held in memory, and a stage after the render stage (printing) reads its pages this way.
pub trait FileSource: Send + Sync {
    /// The file at `path` (relative to the output), if the site has it.
    fn read(&self, path: &str) -> Option<Bytes>;
    /// Every file's path, sorted.
    fn paths(&self) -> Vec<&str>;
}

/// A made file's text as kept until it is written. Tera's output buffer is sized for every
/// branch of a template, and a feed's grows by doubling: kept as they are, 20,000 pages hold
/// hundreds of megabytes of slack.
pub fn without_slack(text: impl Into<Vec<u8>>) -> Bytes {
    let mut bytes = text.into();
    bytes.shrink_to_fit();
    bytes.into()
}
