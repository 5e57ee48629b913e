//! Offices that imported pages name but `departments:` lacks: listed at the end of an import
//! as a block ready to paste, and with `--add-departments` written into `bulletin.yaml`,
//! its comments and order kept.

use std::path::Path;

use super::Imported;
use crate::config::Config;
use crate::error::{Error, Problem, Result};
use crate::site::CONFIG_FILE;
use crate::text::converter::Converter;
use crate::text::slug;

/// The offices no department matched, in the order first named, each with a free key made
/// from its pinyin: `(key, name)`.
pub fn unmatched(
    config: &Config,
    converter: &Converter,
    imported: &[Imported],
) -> Vec<(String, String)> {
    let mut keys: Vec<String> = config.departments.iter().map(|d| d.key.clone()).collect();
    let mut found: Vec<(String, String)> = Vec::new();
    for office in imported
        .iter()
        .filter_map(|i| i.report.unmatched_office.as_deref())
    {
        let folded = converter.convert(office, "t2s");
        if found
            .iter()
            .any(|(_, name)| converter.convert(name, "t2s") == folded)
        {
            continue;
        }
        let base = match slug::from_title(&folded) {
            key if key.is_empty() => "office".to_string(),
            key => key,
        };
        let key = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|key| !keys.contains(key))
            .expect("some suffix is free");
        keys.push(key.clone());
        found.push((key, office.to_string()));
    }
    found
}

/// The offices as lines of `departments:`.
pub fn block(offices: &[(String, String)]) -> String {
    let mut text = String::from("departments:\n");
    for (key, name) in offices {
        text.push_str(&format!(
            "  {key}: {}\n",
            crate::stages::load::yaml_string(name)
        ));
    }
    text
}

/// Writes the offices into `bulletin.yaml`, after the last entry of its `departments:` block;
/// nothing else of the file changes. The result must still be a valid configuration.
pub fn add_to_config(root: &Path, offices: &[(String, String)]) -> Result<()> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
    let updated = with_departments(&text, offices).map_err(|message| {
        Error::invalid(vec![
            Problem::new(
                Path::new(CONFIG_FILE),
                crate::config::key_line(&text, "departments"),
                message,
            )
            .with_hint("add the printed block by hand"),
        ])
    })?;
    Config::parse(root, &updated)?;
    let spare = path.with_extension("yaml.new");
    std::fs::write(&spare, &updated).map_err(|e| Error::write(&spare, e))?;
    std::fs::rename(&spare, &path).map_err(|e| Error::write(&path, e))
}

/// `text` with the offices added at the end of the block under `departments:`.
fn with_departments(
    text: &str,
    offices: &[(String, String)],
) -> std::result::Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| {
            l.strip_prefix("departments")
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .ok_or("bulletin.yaml has no `departments:`")?;
    if !lines[start].trim_end().ends_with(':') {
        return Err(
            "`departments:` is written on one line; the offices cannot be added to it".into(),
        );
    }
    // The block: the indented lines after it, up to the next key at the margin.
    let mut last = start;
    let mut indent = "  ".to_string();
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            break;
        }
        if last == start {
            indent = line[..line.len() - line.trim_start().len()].to_string();
        }
        last = i;
    }
    let mut out: Vec<String> = lines[..=last].iter().map(|l| l.to_string()).collect();
    for (key, name) in offices {
        out.push(format!(
            "{indent}{key}: {}",
            crate::stages::load::yaml_string(name)
        ));
    }
    out.extend(lines[last + 1..].iter().map(|l| l.to_string()));
    Ok(out.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_go_after_the_last_department_and_nothing_else_moves() {
        let text = "title: t\n# the offices\ndepartments:\n  jianshe: 区建设局   # kept\n\n  # more to come\n  xiqu: 西区\ncolumns: {}\n";
        let offices = [(
            "rong-mei-ti-zhong-xin".to_string(),
            "濂溪区融媒体中心".to_string(),
        )];
        let updated = with_departments(text, &offices).unwrap();
        assert_eq!(
            updated,
            "title: t\n# the offices\ndepartments:\n  jianshe: 区建设局   # kept\n\n  # more to come\n  xiqu: 西区\n  rong-mei-ti-zhong-xin: \"濂溪区融媒体中心\"\ncolumns: {}\n"
        );
        assert!(with_departments("departments: { a: b }\n", &offices).is_err());
    }
}
