//! The source named in a page's header that was taken off above the headline, labelled or
//! listed as a catalogue that lost its labels.

use std::sync::LazyLock;

use regex::Regex;

use super::{FIELD_KEY, Fields, take_fields};

/// The source a page's header names, for a page whose header was taken off above its headline:
/// `发文日期：… 发布机构：公园街道办事处`, `• 发文机构：` with its value on the next line, or the
/// office of a catalogue whose labels were lost.
pub(in crate::import) fn source_in_header(
    lines: &[String],
    fold: &dyn Fn(&str) -> String,
) -> Option<String> {
    let mut fields = Fields::default();
    let label_only = |folded: &str| {
        FIELD_KEY
            .find(folded)
            .is_some_and(|key| key.start() == 0 && folded[key.end()..].trim().is_empty())
    };
    let mut i = 0;
    while i < lines.len() {
        let mut line = unbulleted(&lines[i]).to_string();
        let next = lines.get(i + 1).map(|next| unbulleted(next));
        if let Some(next) =
            next.filter(|next| label_only(&fold(&line)) && !FIELD_KEY.is_match(&fold(next)))
        {
            line.push_str(next);
            i += 1;
        }
        take_fields(&line, &fold(&line), &mut fields);
        i += 1;
    }
    fields.source.or_else(|| unlabelled_issuer(lines, fold))
}

/// A disclosure's catalogue whose labels were lost (`• 795746147/2020-00283` / `• 某某街道办事处`
/// / `• 2020-09-17`): beside its index number, the office alone on its line is the issuer; so
/// is an office given with its level, as a disclosure platform lists its units
/// (`某某开发区应急管理局县级`).
fn unlabelled_issuer(lines: &[String], fold: &dyn Fn(&str) -> String) -> Option<String> {
    static INDEX_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[0-9A-Z]{6,}[/-]\d{4}-\d{3,}$").expect("valid pattern"));
    let values = || lines.iter().map(|line| unbulleted(line));
    let with_level = values().find_map(|v| {
        let folded = fold(v);
        let level = ["县级", "市级", "区级", "乡级", "镇级", "省级"]
            .iter()
            .find(|level| folded.ends_with(*level))?;
        let office = v[..v.len() - level.len()].trim();
        crate::import::office::is_office_name(&fold(office)).then(|| office.to_string())
    });
    if with_level.is_some() {
        return with_level;
    }
    if !values().any(|v| INDEX_NUMBER.is_match(v)) {
        return None;
    }
    let issuer = values().find(|v| crate::import::office::is_office_name(&fold(v)))?;
    Some(issuer.to_string())
}

/// A header's line without the bullet a list gave it: `• 发文机构：` is `发文机构：`.
fn unbulleted(line: &str) -> &str {
    line.trim().trim_start_matches(['•', '·', '*']).trim()
}
