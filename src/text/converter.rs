//! The converter: one OpenCC engine (built once, shared by all threads) under a glossary
//! (the built-in corrections, then the site's), converting plain text and the prose of
//! Markdown while code, link targets and URLs keep their bytes.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Result;
use crate::text::engine::{Engine, EngineChoice, Fmmseg};
use crate::text::glossary::{Glossary, Piece, RawGlossary, Target};
use crate::text::script::{Script, ScriptEvidence, ScriptTables};

pub use crate::text::engine::is_known_conversion;

/// Conversion for a build: an engine, built once (it holds every OpenCC dictionary) and shared
/// by all threads, with the built-in corrections.
pub struct Converter {
    engine: Box<dyn Engine>,
    /// The built-in corrections (`dicts/corrections.yaml`), under every site's glossary.
    corrections: Glossary,
    scripts: ScriptTables,
}

impl Default for Converter {
    fn default() -> Self {
        Self::new()
    }
}

impl Converter {
    /// A converter on the default engine.
    pub fn new() -> Self {
        Self::with_engine(Box::new(Fmmseg::new()))
    }

    /// A converter on the engine a site chose in its configuration.
    pub fn for_site(choice: EngineChoice) -> Result<Self> {
        Ok(Self::with_engine(crate::text::engine::build(choice)?))
    }

    pub fn with_engine(engine: Box<dyn Engine>) -> Self {
        let corrections = Glossary::from_raw(&corrections().glossary());
        Converter {
            engine,
            corrections,
            scripts: ScriptTables::new(),
        }
    }

    /// What names the engine and the corrections, for keys of what was converted with them.
    pub fn fingerprint(&self) -> String {
        format!("{}\n{CORRECTIONS}", self.engine.id())
    }

    /// The glossary a site converts with: the built-in corrections, then the site's entries.
    pub fn glossary(&self, site: &RawGlossary) -> Glossary {
        let mut glossary = self.corrections.clone();
        self.extend_glossary(&mut glossary, site);
        glossary
    }

    /// Adds entries to a glossary. A term with forms is recognised in either script: 高新区
    /// is also found where a traditional text writes 高新區.
    pub fn extend_glossary(&self, glossary: &mut Glossary, entries: &RawGlossary) {
        let mut with_aliases = entries.clone();
        for (term, forms) in &entries.terms {
            for conversion in ["s2t", "t2s"] {
                let alias = self.engine_convert(term, conversion);
                with_aliases
                    .terms
                    .entry(alias)
                    .or_insert_with(|| forms.clone());
            }
        }
        glossary.extend(&with_aliases);
    }

    /// Converts plain text with an OpenCC configuration such as `s2t`, with the built-in
    /// corrections. Punctuation is left as written: editors choose their quotation marks.
    pub fn convert(&self, text: &str, conversion: &str) -> String {
        let target = Target::for_conversion(conversion);
        self.convert_text(text, target, &self.corrections)
    }

    /// The engine alone, without any glossary.
    fn engine_convert(&self, text: &str, conversion: &str) -> String {
        match conversion.split_once('+') {
            Some((first, rest)) => self.engine_convert(&self.engine.convert(text, first), rest),
            None => self.engine.convert(text, conversion),
        }
    }

    /// Converts text for `target`: markup and glossary terms first, then the engine for the
    /// rest (when the target needs a conversion at all). URLs written in the text are kept.
    pub fn convert_text(&self, text: &str, target: Target, glossary: &Glossary) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut rest = text;
        while let Some((start, end)) = find_url(rest) {
            self.convert_words(&rest[..start], target, glossary, &mut out);
            out.push_str(&rest[start..end]);
            rest = &rest[end..];
        }
        self.convert_words(rest, target, glossary, &mut out);
        out
    }

    fn convert_words(&self, text: &str, target: Target, glossary: &Glossary, out: &mut String) {
        for piece in glossary.split(text, target) {
            match (piece, target.conversion) {
                (Piece::Fixed(fixed), _) => out.push_str(&fixed),
                (Piece::Convert(plain), Some(conversion)) => {
                    out.push_str(&self.engine_convert(plain, conversion))
                }
                (Piece::Convert(plain), None) => out.push_str(plain),
            }
        }
    }

    /// Converts the prose of a Markdown document; code, link targets, raw HTML and URLs keep
    /// their bytes, so the converted document has the same structure as the original.
    pub fn convert_markdown(&self, source: &str, target: Target, glossary: &Glossary) -> String {
        let mut out = String::with_capacity(source.len() + source.len() / 8);
        let mut copied_to = 0;
        for range in crate::text::markdown::prose_ranges(source) {
            out.push_str(&source[copied_to..range.start]);
            out.push_str(&self.convert_text(&source[range.clone()], target, glossary));
            copied_to = range.end;
        }
        out.push_str(&source[copied_to..]);
        out
    }

    /// Tells the script of a text from the characters that exist in only one script.
    pub fn detect_script(&self, text: &str) -> Option<Script> {
        self.script_evidence(text).verdict()
    }

    /// The evidence for each script in a text, from OpenCC's character tables: the same for
    /// every engine.
    pub fn script_evidence(&self, text: &str) -> ScriptEvidence {
        self.scripts.evidence(text)
    }
}

/// The byte range of the first URL in `text`: from its scheme to the first space, quote,
/// angle bracket or full-width punctuation mark.
fn find_url(text: &str) -> Option<(usize, usize)> {
    let start = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| text.find(scheme))
        .min()?;
    let end = text[start..]
        .char_indices()
        .find(|&(_, c)| {
            c.is_whitespace()
                || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']')
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF01}'..='\u{FF0F}').contains(&c)
                || matches!(c, '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}')
        })
        .map_or(text.len(), |(i, _)| start + i);
    Some((start, end))
}

/// Converts a whole document for `bulletin convert`: plain text, or Markdown whose front
/// matter keeps its keys and whose body keeps its code, link targets and URLs.
pub fn convert_document(
    converter: &Converter,
    text: &str,
    markdown: bool,
    conversion: &str,
    glossary: &Glossary,
) -> String {
    let target = Target::for_conversion(conversion);
    if !markdown {
        return converter.convert_text(text, target, glossary);
    }
    let Some((front, body)) = crate::text::markdown::split_front_matter(text) else {
        return converter.convert_markdown(text, target, glossary);
    };
    let mut out = String::from("---\n");
    for line in front.lines() {
        match line.split_once(':') {
            Some((key, value)) if !key.trim().is_empty() && !key.trim_start().starts_with('#') => {
                out.push_str(key);
                out.push(':');
                out.push_str(&converter.convert_text(value, target, glossary));
            }
            _ => out.push_str(&converter.convert_text(line, target, glossary)),
        }
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(&converter.convert_markdown(body, target, glossary));
    out
}

/// One built-in correction, with the conversions that prove it (`dicts/corrections.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub term: String,
    pub forms: BTreeMap<String, String>,
    pub examples: Vec<CorrectionExample>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionExample {
    pub conversion: String,
    pub input: String,
    pub output: String,
}

pub struct Corrections(pub Vec<Correction>);

impl Corrections {
    fn glossary(&self) -> RawGlossary {
        RawGlossary {
            keep: Vec::new(),
            terms: self
                .0
                .iter()
                .map(|c| (c.term.clone(), c.forms.clone()))
                .collect(),
        }
    }
}

pub const CORRECTIONS: &str = include_str!("../../dicts/corrections.yaml");

/// The built-in corrections, embedded in the binary.
pub fn corrections() -> Corrections {
    Corrections(
        serde_yaml::from_str(CORRECTIONS).expect("dicts/corrections.yaml is checked by the tests"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways() {
        let converter = Converter::new();
        assert_eq!(converter.convert("区建设局", "s2t"), "區建設局");
        assert_eq!(converter.convert("濠江區建設局", "t2s"), "濠江区建设局");
    }

    #[test]
    fn markdown_code_and_link_targets_keep_their_bytes() {
        let converter = Converter::new();
        let source = "## 区建设\n\n发展 `区 = 1` 见[说明](https://example.org/区/) 和 https://例子.中国/区 。\n\n```\n代码区\n```\n";
        let target = Target::for_conversion("s2t");
        let converted = converter.convert_markdown(source, target, &Glossary::new());
        assert_eq!(
            converted,
            "## 區建設\n\n發展 `区 = 1` 見[說明](https://example.org/区/) 和 https://例子.中国/区 。\n\n```\n代码区\n```\n"
        );
    }

    #[test]
    fn every_correction_is_needed_and_proven_by_its_examples() {
        let converter = Converter::new();
        for correction in corrections().0 {
            for example in &correction.examples {
                assert_eq!(
                    converter.convert(&example.input, &example.conversion),
                    example.output,
                    "{}: {example:?}",
                    correction.term
                );
            }
            let needed = correction.forms.iter().any(|(conversion, form)| {
                converter.engine_convert(&correction.term, conversion) != *form
            });
            assert!(
                needed,
                "{}: the engine already gets every form right",
                correction.term
            );
        }
    }

    #[test]
    fn glossary_terms_keep_names_while_neighbours_convert() {
        let converter = Converter::new();
        let glossary = converter.glossary(&serde_yaml::from_str("keep: [乾泰大道, 后里]").unwrap());
        let hans = Target::for_conversion("t2s");
        assert_eq!(
            converter.convert("青春化工園乾泰大道魏家新路", "t2s"),
            "青春化工园干泰大道魏家新路"
        );
        assert_eq!(
            converter.convert_text("青春化工園乾泰大道魏家新路", hans, &glossary),
            "青春化工园乾泰大道魏家新路"
        );
        let hant = Target::for_conversion("s2t");
        assert_eq!(
            converter.convert_text("台中市后里区的发展", hant, &glossary),
            "臺中市后里區的發展"
        );
        assert_eq!(
            converter.convert_text("用-{zh-hans:计算机;zh-hant:電腦;}-办公", hant, &glossary),
            "用電腦辦公"
        );
        let same_script = Target {
            lang: "zh-Hans",
            conversion: None,
        };
        assert_eq!(
            converter.convert_text("走-{乾泰}-大道", same_script, &glossary),
            "走乾泰大道",
            "markup never shows"
        );
    }

    #[test]
    fn documents_keep_front_matter_keys_and_code() {
        let converter = Converter::new();
        let text = "---\ntitle: 区政府通知\ndepartment: 区建设局\n---\n\n发展 `区` 区域\n";
        let converted = convert_document(&converter, text, true, "s2t", &Glossary::new());
        assert_eq!(
            converted,
            "---\ntitle: 區政府通知\ndepartment: 區建設局\n---\n\n發展 `区` 區域\n"
        );
        assert_eq!(
            convert_document(&converter, "区", false, "s2twp", &Glossary::new()),
            "區"
        );
    }

    #[test]
    fn link_titles_and_image_alt_text_convert_but_targets_do_not() {
        let converter = Converter::new();
        let target = Target::for_conversion("s2t");
        let source = "[区政府](https://e.org/区 \"区政府网站\") ![区景](/区.png)";
        assert_eq!(
            converter.convert_markdown(source, target, &Glossary::new()),
            "[區政府](https://e.org/区 \"區政府網站\") ![區景](/区.png)"
        );
    }

    #[test]
    fn detects_the_script_of_a_text() {
        let converter = Converter::new();
        assert_eq!(
            converter.detect_script("濠江區建設系統迅速掀起"),
            Some(Script::Hant)
        );
        assert_eq!(
            converter.detect_script("在园区全体干部职工大会上的讲话"),
            Some(Script::Hans)
        );
        assert_eq!(converter.detect_script("2022 COVID-19"), None);
    }

    #[test]
    fn finds_urls_up_to_fullwidth_punctuation() {
        let text = "见 https://a.org/b，谢谢";
        let (start, end) = find_url(text).unwrap();
        assert_eq!(&text[start..end], "https://a.org/b");
        assert_eq!(find_url("没有网址"), None);
    }
}
