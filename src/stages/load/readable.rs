//! Whether a content file can be read at all, before its fields are: UTF-8 (a BOM allowed),
//! and front matter nested no deeper than real front matter is, so that parsing stays cheap.

use std::path::Path;

use crate::error::Problem;

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
