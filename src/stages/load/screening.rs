//! Screens a content file for what must never reach a page: control characters (which make
//! XML invalid and hide text) and, in front matter's free `extra` map, script addresses.

use std::path::Path;

use crate::error::Problem;
use crate::text::cjk::is_forbidden_control;

/// How many control characters one file reports: a binary file saved as `.md` has millions.
const MOST_REPORTED: usize = 5;

/// The control characters written in a file's text, each at its line and column.
pub fn control_characters(path: &Path, text: &str) -> Vec<Problem> {
    // Most files have none: their bytes say so at memory speed. In UTF-8 a C0 control or DEL
    // is one byte below 0x20 (or 0x7F), a C1 control is 0xC2 then 0x80 to 0x9F.
    let bytes = text.as_bytes();
    let suspect = bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7F
            || (b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    });
    if !suspect {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if let Some((column, c)) = line
            .chars()
            .enumerate()
            .find(|&(_, c)| is_forbidden_control(c))
        {
            found.push(control_problem(path, index + 1, c).at_column(column + 1));
            if found.len() == MOST_REPORTED {
                break;
            }
        }
    }
    found
}

/// Control characters that front matter's escapes (`"\0"`, `"\x07"`, `"\u0085"`) wrote
/// into its values: the text shows none, the parsed values carry them.
pub fn escaped_control_characters(path: &Path, front: &str) -> Vec<Problem> {
    // Only a backslash in double quotes writes one, so most items need no second parse.
    if !front.contains('\\') {
        return Vec::new();
    }
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(front) else {
        return Vec::new();
    };
    let mut strings = Vec::new();
    strings_of(&value, &mut strings);
    let Some(c) = strings
        .iter()
        .find_map(|s| s.chars().find(|&c| is_forbidden_control(c)))
    else {
        return Vec::new();
    };
    let line = front.lines().position(|l| l.contains('\\')).unwrap_or(0) + 2;
    vec![control_problem(path, line, c)]
}

/// The values of front matter's `extra` map that are script addresses (`javascript:…`), which
/// a theme could put into a link.
pub fn script_addresses(path: &Path, front: &str, extra: &serde_yaml::Mapping) -> Vec<Problem> {
    let mut strings = Vec::new();
    for value in extra.values() {
        strings_of(value, &mut strings);
    }
    strings
        .into_iter()
        .filter(|s| crate::text::address::runs_script(s))
        .map(|address| {
            let shown: String = address.chars().take(40).collect();
            let line = front
                .lines()
                .position(|l| l.contains(shown.trim()))
                .map_or(1, |i| i + 2);
            Problem::new(
                path,
                line,
                format!("`{shown}` in `extra` is an address that runs a script"),
            )
            .with_hint(
                "remove it: a theme could make it a link, and a government page must not carry one",
            )
            .with_rule("unsafe-link")
        })
        .collect()
}

fn control_problem(path: &Path, line: usize, c: char) -> Problem {
    Problem::new(
        path,
        line,
        format!("a control character (U+{:04X}) in the text", u32::from(c)),
    )
    .with_hint("delete it: it shows as nothing on a page and makes feeds invalid XML (text pasted from a PDF or Word often carries one)")
    .with_rule("control-character")
}

fn strings_of<'a>(value: &'a serde_yaml::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_yaml::Value::String(s) => out.push(s),
        serde_yaml::Value::Sequence(values) => values.iter().for_each(|v| strings_of(v, out)),
        serde_yaml::Value::Mapping(map) => map.iter().for_each(|(k, v)| {
            strings_of(k, out);
            strings_of(v, out);
        }),
        serde_yaml::Value::Tagged(tagged) => strings_of(&tagged.value, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_at_their_column_but_tabs_and_line_ends_are_text() {
        let path = Path::new("a.md");
        let found = control_characters(path, "甲\t乙\r\n丙\u{0}丁\n\u{85}\n");
        let at: Vec<(usize, usize)> = found.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, [(2, 2), (3, 1)]);
        assert!(found[0].message.contains("U+0000"), "{}", found[0]);
        assert_eq!(
            control_characters(path, &"\u{1}\n".repeat(100)).len(),
            MOST_REPORTED
        );
    }

    #[test]
    fn escapes_that_write_control_characters_are_found() {
        let path = Path::new("a.md");
        let found = escaped_control_characters(path, "title: \"甲\\0乙\"\ndate: 2024-01-01\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
        assert!(escaped_control_characters(path, "title: \"甲\\t乙 \\\\ 丙\"\n").is_empty());
    }

    #[test]
    fn script_addresses_in_extra_are_found_at_their_line() {
        let front = "title: 甲\nextra:\n  link: \"javascript:alert(1)\"\n  site: https://e.org/\n";
        let raw: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
        let extra = raw["extra"].as_mapping().unwrap();
        let found = script_addresses(Path::new("a.md"), front, extra);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 4);
        assert_eq!(found[0].rule, "unsafe-link");
    }
}
