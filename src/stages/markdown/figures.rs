//! Photos and attachments in a rendered text. A photo becomes a `<picture>` offering its
//! widths as WebP and in its own format, with its size (no layout shift) and lazy loading
//! after the first; alone in its paragraph it is a `<figure>`, its title the caption. A link to
//! an attachment leads to its published address and downloads it under its own name.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::site::bundle::bundle_reference;
use crate::stages::item::{
    ItemFiles, LeadImage, PhotoSource, PublishedAttachment, PublishedFile, PublishedPhoto,
};
use crate::text::escape::{encode_path, escape_xml};

/// How wide a photo shows: the text column is at most 48rem.
const SIZES: &str = "(max-width: 48rem) 100vw, 48rem";

/// A text's events with its files in place.
pub struct Placed<'a> {
    pub events: Vec<Event<'a>>,
    /// The first photo, with its text alternative.
    pub lead_image: Option<LeadImage>,
    /// The attachments linked, in the order of their first link.
    pub attachments: Vec<PublishedAttachment>,
}

/// Puts an item's published files in place of its links and images to them.
pub fn place_files<'a>(events: Vec<Event<'a>>, files: &ItemFiles, base_path: &str) -> Placed<'a> {
    let mut placed = Vec::with_capacity(events.len());
    let mut lead: Option<LeadImage> = None;
    let mut attachments: Vec<PublishedAttachment> = Vec::new();
    // Whether the link being copied is one this function opened as HTML.
    let mut open_download = false;
    let mut i = 0;
    while i < events.len() {
        let photo_at = |at: usize| match events.get(at) {
            Some(Event::Start(Tag::Image {
                dest_url, title, ..
            })) => photo_of(files, dest_url).map(|photo| (photo, title.clone())),
            _ => None,
        };
        if let (Event::Start(Tag::Paragraph), Some((photo, title))) = (&events[i], photo_at(i + 1))
        {
            let end = image_end(&events, i + 1);
            if let Some(paragraph_end) = alone_until(&events, end + 1) {
                let alt = text_between(&events[i + 2..end]);
                let picture = picture(photo, &alt, lead.is_some(), base_path);
                let caption = match title.trim() {
                    "" => String::new(),
                    title => format!("<figcaption>{}</figcaption>", escape_xml(title)),
                };
                placed.push(Event::Html(
                    format!("<figure class=\"photo\">{picture}{caption}</figure>\n").into(),
                ));
                lead.get_or_insert_with(|| lead_image(photo, alt));
                i = paragraph_end + 1;
                continue;
            }
        }
        match &events[i] {
            Event::Start(Tag::Image { .. }) if photo_at(i).is_some() => {
                let (photo, _) = photo_at(i).expect("checked");
                let end = image_end(&events, i);
                let alt = text_between(&events[i + 1..end]);
                let picture = picture(photo, &alt, lead.is_some(), base_path);
                placed.push(Event::InlineHtml(picture.into()));
                lead.get_or_insert_with(|| lead_image(photo, alt));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) if files_of(files, dest_url).is_some() => {
                let (href, download) = files_of(files, dest_url).expect("checked");
                if let Some(PublishedFile::Attachment(attachment)) = bundle_reference(dest_url)
                    .and_then(|name| files.0.get(&name))
                    .filter(|_| !attachments.iter().any(|a| a.path == href))
                {
                    attachments.push(attachment.clone());
                }
                placed.push(Event::InlineHtml(
                    format!(
                        "<a href=\"{}{}\" download=\"{}\">",
                        escape_xml(base_path),
                        escape_xml(&encode_path(&href)),
                        escape_xml(&download)
                    )
                    .into(),
                ));
                open_download = true;
            }
            Event::End(TagEnd::Link) if open_download => {
                placed.push(Event::InlineHtml(CowStr::from("</a>")));
                open_download = false;
            }
            event => placed.push(event.clone()),
        }
        i += 1;
    }
    Placed {
        events: placed,
        lead_image: lead,
        attachments,
    }
}

fn photo_of<'f>(files: &'f ItemFiles, target: &str) -> Option<&'f PublishedPhoto> {
    let name = bundle_reference(target)?;
    match files.0.get(&name)? {
        PublishedFile::Photo(photo) => Some(photo),
        PublishedFile::Attachment(_) => None,
    }
}

/// Where a link to a published file leads, and the name it downloads under: an attachment as
/// it is, a photo as its widest rendition in its own format.
fn files_of(files: &ItemFiles, target: &str) -> Option<(String, String)> {
    let name = bundle_reference(target)?;
    match files.0.get(&name)? {
        PublishedFile::Attachment(attachment) => {
            Some((attachment.path.clone(), attachment.name.clone()))
        }
        PublishedFile::Photo(photo) => {
            let widest = *photo.fallbacks().last()?;
            let file = widest.path.rsplit('/').next().unwrap_or_default();
            Some((widest.path.clone(), file.to_string()))
        }
    }
}

/// The index of the `End(Image)` that closes the image opened at `start`.
fn image_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0;
    for (i, event) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// The index of the paragraph's end if only blank text stands between `from` and it.
fn alone_until(events: &[Event], from: usize) -> Option<usize> {
    for (i, event) in events.iter().enumerate().skip(from) {
        match event {
            Event::End(TagEnd::Paragraph) => return Some(i),
            Event::SoftBreak | Event::HardBreak => {}
            Event::Text(text) if text.trim().is_empty() => {}
            _ => return None,
        }
    }
    None
}

/// The plain text of an image's description.
fn text_between(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

fn lead_image(photo: &PublishedPhoto, alt: String) -> LeadImage {
    LeadImage {
        photo: photo.clone(),
        alt,
    }
}

/// A photo's `<picture>`: WebP widths for the browsers that read them, the photo's own format
/// for the rest, and the size of the default width so that the page keeps its place.
fn picture(photo: &PublishedPhoto, alt: &str, lazy: bool, base_path: &str) -> String {
    let srcset = |sources: Vec<&PhotoSource>| {
        sources
            .iter()
            .map(|s| format!("{}{} {}w", base_path, encode_path(&s.path), s.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut html = String::from("<picture>");
    let webp = photo.webp();
    if !webp.is_empty() {
        html.push_str(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">",
            escape_xml(&srcset(webp))
        ));
    }
    let shown = photo.default_source();
    html.push_str(&format!(
        "<img src=\"{}{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\"{}decoding=\"async\"></picture>",
        escape_xml(base_path),
        escape_xml(&encode_path(&shown.path)),
        escape_xml(&srcset(photo.fallbacks())),
        shown.width,
        shown.height,
        escape_xml(alt),
        if lazy { " loading=\"lazy\" " } else { " " }
    ));
    html
}
