//! The two Chinese scripts, and telling which one a text is written in.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Simplified (简体).
    Hans,
    /// Traditional (繁體).
    Hant,
}

impl Script {
    /// The script of a BCP 47 tag: zh-Hans, zh-CN and zh-SG are simplified; zh-Hant, zh-TW,
    /// zh-HK and zh-MO are traditional.
    pub fn of_lang(lang: &str) -> Option<Script> {
        let mut parts = lang.split('-');
        if !parts.next()?.eq_ignore_ascii_case("zh") {
            return None;
        }
        match parts.next()?.to_ascii_lowercase().as_str() {
            "hans" | "cn" | "sg" | "my" => Some(Script::Hans),
            "hant" | "tw" | "hk" | "mo" => Some(Script::Hant),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Script::Hans => "hans",
            Script::Hant => "hant",
        }
    }
}

/// How strongly a text leans to each script: the number of characters that one direction of
/// conversion changes and the other leaves alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptEvidence {
    pub hans_only: usize,
    pub hant_only: usize,
}

impl ScriptEvidence {
    /// Compares a text with its two conversions, character by character.
    pub fn compare(text: &str, as_hant: &str, as_hans: &str) -> Self {
        let mut evidence = ScriptEvidence::default();
        for ((original, to_hant), to_hans) in text.chars().zip(as_hant.chars()).zip(as_hans.chars())
        {
            match (original != to_hant, original != to_hans) {
                (true, false) => evidence.hans_only += 1,
                (false, true) => evidence.hant_only += 1,
                _ => {}
            }
        }
        evidence
    }

    /// The script with more evidence; `None` when the text is the same in both.
    pub fn verdict(self) -> Option<Script> {
        match self.hans_only.cmp(&self.hant_only) {
            std::cmp::Ordering::Greater => Some(Script::Hans),
            std::cmp::Ordering::Less => Some(Script::Hant),
            std::cmp::Ordering::Equal if self.hans_only == 0 => None,
            std::cmp::Ordering::Equal => Some(Script::Hans),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_tags_map_to_scripts() {
        assert_eq!(Script::of_lang("zh-Hans"), Some(Script::Hans));
        assert_eq!(Script::of_lang("zh-Hant-TW"), Some(Script::Hant));
        assert_eq!(Script::of_lang("zh-HK"), Some(Script::Hant));
        assert_eq!(Script::of_lang("zh-CN"), Some(Script::Hans));
        assert_eq!(Script::of_lang("en-US"), None);
        assert_eq!(Script::of_lang("zh"), None);
    }

    #[test]
    fn evidence_counts_one_sided_changes() {
        // 区 changes only towards traditional, 區 only towards simplified.
        let evidence = ScriptEvidence::compare("区區", "區區", "区区");
        assert_eq!(
            evidence,
            ScriptEvidence {
                hans_only: 1,
                hant_only: 1
            }
        );
        assert_eq!(ScriptEvidence::compare("abc", "abc", "abc").verdict(), None);
    }
}
