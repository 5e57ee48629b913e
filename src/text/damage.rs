//! The damage text picks up on its way through old sites and bad converters, one rule per
//! kind: `import` repairs what a rule finds, `check` reports what is left in content.
//!
//! Every rule is careful about what it must not touch: real parentheses, real repeated marks
//! such as `……`, a lone pinyin gloss for a rare character, punctuation inside Latin text.

use std::ops::Range;

use crate::text::cjk::{is_cjk, is_cjk_punctuation};

mod annotations;
mod jammer;
mod mojibake;
mod punctuation;

use annotations::find_pinyin_annotations;
use jammer::find_anti_copy_noise;
use mojibake::find_mojibake;
pub use mojibake::is_everyday_character;
use punctuation::{find_ascii_punctuation, find_doubled_punctuation, find_stray_spaces};

/// A kind of damage, in the order `import` repairs them: a forum's noise first (its marks are
/// no punctuation to mend), then mojibake (a pinyin annotation may hide behind it), spacing
/// and doubled marks last (earlier repairs can create them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    AntiCopyNoise,
    Mojibake,
    PinyinAnnotation,
    AsciiPunctuation,
    StraySpace,
    DoubledPunctuation,
}

impl Rule {
    pub const ALL: [Rule; 6] = [
        Rule::AntiCopyNoise,
        Rule::Mojibake,
        Rule::PinyinAnnotation,
        Rule::AsciiPunctuation,
        Rule::StraySpace,
        Rule::DoubledPunctuation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::AntiCopyNoise => "anti-copy-noise",
            Rule::Mojibake => "mojibake",
            Rule::PinyinAnnotation => "pinyin-annotation",
            Rule::AsciiPunctuation => "ascii-punctuation",
            Rule::StraySpace => "stray-space",
            Rule::DoubledPunctuation => "doubled-punctuation",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Rule::AntiCopyNoise => "random characters a forum's anti-copy filter scattered",
            Rule::Mojibake => "garbled characters from a wrong decoding",
            Rule::PinyinAnnotation => "pinyin annotations left by a script converter",
            Rule::AsciiPunctuation => "ASCII punctuation inside a Chinese sentence",
            Rule::StraySpace => "a space inside Chinese text",
            Rule::DoubledPunctuation => "doubled or stray punctuation",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Rule::AntiCopyNoise => "delete them: they were never part of the text",
            Rule::Mojibake => {
                "compare with the original document and retype the garbled characters"
            }
            Rule::PinyinAnnotation => "delete the parenthesised pinyin after each character",
            Rule::AsciiPunctuation => "use full-width punctuation in Chinese text: ，：；？！（）",
            Rule::StraySpace => {
                "Chinese text has no spaces; start a new paragraph with a blank line instead"
            }
            Rule::DoubledPunctuation => "keep one mark",
        }
    }

    /// The damage of this kind in `text`, sorted and not overlapping.
    pub fn find(self, text: &str) -> Vec<Fix> {
        match self {
            Rule::AntiCopyNoise => find_anti_copy_noise(text),
            Rule::Mojibake => find_mojibake(text),
            Rule::PinyinAnnotation => find_pinyin_annotations(text),
            Rule::AsciiPunctuation => find_ascii_punctuation(text),
            Rule::StraySpace => find_stray_spaces(text),
            Rule::DoubledPunctuation => find_doubled_punctuation(text),
        }
    }
}

/// One piece of damage: where it is and what should stand there instead, if that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub rule: Rule,
    /// Byte range in the text searched.
    pub range: Range<usize>,
    /// `None` when the damage cannot be repaired safely and is only reported.
    pub replacement: Option<String>,
    /// Why the repair is a guess, when it is one.
    pub doubt: Option<&'static str>,
}

impl Fix {
    fn new(rule: Rule, range: Range<usize>, replacement: impl Into<String>) -> Self {
        Fix {
            rule,
            range,
            replacement: Some(replacement.into()),
            doubt: None,
        }
    }
}

/// `text` with every repairable fix applied; `fixes` must be sorted and not overlapping.
pub fn apply(text: &str, fixes: &[Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for fix in fixes {
        if let Some(replacement) = &fix.replacement {
            out.push_str(&text[at..fix.range.start]);
            out.push_str(replacement);
            at = fix.range.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

fn is_chinese(c: char) -> bool {
    is_cjk(c) || is_cjk_punctuation(c)
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{00A0}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(rule: Rule, text: &str) -> String {
        apply(text, &rule.find(text))
    }

    #[test]
    fn pinyin_annotations_go_when_they_are_the_characters_readings() {
        assert_eq!(
            repaired(
                Rule::PinyinAnnotation,
                "當(dāng)前位置:首頁(yè) > 信息傳達(dá)"
            ),
            "當前位置:首頁 > 信息傳達"
        );
        // Toneless readings and full-width parentheses too.
        assert_eq!(
            repaired(Rule::PinyinAnnotation, "我們(men)的區(qū)設（shè）"),
            "我們的區設"
        );
    }

    #[test]
    fn real_parentheses_and_lone_glosses_stay() {
        for text in [
            "市委市政府(濠江)現場會、各部門(單位)負責人、(通訊員郭海洲)",
            "國內生產總值(GDP)增長(a)項",
            // One or two glosses for rare characters are what an editor meant.
            "莘(shēn)庄镇和亳(bó)州",
            // A reading that is not this character's.
            "區(dāng)前(dāng)後(dāng)",
        ] {
            assert_eq!(repaired(Rule::PinyinAnnotation, text), text);
        }
    }

    #[test]
    fn the_seed_mojibake_is_undone_and_its_lost_mark_flagged() {
        let text = "做好每一天的工作?!拔鍌€(gè)不讓";
        let fixes = Rule::Mojibake.find(text);
        assert_eq!(fixes.len(), 1);
        assert!(fixes[0].doubt.is_some());
        assert_eq!(apply(text, &fixes), "做好每一天的工作。“五個(gè)不讓");
    }

    #[test]
    fn damage_beyond_repair_is_flagged_whole() {
        // From the seeds: a shifted run whose last bytes were lost, and the rest of an
        // annotation whose character was garbled.
        let text = "的綜合整治?!叭髴?(zhàn)役”的目標；擔(dān)當(dāng)?shù)母咚刭|(zhì)干部";
        let fixes = Rule::Mojibake.find(text);
        let flagged: Vec<&str> = fixes.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(flagged, ["?!叭髴", "?shù)"]);
        let text = "不讓差錯€在我這裡";
        let fixes = Rule::Mojibake.find(text);
        assert_eq!(&text[fixes[0].range.clone()], "€");
        assert!(fixes.iter().all(|f| f.replacement.is_none()));
        // A real question and exclamation, and a real parenthesis, are not damage.
        assert!(Rule::Mojibake.find("真的?!他說(見附件)").is_empty());
        // The same after the question mark became full-width.
        let text = "擔當？shù)母咚";
        let fixes = Rule::Mojibake.find(text);
        assert_eq!(&text[fixes[0].range.clone()], "？shù)");
    }

    #[test]
    fn utf8_read_as_gbk_is_undone() {
        let (garbled, _, _) = encoding_rs::GBK.decode("工作，这".as_bytes());
        assert_eq!(garbled, "宸ヤ綔锛岃繖");
        let text = format!("通知：{garbled}。");
        let fixes = Rule::Mojibake.find(&text);
        assert_eq!(apply(&text, &fixes), "通知：工作，这。", "{fixes:?}");
    }

    #[test]
    fn mojibake_that_cannot_be_undone_is_reported_not_changed() {
        let text = "今年投入€€€資金";
        let fixes = Rule::Mojibake.find(text);
        assert!(!fixes.is_empty());
        assert!(fixes.iter().all(|f| f.replacement.is_none()));
        // A price in euros in Latin text is not mojibake.
        assert!(Rule::Mojibake.find("costs 5 € each").is_empty());
        assert!(Rule::Mojibake.find("濠江區建設系統").is_empty());
    }

    #[test]
    fn ascii_punctuation_in_chinese_becomes_full_width() {
        assert_eq!(
            repaired(
                Rule::AsciiPunctuation,
                "近日,濠江區(濠江)結合實際;要求:如何?好!完成.會上,,各部門"
            ),
            "近日，濠江區（濠江）結合實際；要求：如何？好！完成。會上，，各部門"
        );
        // Two short words a menu joins with a dot are no sentence.
        assert!(Rule::AsciiPunctuation.find("  • 文教.科技").is_empty());
    }

    #[test]
    fn pinyin_annotations_are_not_ascii_punctuation() {
        assert!(Rule::AsciiPunctuation.find("當(dāng)前").is_empty());
        assert!(
            Rule::AsciiPunctuation
                .find("遼寧日?qǐng)?bào)報道")
                .is_empty()
        );
    }

    #[test]
    fn ascii_punctuation_in_latin_text_numbers_and_urls_stays() {
        for text in [
            "時間2022-03-26 09:11:00",
            "見 https://example.org/a?b=1, 3.5% 增長",
            "COVID-19 (SARS-CoV-2), e.g. this.",
            "大小:31.60 KB",
        ] {
            let fixes = Rule::AsciiPunctuation.find(text);
            assert!(
                fixes
                    .iter()
                    .all(|f| !text[f.range.clone()].contains(['.', '?'])),
                "{text}: {fixes:?}"
            );
        }
        assert_eq!(
            repaired(Rule::AsciiPunctuation, "大小:31.60 KB"),
            "大小：31.60 KB"
        );
    }

    #[test]
    fn stray_spaces_between_chinese_go_but_not_beside_latin() {
        assert_eq!(
            repaired(Rule::StraySpace, "要“一盤棋”統籌 ，“一體化”推進、 立足"),
            "要“一盤棋”統籌，“一體化”推進、立足"
        );
        for text in [
            "投資 5 億元",
            "COVID-19 疫情",
            "　　縮進的段落",
            "第一段\n 第二段",
        ] {
            assert_eq!(repaired(Rule::StraySpace, text), text);
        }
        // A blank before a field's label parts two fields.
        assert_eq!(
            repaired(Rule::StraySpace, "新華社記者:楊俊江 攝 來源:經濟參考報"),
            "新華社記者:楊俊江攝 來源:經濟參考報"
        );
    }

    #[test]
    fn doubled_punctuation_keeps_the_strongest_mark() {
        assert_eq!(
            repaired(
                Rule::DoubledPunctuation,
                "會議，。成員，、各部門，，會上、，好。。"
            ),
            "會議。成員、各部門，會上、好。"
        );
        assert_eq!(
            repaired(Rule::DoubledPunctuation, "，、開頭\n。第二行"),
            "開頭\n第二行"
        );
    }

    #[test]
    fn real_repeated_marks_stay() {
        for text in ["他說……好——真的？！", "“一”、“二”", "（單位）、（部門）"]
        {
            assert_eq!(repaired(Rule::DoubledPunctuation, text), text);
        }
    }

    #[test]
    fn everyday_characters_in_both_scripts() {
        for c in ['五', '个', '個', '這', '这'] {
            assert!(is_everyday_character(c), "{c}");
        }
        for c in ['鍌', '€', '濠', 'a'] {
            assert!(!is_everyday_character(c), "{c}");
        }
    }
}
