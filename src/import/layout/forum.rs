//! A forum's template for reposting news, as PTT's boards number it (`1.媒體來源:` …
//! `4.完整新聞內文:`): its fields are the item's metadata, its text follows the text's label,
//! and the link and remarks after the text close the article.

use std::sync::LazyLock;

use regex::Regex;

/// What a line of the template is.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum TemplateLine<'a> {
    /// A field, as the layout's own label gives it (`来源：某某时报`).
    Field(String),
    /// The text's first line after its label (empty when the text starts on the next line).
    Text(&'a str),
    /// The link to the original or the poster's remarks: the article is over.
    End,
}

impl super::Scan {
    /// Takes a line of a forum's template for reposts (`template`): its field, or the end of
    /// the article; or its label, giving back the text after it, still to lay out.
    pub(super) fn take_template_line<'a>(
        &mut self,
        line_no: usize,
        line: &'a str,
        template: TemplateLine<'a>,
        fold: &dyn Fn(&str) -> String,
    ) -> Option<&'a str> {
        match template {
            TemplateLine::Field(field) => {
                let kind = match self.takes_fields(&field, &fold(&field)) {
                    true => "metadata",
                    false => "repost template",
                };
                self.remove(kind, line_no, line.to_string());
                None
            }
            TemplateLine::End => {
                self.after_article = self.text_seen;
                self.remove("related links", line_no, line.to_string());
                None
            }
            TemplateLine::Text(text) => {
                let label = &line[..line.len() - text.len()];
                self.remove("repost template", line_no, label.to_string());
                Some(text)
            }
        }
    }
}

/// Which line of the template `line` is (`folded` its simplified form), if any.
pub(super) fn template_line<'a>(line: &'a str, folded: &str) -> Option<TemplateLine<'a>> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[1-6]\s*[.．、]\s*(?P<label>媒体来源|记者署名|完整新闻标题|完整新闻内文|完整新闻连结|备注)\s*(?:[(（][^)）]{0,12}[)）])?\s*[：:]?\s*")
            .expect("valid pattern")
    });
    let found = LABEL.captures(folded)?;
    // The value in the page's own characters: folding keeps a line's length but for a rare
    // phrase, and a line it changed is left as it is.
    if folded.chars().count() != line.chars().count() {
        return None;
    }
    let label_chars = found[0].chars().count();
    let value = (line.char_indices().nth(label_chars)).map_or("", |(at, _)| &line[at..]);
    let field = |label: &str| TemplateLine::Field(format!("{label}：{}", value.trim()));
    Some(match &found["label"] {
        "媒体来源" => field("来源"),
        "记者署名" => field("作者"),
        "完整新闻标题" => field("标题"),
        "完整新闻内文" => TemplateLine::Text(value.trim()),
        _ => TemplateLine::End,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reposts_numbered_fields_are_metadata_and_its_text_follows_its_label() {
        fn same(line: &str) -> Option<TemplateLine<'_>> {
            template_line(line, line)
        }
        assert_eq!(
            same("1.媒体来源:某某时报"),
            Some(TemplateLine::Field("来源：某某时报".into()))
        );
        assert_eq!(
            same("2.记者署名李小明"),
            Some(TemplateLine::Field("作者：李小明".into()))
        );
        assert_eq!(
            same("3.完整新闻标题:县长客串直播主"),
            Some(TemplateLine::Field("标题：县长客串直播主".into()))
        );
        assert_eq!(
            same("4.完整新闻内文:县长今日客串直播主。"),
            Some(TemplateLine::Text("县长今日客串直播主。"))
        );
        assert_eq!(same("5.完整新闻连结 (或短网址):"), Some(TemplateLine::End));
        assert_eq!(same("来源：某某时报"), None, "a field of the page's own");
        // The page's own characters are kept.
        assert_eq!(
            template_line(
                "4.完整新聞內文:縣長今日客串。",
                "4.完整新闻内文:县长今日客串。"
            ),
            Some(TemplateLine::Text("縣長今日客串。"))
        );
    }
}
