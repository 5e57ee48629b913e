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

/// How many example characters evidence keeps, for messages.
const EXAMPLES: usize = 5;

/// How strongly a text leans to each script: the number of characters that one direction of
/// conversion changes and the other leaves alone, with a few of each for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptEvidence {
    pub hans_only: usize,
    pub hant_only: usize,
    pub hans_examples: Vec<char>,
    pub hant_examples: Vec<char>,
}

impl ScriptEvidence {
    /// Compares a text with its two conversions, character by character.
    pub fn compare(text: &str, as_hant: &str, as_hans: &str) -> Self {
        let mut evidence = ScriptEvidence::default();
        for ((original, to_hant), to_hans) in text.chars().zip(as_hant.chars()).zip(as_hans.chars())
        {
            let (count, examples) = match (original != to_hant, original != to_hans) {
                (true, false) => (&mut evidence.hans_only, &mut evidence.hans_examples),
                (false, true) => (&mut evidence.hant_only, &mut evidence.hant_examples),
                _ => continue,
            };
            *count += 1;
            if examples.len() < EXAMPLES && !examples.contains(&original) {
                examples.push(original);
            }
        }
        evidence
    }

    /// A text that leans on both scripts, as a paste from another site does: the minority
    /// script has at least five characters and a fifth as many as the majority.
    pub fn is_mixed(&self) -> bool {
        let minority = self.hans_only.min(self.hant_only);
        let majority = self.hans_only.max(self.hant_only);
        minority >= 5 && minority * 5 >= majority
    }

    /// Examples of the minority script's characters, the ones that look out of place.
    pub fn minority_examples(&self) -> &[char] {
        if self.hans_only < self.hant_only {
            &self.hans_examples
        } else {
            &self.hant_examples
        }
    }

    /// The script with more evidence; `None` when the text is the same in both.
    pub fn verdict(&self) -> Option<Script> {
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
        assert_eq!((evidence.hans_only, evidence.hant_only), (1, 1));
        assert_eq!(
            (evidence.hans_examples, evidence.hant_examples),
            (vec!['区'], vec!['區'])
        );
        assert_eq!(ScriptEvidence::compare("abc", "abc", "abc").verdict(), None);
    }

    #[test]
    fn mixing_is_heavy_only_when_the_minority_is_substantial() {
        let evidence = |hans_only, hant_only| ScriptEvidence {
            hans_only,
            hant_only,
            ..Default::default()
        };
        assert!(evidence(20, 80).is_mixed());
        assert!(
            !evidence(4, 10).is_mixed(),
            "a handful of characters is no paste"
        );
        assert!(
            !evidence(10, 200).is_mixed(),
            "a few stray characters in a long text are not heavy mixing"
        );
    }
}
