//! The query tables of a variant's search page: the OpenCC conversions that turn a query typed
//! in another script (or in Taiwan's or Hong Kong's words) into the variant's forms, so that
//! 干部 finds 幹部 on a traditional site and 軟體 finds 软件 on a simplified one.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::text::script::Script;

/// One step of a conversion: a dictionary applied by forward maximum matching, as OpenCC does.
#[derive(Serialize, Default)]
struct Stage {
    /// The longest key, in characters.
    max: usize,
    map: BTreeMap<String, String>,
}

impl Stage {
    /// The first form of each entry of OpenCC dictionaries (`key\tform other-form`), later
    /// dictionaries winning.
    fn of(dictionaries: &[&str]) -> Self {
        let mut stage = Stage::default();
        for dictionary in dictionaries {
            for line in dictionary.lines() {
                let Some((key, forms)) = line.split_once('\t') else {
                    continue;
                };
                let form = forms.split(' ').next().unwrap_or_default();
                if key != form {
                    stage.max = stage.max.max(key.chars().count());
                    stage.map.insert(key.to_string(), form.to_string());
                }
            }
        }
        stage
    }

    /// Simplified to traditional: the characters, and only the phrases character-by-character
    /// conversion gets wrong (干部 -> 幹部, not 干部), a fifth of OpenCC's list.
    fn simplified_to_traditional() -> Self {
        let mut stage = Stage::of(&[dictionaries::ST_CHARACTERS]);
        let by_character = |phrase: &str| -> String {
            phrase
                .chars()
                .map(|c| {
                    let c = c.to_string();
                    stage.map.get(&c).cloned().unwrap_or(c)
                })
                .collect()
        };
        let phrases = Stage::of(&[dictionaries::ST_PHRASES]);
        let needed: Vec<(String, String)> = phrases
            .map
            .into_iter()
            .filter(|(key, form)| by_character(key) != *form)
            .collect();
        for (key, form) in needed {
            stage.max = stage.max.max(key.chars().count());
            stage.map.insert(key, form);
        }
        stage
    }
}

/// The conversions a query goes through on a variant's search page, each a chain of stages;
/// the page searches each converted form (not the query as typed: in another script, its
/// characters would match stray single characters of the index).
#[derive(Serialize)]
struct QueryForms {
    chains: Vec<Vec<Stage>>,
}

/// The query tables of a variant, as JSON.
pub fn query_forms(script: Script) -> String {
    use dictionaries::*;
    // Taiwan's and Hong Kong's forms back to standard traditional.
    let regional_back = || {
        Stage::of(&[
            TW_VARIANTS_REV,
            TW_VARIANTS_REV_PHRASES,
            TW_PHRASES_REV,
            HK_VARIANTS_REV,
            HK_VARIANTS_REV_PHRASES,
        ])
    };
    // Every chain starts from standard forms: Taiwan's and Hong Kong's words go back first.
    let chains = match script {
        Script::Hans => vec![vec![
            regional_back(),
            Stage::of(&[TS_CHARACTERS, TS_PHRASES]),
        ]],
        Script::Hant => vec![vec![regional_back(), Stage::simplified_to_traditional()]],
        // Items written in simplified get Taiwan's words (s2twp); items written in
        // traditional keep theirs (t2tw): a query tries both.
        Script::HantTw => vec![
            vec![
                regional_back(),
                Stage::simplified_to_traditional(),
                Stage::of(&[TW_PHRASES]),
                Stage::of(&[TW_VARIANTS, TW_VARIANTS_PHRASES]),
            ],
            vec![
                regional_back(),
                Stage::simplified_to_traditional(),
                Stage::of(&[TW_VARIANTS, TW_VARIANTS_PHRASES]),
            ],
        ],
        Script::HantHk => vec![vec![
            regional_back(),
            Stage::simplified_to_traditional(),
            Stage::of(&[HK_VARIANTS, HK_VARIANTS_PHRASES]),
        ]],
    };
    serde_json::to_string(&QueryForms { chains }).expect("tables serialise")
}

/// OpenCC's dictionaries (Apache-2.0, `dicts/opencc/`), for the query tables.
mod dictionaries {
    macro_rules! dictionary {
        ($name:ident, $file:literal) => {
            pub const $name: &str = include_str!(concat!("../../../dicts/opencc/", $file));
        };
    }
    dictionary!(ST_CHARACTERS, "STCharacters.txt");
    dictionary!(ST_PHRASES, "STPhrases.txt");
    dictionary!(TS_CHARACTERS, "TSCharacters.txt");
    dictionary!(TS_PHRASES, "TSPhrases.txt");
    dictionary!(TW_PHRASES, "TWPhrases.txt");
    dictionary!(TW_PHRASES_REV, "TWPhrasesRev.txt");
    dictionary!(TW_VARIANTS, "TWVariants.txt");
    dictionary!(TW_VARIANTS_PHRASES, "TWVariantsPhrases.txt");
    dictionary!(TW_VARIANTS_REV, "TWVariantsRev.txt");
    dictionary!(TW_VARIANTS_REV_PHRASES, "TWVariantsRevPhrases.txt");
    dictionary!(HK_VARIANTS, "HKVariants.txt");
    dictionary!(HK_VARIANTS_PHRASES, "HKVariantsPhrases.txt");
    dictionary!(HK_VARIANTS_REV, "HKVariantsRev.txt");
    dictionary!(HK_VARIANTS_REV_PHRASES, "HKVariantsRevPhrases.txt");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(text: &str, stage: &Stage) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let found = (1..=stage.max.min(chars.len() - i)).rev().find_map(|n| {
                let key: String = chars[i..i + n].iter().collect();
                stage.map.get(&key).map(|form| (n, form))
            });
            match found {
                Some((n, form)) => {
                    out.push_str(form);
                    i += n;
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }

    #[test]
    fn queries_convert_like_opencc_with_a_fifth_of_its_phrases() {
        let stage = Stage::simplified_to_traditional();
        assert_eq!(convert("干部", &stage), "幹部");
        assert_eq!(convert("濠江区", &stage), "濠江區");
        assert_eq!(convert("干净", &stage), "乾淨");
        assert!(stage.map.len() < 16_000, "{}", stage.map.len());
        let back = Stage::of(&[dictionaries::TS_CHARACTERS, dictionaries::TS_PHRASES]);
        assert_eq!(convert("幹部", &back), "干部");
    }
}
