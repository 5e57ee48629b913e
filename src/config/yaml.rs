//! Where things are written in a YAML file, and how a value looks as written, for problems that
//! point an editor at the right line.

/// The 1-based line on which `key:` is written below the top-level `parent:`; the parent's
/// line if it is not found there.
pub fn nested_key_line(yaml: &str, parent: &str, key: &str) -> usize {
    let start = key_line(yaml, parent);
    yaml.lines()
        .enumerate()
        .skip(start)
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(start, |(i, _)| i + 1)
}

/// The 1-based line on which a top-level `key:` is written, or 0 if it is not written.
pub fn key_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(0, |i| i + 1)
}

/// A YAML value as an editor wrote it, for messages: `建设局`, not `String("建设局")`.
pub fn shown(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .map(|s| s.trim_end().replace('\n', " "))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_found_below_columns() {
        let text =
            "title: t\nnews: x\ncolumns:\n  notices: { name: 通知 }\n  news: { name: 动态 }\n";
        assert_eq!(nested_key_line(text, "columns", "news"), 5);
    }
}
