//! Text made safe for markup (XML, and HTML written outside templates) and site paths made
//! safe for addresses, below every stage that writes either.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Escapes text for XML content and attribute values. Control characters, which XML does
/// not allow and content never carries (`content::screening`), are dropped should a site's
/// own settings hold one.
pub fn escape_xml(text: &str) -> String {
    // Most text (every address) needs no change: one copy, not a push per character.
    if !text.bytes().any(needs_care) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if super::cjk::is_forbidden_control(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A byte that may need escaping or dropping in XML: a markup character, a control character,
/// or the first byte of a character from U+0080 to U+00BF (where the C1 controls are).
fn needs_care(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'' | 0x7f | 0xc2)
        || (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r'))
}

/// What a path keeps as it is in an address: letters, digits and `-._~/`. Everything else,
/// Chinese file names included, is percent-encoded (UTF-8), commas too, so that the address
/// can stand in a `srcset`.
const PATH_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A path of the site as it stands in an address: `files/2024/会议 纪要.pdf` ->
/// `files/2024/%E4%BC%9A%E8%AE%AE%20%E7%BA%AA%E8%A6%81.pdf`.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_KEEPS).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_their_separators_and_encode_the_rest() {
        assert_eq!(encode_path("files/2024/a-b_c.pdf"), "files/2024/a-b_c.pdf");
        assert_eq!(
            encode_path("files/纪要 1,2.pdf"),
            "files/%E7%BA%AA%E8%A6%81%201%2C2.pdf"
        );
        assert_eq!(
            escape_xml("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn xml_loses_control_characters_and_keeps_the_rest_whatever_the_path() {
        let plain = "https://example.org/区政府/2024/通知/ ©\t\n";
        assert_eq!(escape_xml(plain), plain);
        assert_eq!(
            escape_xml("a\u{1}b\u{7f}c\u{85}d\u{a0}'"),
            "abcd\u{a0}&apos;"
        );
    }
}
