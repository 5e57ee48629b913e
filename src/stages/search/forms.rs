//! The one script the search index is kept in: every variant's text folded to simplified
//! characters, and the OpenCC conversions that bring a query typed in any script (or in
//! Taiwan's or Hong Kong's words) there, so that 干部 finds 幹部 on a traditional site and 軟體
//! finds 软件 on a simplified one.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::Serialize;

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
}

/// What the search page does to a query before it looks it up: each chain of stages makes a
/// form of the query (the empty chain keeps it as typed), and each form is folded character by
/// character with `fold`, as the index folds the items' text.
#[derive(Serialize)]
struct QueryForms {
    chains: Vec<Vec<Stage>>,
    fold: &'static FxHashMap<char, char>,
}

/// The query tables, as JSON: Taiwan's and Hong Kong's words back to standard forms, then to
/// simplified with OpenCC's phrases (軟體 to 软件); and the query as typed, for items whose
/// Taiwan words are not in simplified on the site.
pub fn query_forms() -> String {
    use dictionaries::*;
    let to_simplified = vec![
        Stage::of(&[
            TW_VARIANTS_REV,
            TW_VARIANTS_REV_PHRASES,
            TW_PHRASES_REV,
            HK_VARIANTS_REV,
            HK_VARIANTS_REV_PHRASES,
        ]),
        Stage::of(&[TS_CHARACTERS, TS_PHRASES]),
    ];
    let forms = QueryForms {
        chains: vec![to_simplified, Vec::new()],
        fold: fold_table(),
    };
    serde_json::to_string(&forms).expect("tables serialise")
}

/// Every character of traditional script (standard, Taiwan's or Hong Kong's) to its simplified
/// form: the index holds every variant's text folded to one script, so that one index serves
/// them all and 幹部 and 干部 are one term.
pub fn fold_table() -> &'static FxHashMap<char, char> {
    static FOLD: LazyLock<FxHashMap<char, char>> = LazyLock::new(|| {
        use dictionaries::*;
        let regional = Stage::of(&[TW_VARIANTS_REV, HK_VARIANTS_REV]);
        let simplified = Stage::of(&[TS_CHARACTERS]);
        let single = |text: &str| {
            let mut chars = text.chars();
            chars.next().filter(|_| chars.next().is_none())
        };
        let mut fold = FxHashMap::default();
        for key in regional.map.keys().chain(simplified.map.keys()) {
            let standard = regional.map.get(key).unwrap_or(key);
            let folded = simplified.map.get(standard).unwrap_or(standard);
            if let (Some(from), Some(to)) = (single(key), single(folded))
                && from != to
            {
                fold.insert(from, to);
            }
        }
        fold
    });
    &FOLD
}

/// OpenCC's dictionaries (Apache-2.0, `dicts/opencc/`), for the query tables.
mod dictionaries {
    macro_rules! dictionary {
        ($name:ident, $file:literal) => {
            pub const $name: &str = include_str!(concat!("../../../dicts/opencc/", $file));
        };
    }
    dictionary!(TS_CHARACTERS, "TSCharacters.txt");
    dictionary!(TS_PHRASES, "TSPhrases.txt");
    dictionary!(TW_PHRASES_REV, "TWPhrasesRev.txt");
    dictionary!(TW_VARIANTS_REV, "TWVariantsRev.txt");
    dictionary!(TW_VARIANTS_REV_PHRASES, "TWVariantsRevPhrases.txt");
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
    fn queries_go_to_simplified_and_every_traditional_character_folds() {
        let back = Stage::of(&[dictionaries::TS_CHARACTERS, dictionaries::TS_PHRASES]);
        assert_eq!(convert("幹部", &back), "干部");
        let fold = fold_table();
        assert_eq!(fold[&'幹'], '干');
        assert_eq!(fold[&'乾'], '干');
        assert_eq!(fold[&'區'], '区');
        // Taiwan's 裡 and Hong Kong's 着 go through their standard forms.
        assert_eq!(fold.get(&'裡'), Some(&'里'));
        assert!(!fold.contains_key(&'干'));
    }
}
