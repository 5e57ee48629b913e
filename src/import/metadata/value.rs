//! A metadata value without what its line left around it: an unknown label, brackets,
//! quotation marks.

use std::sync::LazyLock;

use regex::Regex;

/// A value without a label the pattern does not know: an empty field before one is none
/// (`来源:发布者:时间:…`, `来源: 编审:网管中心`), and one after the value, its own field left
/// empty, goes (`来源:县广播电视台 浏览:`, `来源: 成都新闻网  Tag:`).
pub(super) fn without_unknown_label(value: &str) -> Option<&str> {
    static OPENING_LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[\p{Han}A-Za-z]{1,6}\s*[：:]").expect("valid pattern"));
    if value.is_empty() || OPENING_LABEL.is_match(value) {
        return None;
    }
    if !value.ends_with([':', '：']) {
        return Some(value);
    }
    let (kept, _label) = value.rsplit_once(char::is_whitespace)?;
    Some(kept.trim()).filter(|kept| !kept.is_empty())
}

/// A value without the closing bracket of a field the line opened before its key:
/// `(新闻来源:某某晚报)` gives `某某晚报`.
pub(super) fn unclosed(value: &str) -> &str {
    match value.strip_suffix([')', '）']) {
        Some(inner) if !inner.contains(['(', '（']) => inner.trim_end(),
        _ => value,
    }
}

/// A value without the bracket that closed its field, `（来源：某某网）`, `【原标题：…】`: one
/// with no opening bracket before it.
pub(in crate::import) fn without_bracket_around(value: String) -> String {
    for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
        if let Some(inner) = value.strip_suffix(close).filter(|v| !v.contains(open)) {
            return inner.trim_end().to_string();
        }
    }
    value
}

/// A value without the quotation marks around all of it: `“南郊乡多措并举”`.
pub(super) fn unquoted(value: &str) -> &str {
    for (open, close) in [('“', '”'), ('「', '」'), ('『', '』'), ('"', '"')] {
        let inner = value.strip_prefix(open).and_then(|v| v.strip_suffix(close));
        if let Some(inner) = inner.filter(|inner| !inner.contains([open, close])) {
            return inner.trim();
        }
    }
    value
}
