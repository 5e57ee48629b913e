//! Conversion engines behind one small trait: the pure-Rust `opencc-fmmseg` by default, and the
//! system's OpenCC library (through `opencc-rust`) for sites that must match it exactly.

use opencc_fmmseg::{
    CustomDictMode, CustomDictSpec, DictSlot, DictionaryMaxlength, OpenCC, OpenccConfig,
};
use serde::Deserialize;

use crate::error::Result;

/// Converts text with an OpenCC configuration such as `s2t` or `s2twp`. Implementations are
/// built once and shared by every thread of a build.
pub trait Engine: Send + Sync {
    fn convert(&self, text: &str, conversion: &str) -> String;

    /// Names the engine and its dictionaries, so that cached conversions from another engine
    /// or another dictionary are never reused.
    fn id(&self) -> &str;
}

/// The engines a site can choose with `engine:` in `bulletin.yaml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EngineChoice {
    /// The pure-Rust engine with OpenCC 1.4.2's dictionaries.
    #[default]
    Fmmseg,
    /// The system's OpenCC library; needs the `system-opencc` feature.
    SystemOpencc,
}

/// True when `name` is an OpenCC configuration bulletin knows (s2t, t2s, s2twp, ...), or a
/// chain of them joined by `+` (hk2t+t2tw). The seal-script ones are not: the engine loads no
/// dictionaries for them.
pub fn is_known_conversion(name: &str) -> bool {
    name.split('+')
        .all(|step| OpenccConfig::is_valid_config(step) && !step.contains("seal"))
}

/// Builds the chosen engine.
pub fn build(choice: EngineChoice) -> Result<Box<dyn Engine>> {
    match choice {
        EngineChoice::Fmmseg => Ok(Box::new(Fmmseg::new())),
        EngineChoice::SystemOpencc => system_opencc(),
    }
}

#[cfg(feature = "system-opencc")]
fn system_opencc() -> Result<Box<dyn Engine>> {
    Ok(Box::new(system::SystemOpenCC::default()))
}

#[cfg(not(feature = "system-opencc"))]
fn system_opencc() -> Result<Box<dyn Engine>> {
    Err(crate::error::Error::invalid(vec![
        crate::error::Problem::new(std::path::Path::new(crate::site::CONFIG_FILE), 0, "`engine: system-opencc` needs a bulletin built with the system-opencc feature")
            .with_hint("install libopencc-dev and run `cargo install --features system-opencc`, or remove `engine:` to use the built-in engine"),
    ]))
}

/// The default engine: `opencc-fmmseg`'s maximum-match segmentation over OpenCC 1.4.2's
/// dictionaries.
pub struct Fmmseg {
    engine: OpenCC,
    id: String,
}

impl Default for Fmmseg {
    fn default() -> Self {
        Self::new()
    }
}

impl Fmmseg {
    pub fn new() -> Self {
        let digest = upstream_texts()
            .iter()
            .fold(crate::digest::KeyBuilder::default(), |key, (_, text)| {
                key.with(text)
            })
            .finish();
        // Every slot the conversions use is filled from `dicts/opencc/`, so the engine's own
        // copies (two thirds of the engine's start to unpack) are never loaded.
        let dictionary = DictionaryMaxlength::default()
            .with_custom_dicts(&upstream_dictionaries())
            .expect("the embedded dictionaries are well-formed");
        let mut engine = OpenCC::from_dictionary(dictionary);
        // The pipeline already runs items in parallel; nested parallelism only adds overhead.
        engine.set_parallel(false);
        let id = format!(
            "opencc-fmmseg 0.13.0, dictionaries {:016x}{:016x}",
            digest.0, digest.1
        );
        Fmmseg { engine, id }
    }
}

impl Engine for Fmmseg {
    fn convert(&self, text: &str, conversion: &str) -> String {
        // Punctuation is left as written: editors choose their quotation marks.
        self.engine.convert(text, conversion, false)
    }

    fn id(&self) -> &str {
        &self.id
    }
}

macro_rules! upstream {
    ($($file:literal),+) => {
        concat!($(include_str!(concat!("../../dicts/opencc/", $file)), "\n"),+)
    };
}

/// The dictionaries of OpenCC 1.4.2 (Apache-2.0, `dicts/opencc/`), which replace the older ones
/// bundled with the engine. Files that OpenCC's configurations group together fill one slot;
/// where a key repeats, the later file wins, as OpenCC's short-circuit groups prefer the earlier.
fn upstream_dictionaries() -> Vec<CustomDictSpec> {
    upstream_texts()
        .into_iter()
        .map(|(slot, text)| CustomDictSpec {
            slot,
            pairs: dictionary_pairs(text),
            mode: CustomDictMode::Override,
        })
        .collect()
}

/// The text of each slot's dictionaries, as `upstream_dictionaries` reads them.
fn upstream_texts() -> [(DictSlot, &'static str); 19] {
    [
        (DictSlot::STCharacters, upstream!("STCharacters.txt")),
        (
            DictSlot::STPhrases,
            upstream!(
                "STPhrases_GeneratedFromRegionalPhrases.txt",
                "STPhrases.txt"
            ),
        ),
        (
            DictSlot::TSCharacters,
            upstream!("TSCharacters.txt", "TSCharactersExt.txt"),
        ),
        (DictSlot::TSPhrases, upstream!("TSPhrases.txt")),
        (DictSlot::TWPhrases, upstream!("TWPhrases.txt")),
        (DictSlot::TWPhrasesRev, upstream!("TWPhrasesRev.txt")),
        (DictSlot::TWVariants, upstream!("TWVariants.txt")),
        (
            DictSlot::TWVariantsPhrases,
            upstream!("TWVariantsPhrases.txt"),
        ),
        (DictSlot::TWVariantsRev, upstream!("TWVariantsRev.txt")),
        (
            DictSlot::TWVariantsRevPhrases,
            upstream!("TWVariantsRevPhrases.txt"),
        ),
        (DictSlot::HKPhrases, upstream!("HKPhrases.txt")),
        (DictSlot::HKPhrasesRev, upstream!("HKPhrasesRev.txt")),
        (DictSlot::HKVariants, upstream!("HKVariants.txt")),
        (
            DictSlot::HKVariantsPhrases,
            upstream!("HKVariantsPhrases.txt"),
        ),
        (DictSlot::HKVariantsRev, upstream!("HKVariantsRev.txt")),
        (
            DictSlot::HKVariantsRevPhrases,
            upstream!("HKVariantsRevPhrases.txt"),
        ),
        // OpenCC's Japanese tables as the engine bundles them (1.4.2's are not kept).
        (
            DictSlot::JPSCharacters,
            upstream!("fmmseg-jp/JPShinjitaiCharacters.txt"),
        ),
        (
            DictSlot::JPSCharactersRev,
            upstream!("fmmseg-jp/JPShinjitaiCharactersRev.txt"),
        ),
        (
            DictSlot::JPSPhrases,
            upstream!("fmmseg-jp/JPShinjitaiPhrases.txt"),
        ),
    ]
}

/// OpenCC's text format: `key<TAB>value [alternatives...]`, `#` comments. The first value is
/// the conversion; the alternatives are for people.
fn dictionary_pairs(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (key, values) = line.split_once('\t')?;
            let value = values.split_whitespace().next()?;
            Some((key.to_string(), value.to_string()))
        })
        .collect()
}

#[cfg(feature = "system-opencc")]
mod system {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use super::Engine;

    /// The system's OpenCC (Debian: libopencc1.1), one instance per configuration, opened on
    /// first use from the library's own data directory.
    #[derive(Default)]
    pub struct SystemOpenCC {
        instances: Mutex<HashMap<String, Arc<opencc_rust::OpenCC>>>,
    }

    impl SystemOpenCC {
        fn instance(&self, conversion: &str) -> Arc<opencc_rust::OpenCC> {
            let mut instances = self
                .instances
                .lock()
                .expect("no panics while holding the lock");
            instances
                .entry(conversion.to_string())
                .or_insert_with(|| {
                    let opened = opencc_rust::OpenCC::new(format!("{conversion}.json"))
                        .unwrap_or_else(|e| {
                            panic!("the system OpenCC cannot open {conversion}.json: {e}")
                        });
                    Arc::new(opened)
                })
                .clone()
        }
    }

    impl Engine for SystemOpenCC {
        fn convert(&self, text: &str, conversion: &str) -> String {
            self.instance(conversion).convert(text)
        }

        fn id(&self) -> &str {
            // After upgrading the system's OpenCC, delete .bulletin-cache.
            "system OpenCC"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seal_script_conversions_are_not_offered() {
        for known in ["s2twp", "hk2t+t2tw", "jp2t"] {
            assert!(is_known_conversion(known), "{known}");
        }
        for unknown in ["s2seal", "t2s+seal2t", "s2x"] {
            assert!(!is_known_conversion(unknown), "{unknown}");
        }
    }

    #[test]
    fn every_slot_comes_from_the_kept_dictionaries() {
        let engine = Fmmseg::new();
        assert_eq!(engine.convert("汉字转换", "s2t"), "漢字轉換");
        assert_eq!(engine.convert("鼠标", "s2twp"), "滑鼠");
        assert_eq!(engine.convert("乘", "jp2t"), "乘");
        assert_eq!(engine.convert("乘", "t2jp"), "乗");
    }
}
