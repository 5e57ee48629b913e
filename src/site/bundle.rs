//! The files an item keeps beside it (its bundle): which kinds the site publishes, and which
//! of an item's link targets name one of them. Shared by the load, media and Markdown stages.

/// What becomes of a file an item links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Decoded, resized and published in several widths, as WebP and in its own format.
    Photo,
    /// A GIF is published as it is: resizing would lose its frames.
    Animation,
    /// Published as it is and listed under the text; the label names its kind (`PDF`).
    Attachment(&'static str),
}

/// Extensions of photos, resized and encoded again.
const PHOTOS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// Extensions of attachments and the label shown beside each in the 附件 list.
const ATTACHMENTS: [(&str, &str); 13] = [
    ("pdf", "PDF"),
    ("doc", "DOC"),
    ("docx", "DOCX"),
    ("xls", "XLS"),
    ("xlsx", "XLSX"),
    ("ppt", "PPT"),
    ("pptx", "PPTX"),
    ("ofd", "OFD"),
    ("wps", "WPS"),
    ("zip", "ZIP"),
    ("rar", "RAR"),
    ("txt", "TXT"),
    ("csv", "CSV"),
];

/// The kind of a file by its name's extension, in any case; `None` for a kind the site does
/// not publish beside items.
pub fn kind_of(name: &str) -> Option<FileKind> {
    let (_, extension) = name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    if PHOTOS.contains(&extension.as_str()) {
        return Some(FileKind::Photo);
    }
    if extension == "gif" {
        return Some(FileKind::Animation);
    }
    ATTACHMENTS
        .iter()
        .find(|(e, _)| *e == extension)
        .map(|(_, label)| FileKind::Attachment(label))
}

/// The kinds of files an item may keep beside it, for hints.
pub fn published_kinds() -> String {
    let mut kinds: Vec<&str> = PHOTOS.to_vec();
    kinds.push("gif");
    kinds.extend(ATTACHMENTS.iter().map(|(e, _)| *e));
    kinds.join(", ")
}

/// The name, inside the item's folder, of the file a link target names: a relative address
/// (no scheme, not from the root) whose last part has the extension of a kind the site
/// publishes. `./图/现场.jpg` and `%E5%9B%BE/a.jpg` name `图/现场.jpg` and `图/a.jpg`. A
/// target that climbs out of the folder is returned with its `..`, for the caller to refuse.
pub fn bundle_reference(target: &str) -> Option<String> {
    let target = target.trim();
    if target.is_empty()
        || target.starts_with(['/', '#', '?', '\\'])
        || crate::text::address::scheme_of(target).is_some()
    {
        return None;
    }
    let path = target.split(['#', '?']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    kind_of(path.rsplit('/').next().unwrap_or_default())?;
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_extension_in_any_case() {
        assert_eq!(kind_of("现场.JPG"), Some(FileKind::Photo));
        assert_eq!(kind_of("a.gif"), Some(FileKind::Animation));
        assert_eq!(kind_of("纪要.pdf"), Some(FileKind::Attachment("PDF")));
        assert_eq!(kind_of("表.XLSX"), Some(FileKind::Attachment("XLSX")));
        assert_eq!(kind_of("page.html"), None);
        assert_eq!(kind_of("README"), None);
    }

    #[test]
    fn references_are_relative_targets_of_published_kinds() {
        assert_eq!(bundle_reference("photo.jpg").as_deref(), Some("photo.jpg"));
        assert_eq!(
            bundle_reference("./图/现场.jpg").as_deref(),
            Some("图/现场.jpg")
        );
        assert_eq!(
            bundle_reference("%E7%BA%AA%E8%A6%81.pdf#page=2").as_deref(),
            Some("纪要.pdf")
        );
        assert_eq!(
            bundle_reference("../other/a.png").as_deref(),
            Some("../other/a.png")
        );
        for elsewhere in [
            "/static/logo.png",
            "https://e.org/a.jpg",
            "../03/x/",
            "#一",
            "data:image/png;base64,AA",
            "notes.html",
        ] {
            assert_eq!(bundle_reference(elsewhere), None, "{elsewhere}");
        }
    }
}
