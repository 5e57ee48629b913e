//! The two Chinese scripts, and telling which one a text is written in.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// A script, with the regional usages of traditional script that OpenCC distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Script {
    /// Simplified (简体).
    #[serde(rename = "hans")]
    Hans,
    /// Traditional, in OpenCC's standard forms (繁體).
    #[serde(rename = "hant")]
    Hant,
    /// Traditional as written in Taiwan, with Taiwan's words (臺灣正體).
    #[serde(rename = "hant-tw")]
    HantTw,
    /// Traditional as written in Hong Kong (香港繁體).
    #[serde(rename = "hant-hk")]
    HantHk,
}

impl Script {
    /// The script of a BCP 47 tag: zh-Hans, zh-CN and zh-SG are simplified; zh-Hant-TW and
    /// zh-TW Taiwan's; zh-Hant-HK, zh-HK and zh-MO Hong Kong's; other zh-Hant tags standard
    /// traditional.
    pub fn of_lang(lang: &str) -> Option<Script> {
        let lang = lang.to_ascii_lowercase();
        let mut parts = lang.split('-');
        if parts.next()? != "zh" {
            return None;
        }
        let second = parts.next()?;
        let region = if second == "hant" {
            parts.next().unwrap_or("")
        } else {
            second
        };
        match (second, region) {
            ("hans" | "cn" | "sg" | "my", _) => Some(Script::Hans),
            (_, "tw") => Some(Script::HantTw),
            (_, "hk" | "mo") => Some(Script::HantHk),
            ("hant", _) => Some(Script::Hant),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Script::Hans => "hans",
            Script::Hant => "hant",
            Script::HantTw => "hant-tw",
            Script::HantHk => "hant-hk",
        }
    }

    /// The OpenCC configuration that turns text written in `self` into `target`, following
    /// OpenCC's own names; `None` when nothing is to be done. Where OpenCC has no direct
    /// configuration, two are chained with `+`.
    pub fn conversion_to(self, target: Script) -> Option<&'static str> {
        use Script::*;
        match (self, target) {
            (Hans, Hant) => Some("s2t"),
            (Hans, HantTw) => Some("s2twp"),
            (Hans, HantHk) => Some("s2hk"),
            (Hant, Hans) => Some("t2s"),
            (Hant, HantTw) => Some("t2tw"),
            (Hant, HantHk) => Some("t2hk"),
            (HantTw, Hans) => Some("tw2sp"),
            (HantTw, Hant) => Some("tw2t"),
            (HantTw, HantHk) => Some("tw2t+t2hk"),
            (HantHk, Hans) => Some("hk2s"),
            (HantHk, Hant) => Some("hk2t"),
            (HantHk, HantTw) => Some("hk2t+t2tw"),
            _ => None,
        }
    }
}

/// A set of characters with a constant-time test, for the scan over every character of a
/// text: a bit per character of the Basic Multilingual Plane, a hash set beyond it.
#[derive(Debug, Clone)]
pub struct CharSet {
    bmp: Vec<u64>,
    astral: HashSet<char>,
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet {
            bmp: vec![0; 1024],
            astral: HashSet::new(),
        }
    }
}

impl CharSet {
    pub fn insert(&mut self, c: char) {
        match u16::try_from(c as u32) {
            Ok(code) => self.bmp[usize::from(code >> 6)] |= 1 << (code & 63),
            Err(_) => {
                self.astral.insert(c);
            }
        }
    }

    pub fn contains(&self, c: char) -> bool {
        match u16::try_from(c as u32) {
            Ok(code) => self.bmp[usize::from(code >> 6)] & (1 << (code & 63)) != 0,
            Err(_) => self.astral.contains(&c),
        }
    }
}

/// The characters that exist in only one script, from OpenCC's character tables: those one
/// direction of conversion changes and the other leaves alone. Most characters of a text are
/// in neither script alone, so one test tells most of them apart.
pub struct ScriptTables {
    one_script: CharSet,
    hans_only: CharSet,
}

impl Default for ScriptTables {
    fn default() -> Self {
        Self::new()
    }
}

impl ScriptTables {
    pub fn new() -> Self {
        let changed = |table: &str| {
            let mut chars = Vec::new();
            for line in table.lines().filter(|l| !l.starts_with('#')) {
                let Some((key, values)) = line.split_once('\t') else {
                    continue;
                };
                let mut key_chars = key.chars();
                if let (Some(c), None) = (key_chars.next(), key_chars.next())
                    && values.split_whitespace().next().is_some_and(|v| v != key)
                {
                    chars.push(c);
                }
            }
            chars
        };
        let by_s2t = changed(include_str!("../../dicts/opencc/STCharacters.txt"));
        let by_t2s = changed(include_str!("../../dicts/opencc/TSCharacters.txt"));
        let mut tables = ScriptTables {
            one_script: CharSet::default(),
            hans_only: CharSet::default(),
        };
        let set_of = |chars: &[char]| {
            let mut set = CharSet::default();
            chars.iter().for_each(|&c| set.insert(c));
            set
        };
        let (s2t_set, t2s_set) = (set_of(&by_s2t), set_of(&by_t2s));
        for (changed, unchanged, hans) in [(&by_s2t, &t2s_set, true), (&by_t2s, &s2t_set, false)] {
            for &c in changed.iter().filter(|&&c| !unchanged.contains(c)) {
                tables.one_script.insert(c);
                if hans {
                    tables.hans_only.insert(c);
                }
            }
        }
        tables
    }

    /// The evidence for each script in a whole text: a character one direction changes and
    /// the other leaves alone belongs to one script only.
    pub fn evidence(&self, text: &str) -> ScriptEvidence {
        let mut evidence = ScriptEvidence::default();
        for c in text.chars().filter(|&c| self.one_script.contains(c)) {
            let (count, examples) = match self.hans_only.contains(c) {
                true => (&mut evidence.hans_only, &mut evidence.hans_examples),
                false => (&mut evidence.hant_only, &mut evidence.hant_examples),
            };
            *count += 1;
            if examples.len() < EXAMPLES && !examples.contains(&c) {
                examples.push(c);
            }
        }
        evidence
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
        assert_eq!(Script::of_lang("zh-Hant"), Some(Script::Hant));
        assert_eq!(Script::of_lang("zh-Hant-TW"), Some(Script::HantTw));
        assert_eq!(Script::of_lang("zh-HK"), Some(Script::HantHk));
        assert_eq!(Script::of_lang("zh-Hant-MO"), Some(Script::HantHk));
        assert_eq!(Script::of_lang("zh-CN"), Some(Script::Hans));
        assert_eq!(Script::of_lang("en-US"), None);
        assert_eq!(Script::of_lang("zh"), None);
    }

    #[test]
    fn every_pair_of_scripts_has_a_conversion() {
        let all = [Script::Hans, Script::Hant, Script::HantTw, Script::HantHk];
        for from in all {
            for to in all {
                let conversion = from.conversion_to(to);
                assert_eq!(conversion.is_none(), from == to, "{from:?} -> {to:?}");
                if let Some(conversion) = conversion {
                    assert!(
                        conversion
                            .split('+')
                            .all(crate::text::engine::is_known_conversion),
                        "{conversion}"
                    );
                }
            }
        }
    }

    #[test]
    fn evidence_counts_one_sided_changes() {
        // 区 changes only towards traditional, 區 only towards simplified; 的 in neither.
        let tables = ScriptTables::new();
        let evidence = tables.evidence("区區的");
        assert_eq!((evidence.hans_only, evidence.hant_only), (1, 1));
        assert_eq!(
            (evidence.hans_examples, evidence.hant_examples),
            (vec!['区'], vec!['區'])
        );
        assert_eq!(tables.evidence("abc 的").verdict(), None);
        assert_eq!(
            tables.evidence("濠江區建設系統").verdict(),
            Some(Script::Hant)
        );
        assert_eq!(
            tables.evidence("在园区全体干部职工大会上的讲话").verdict(),
            Some(Script::Hans)
        );
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
