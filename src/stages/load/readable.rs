//! Whether a content file can be read at all, before its fields are: UTF-8 (a BOM allowed),
//! of a size the limits allow, without control characters, and front matter nested no deeper
//! than real front matter is, so that parsing stays cheap.

use std::path::Path;

use super::screening;
use crate::error::Problem;
use crate::text::markdown::split_front_matter;

/// How deep front matter may nest lists and maps: real front matter nests three or four deep,
/// and the YAML parser's time grows with the depth.
const MOST_NESTING: usize = 32;

/// A problem if the front matter nests `[` and `{` deeper than `MOST_NESTING`, at the line
/// where it does; counted before parsing, so that no depth costs more than one pass.
pub(super) fn too_deep(path: &Path, front: &str) -> Option<Problem> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (index, line) in front.lines().enumerate() {
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MOST_NESTING {
                return Some(
                    Problem::new(
                        path,
                        index + 2,
                        format!(
                            "the front matter nests lists or maps more than {MOST_NESTING} deep"
                        ),
                    )
                    .with_hint("front matter holds a few fields; check for stray `[` or `{`"),
                );
            }
        }
    }
    None
}

/// The file's text, or a problem at the line and column of its first byte that is not UTF-8.
pub(super) fn decode_utf8<'a>(
    path: &Path,
    bytes: &'a [u8],
) -> std::result::Result<&'a str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Problem::new(path, line, "the file is not valid UTF-8")
            .at_column(column)
            .with_hint(
                "save it as UTF-8; files in GBK or Big5 can be brought in with `bulletin import`",
            )
    })
}

/// The file's text, front matter and body, once it is known to be of a readable size, UTF-8
/// without control characters, and to start with a front matter that is not nested too deep.
pub(super) fn screen_file<'t>(
    path: &Path,
    bytes: &'t [u8],
    item_mb: u64,
) -> Result<(&'t str, &'t str, &'t str), Vec<Problem>> {
    if bytes.len() as u64 > item_mb * 1024 * 1024 {
        return Err(vec![
            Problem::new(
                path,
                0,
                format!(
                    "the file is {:.1} MB, over the limit of {} MB for one item",
                    bytes.len() as f64 / 1024.0 / 1024.0,
                    item_mb
                ),
            )
            .with_hint(
                "split it into several items, or raise `limits: { item_mb: ... }` in bulletin.yaml",
            ),
        ]);
    }
    let text = decode_utf8(path, bytes).map_err(|p| vec![p])?;
    let controls = screening::control_characters(path, text);
    if !controls.is_empty() {
        return Err(controls);
    }
    let (front, body) = split_front_matter(text).ok_or_else(|| {
        vec![Problem::new(path, 1, "no front matter").with_hint(
            "start the file with a line `---`, then `title:`, `date:` and `department:`, then a line `---`",
        )]
    })?;
    if let Some(problem) = too_deep(path, front) {
        return Err(vec![problem]);
    }
    Ok((text, front, body))
}
