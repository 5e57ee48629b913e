//! The photos of a saved page. A browser's "save as complete" keeps them beside the page
//! (`page_files/现场.jpg`); each one that stood in the text is placed after the paragraph it
//! followed, with its text alternative and caption, and copied into the item's folder.

use std::path::{Path, PathBuf};

use super::html::PageImage;
use super::layout::Paragraph;
use super::report::Report;
use crate::site::bundle::{FileKind, kind_of};

/// A photo to copy beside the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPhoto {
    /// Where the saved page keeps it.
    pub source: PathBuf,
    /// Its name in the item's folder.
    pub name: String,
}

/// Words that are no description of a photo.
const NO_DESCRIPTION: [&str; 6] = ["图片", "圖片", "image", "img", "photo", "picture"];
/// How a caption below a photo starts on Chinese news pages.
const CAPTION_STARTS: [&str; 10] = [
    "图为",
    "圖為",
    "图：",
    "圖：",
    "图:",
    "▲",
    "△",
    "（图",
    "(图",
    "圖為：",
];

/// Puts the page's photos that are saved beside it (in `saved_in`) into `paragraphs` as
/// Markdown images, each after the paragraph it followed; a caption line below one becomes its
/// title. Photos outside the kept text (logos, banners) are left out; those the page only
/// links on its old site are noted as unsure.
pub fn place_photos(
    images: &[PageImage],
    saved_in: Option<&Path>,
    title: &str,
    paragraphs: &mut Vec<Paragraph>,
    report: &mut Report,
) -> Vec<SavedPhoto> {
    let Some(saved_in) = saved_in else {
        return Vec::new();
    };
    let mut saved: Vec<SavedPhoto> = Vec::new();
    for image in images {
        let path = image.src.split(['?', '#']).next().unwrap_or_default();
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let file_name = path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .to_string();
        if kind_of(&file_name) != Some(FileKind::Photo) {
            continue;
        }
        let Some(at) = place_of(image, title, paragraphs) else {
            continue;
        };
        let remote = crate::text::address::scheme_of(&path).is_some() || path.starts_with("//");
        let source = saved_in.join(path.as_ref());
        if remote || path.split(['/', '\\']).any(|p| p == "..") || !source.is_file() {
            report.unsure.push(format!(
                "the photo {} is not saved beside the page: left out",
                image.src
            ));
            continue;
        }
        let caption = take_caption(image, paragraphs, at);
        let alt = description(image, caption.as_deref(), title);
        let name = unique_name(&file_name, &saved);
        let line = paragraphs.get(at.saturating_sub(1)).map_or(0, |p| p.line);
        let title_part = caption
            .as_deref()
            .map(|c| format!(" \"{}\"", c.replace('"', "”")))
            .unwrap_or_default();
        paragraphs.insert(
            at,
            Paragraph {
                line,
                text: format!("![{alt}](<{name}>{title_part})"),
            },
        );
        saved.push(SavedPhoto { source, name });
    }
    if !saved.is_empty() {
        let names: Vec<&str> = saved.iter().map(|s| s.name.as_str()).collect();
        report
            .fields
            .push(("photos", names.join(", "), "saved beside the page".into()));
    }
    saved
}

/// Where the image goes among the paragraphs: after the one whose text it followed, or first
/// when it followed the headline. `None` when it stood outside the text that was kept.
fn place_of(image: &PageImage, title: &str, paragraphs: &[Paragraph]) -> Option<usize> {
    let anchor = significant(&image.after_text);
    let anchor: String = anchor
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if anchor.is_empty() {
        return None;
    }
    if significant(title).ends_with(&anchor) {
        return Some(0);
    }
    paragraphs
        .iter()
        .rposition(|p| !p.text.starts_with("![") && significant(&p.text).contains(&anchor))
        .map(|i| i + 1)
}

/// The letters and digits of a text, without spaces and punctuation, which repairs change.
fn significant(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The photo's caption: its figure's, or the short line below it that reads as one (taken out
/// of the text).
fn take_caption(image: &PageImage, paragraphs: &mut Vec<Paragraph>, at: usize) -> Option<String> {
    let below = paragraphs.get(at).map(|p| p.text.trim().to_string());
    let is_caption = |text: &str| {
        image.caption.as_deref() == Some(text)
            || (text.chars().count() <= 60 && CAPTION_STARTS.iter().any(|s| text.starts_with(s)))
    };
    match below {
        Some(text) if is_caption(&text) => {
            paragraphs.remove(at);
            Some(text)
        }
        _ => image.caption.clone(),
    }
}

/// The photo's text alternative: its `alt` when that describes it, else its caption without
/// the 图为, else the item's title.
fn description(image: &PageImage, caption: Option<&str>, title: &str) -> String {
    let alt = image.alt.trim();
    let describes = !alt.is_empty()
        && alt.chars().count() <= 80
        && kind_of(alt).is_none()
        && !NO_DESCRIPTION.iter().any(|w| alt.eq_ignore_ascii_case(w));
    let text = match (describes, caption) {
        (true, _) => alt.to_string(),
        (false, Some(caption)) => CAPTION_STARTS
            .iter()
            .find_map(|s| caption.strip_prefix(s))
            .unwrap_or(caption)
            .trim_start_matches(['：', ':', ' '])
            .to_string(),
        (false, None) => title.to_string(),
    };
    text.replace(['[', ']'], "")
}

/// The file's name in the item's folder: without characters Markdown or addresses would read
/// (spaces, brackets, quotes), and numbered when two photos share one.
fn unique_name(file_name: &str, saved: &[SavedPhoto]) -> String {
    let clean: String = file_name
        .chars()
        .map(|c| {
            if c.is_whitespace() || "()<>[]\"'#?%&".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let mut name = clean.clone();
    let mut n = 1;
    while saved.iter().any(|s| s.name == name) {
        n += 1;
        let (stem, extension) = clean.rsplit_once('.').unwrap_or((&clean, "jpg"));
        name = format!("{stem}-{n}.{extension}");
    }
    name
}
