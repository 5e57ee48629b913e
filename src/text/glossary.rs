//! Terms whose conversion is fixed: the site's glossary, an item's own entries, the built-in
//! corrections, and MediaWiki's inline markup (`-{乾泰}-`, `-{zh-hans:计算机;zh-hant:電腦;}-`).
//!
//! Every engine turns 乾泰大道 into 干泰大道, and 后里 (a district of Taichung) into 後裡; a
//! glossary says what a term must become. It works the same with any engine: the text is
//! split into pieces, fixed pieces are written as the glossary says, and only the rest goes
//! through the engine.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Problem, Result};
use crate::text::script::CharSet;

/// Which text a term becomes, by target: a variant's language tag (`zh-Hant-TW`, matched
/// without regard to case, with fallbacks to `zh-TW` and `zh-Hant`) or an OpenCC
/// configuration name (`s2twp`), which is tried first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forms {
    /// The term stays as written in every variant.
    Keep,
    Each(BTreeMap<String, String>),
}

/// What a piece of text is being converted for.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The variant's BCP 47 tag, e.g. `zh-Hant-TW`.
    pub lang: &'a str,
    /// The OpenCC configuration in use, or `None` when the text is already in the variant's
    /// script.
    pub conversion: Option<&'a str>,
}

impl Target<'static> {
    /// The target of a bare OpenCC configuration, e.g. for `bulletin convert`: `s2twp` writes
    /// zh-Hant-TW, `t2s` zh-Hans.
    pub fn for_conversion(conversion: &str) -> Target<'_> {
        let lang = match conversion.split_once('2').map_or("", |(_, to)| to) {
            "s" | "sp" => "zh-Hans",
            "tw" | "twp" => "zh-Hant-TW",
            "hk" | "hkp" => "zh-Hant-HK",
            "jp" => "ja",
            _ => "zh-Hant",
        };
        Target {
            lang,
            conversion: Some(conversion),
        }
    }
}

impl Target<'_> {
    /// The keys a form may be listed under, most specific first.
    fn keys(&self) -> Vec<String> {
        let lang = self.lang.to_ascii_lowercase();
        let mut keys: Vec<String> = self.conversion.map(str::to_string).into_iter().collect();
        keys.push(lang.clone());
        let mut parts = lang.split('-');
        let (language, script) = (parts.next().unwrap_or("zh"), parts.next().unwrap_or(""));
        if let Some(region) = parts.next() {
            keys.push(format!("{language}-{region}"));
        }
        let script = match script {
            "cn" | "sg" | "my" => "hans",
            "tw" | "hk" | "mo" => "hant",
            other => other,
        };
        keys.push(format!("{language}-{script}"));
        keys.dedup();
        keys
    }

    /// The form of `forms` meant for this target, if any.
    pub fn pick<'f, V>(&self, forms: &'f BTreeMap<String, V>) -> Option<&'f V> {
        self.keys().iter().find_map(|key| forms.get(key))
    }
}

/// A piece of text after the glossary has been applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'t> {
    /// Ordinary text, to go through the engine.
    Convert(&'t str),
    /// Text the glossary or markup decided; written as it is.
    Fixed(Cow<'t, str>),
}

/// The glossary file format, for `glossary.yaml` and an item's `glossary:` front matter.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawGlossary {
    /// Terms never converted.
    #[serde(default)]
    pub keep: Vec<String>,
    /// Terms with an explicit form per variant or per OpenCC configuration.
    #[serde(default)]
    pub terms: BTreeMap<String, BTreeMap<String, String>>,
}

/// The site's glossary file, beside `bulletin.yaml`.
pub const GLOSSARY_FILE: &str = "glossary.yaml";

impl RawGlossary {
    pub fn is_empty(&self) -> bool {
        self.keep.is_empty() && self.terms.is_empty()
    }

    /// Reads `<root>/glossary.yaml`; a site without one has an empty glossary.
    pub fn load(root: &Path) -> Result<RawGlossary> {
        let path = root.join(GLOSSARY_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(RawGlossary::default()),
            Err(e) => return Err(Error::read(&path, e)),
        };
        if text.trim().is_empty() {
            return Ok(RawGlossary::default());
        }
        let raw: RawGlossary = serde_yaml::from_str(&text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            Error::invalid(vec![
                Problem::new(Path::new(GLOSSARY_FILE), line, format!("invalid glossary: {e}"))
                    .at_column(column)
                    .with_hint("write `keep: [term, ...]` and `terms: { term: { zh-Hans: ..., zh-Hant: ... } }`"),
            ])
        })?;
        // An empty term would match nothing: say so rather than drop it silently.
        if raw
            .keep
            .iter()
            .chain(raw.terms.keys())
            .any(|t| t.trim().is_empty())
        {
            let line = text
                .lines()
                .position(|l| {
                    l.contains("\"\"") || l.contains("''") || l.trim_end().ends_with("- ")
                })
                .map_or(0, |i| i + 1);
            return Err(Error::invalid(vec![
                Problem::new(Path::new(GLOSSARY_FILE), line, "an empty glossary term")
                    .with_hint("remove it, or write the term it was meant to be"),
            ]));
        }
        Ok(raw)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    forms: Vec<Forms>,
    /// Every text a term is recognised by: the term, and for terms with forms, each form
    /// too, so that a term written in either script is found.
    keys: FnvMap<String, usize>,
    first_chars: CharSet,
    longest_key: usize,
}

impl Glossary {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_raw(raw: &RawGlossary) -> Self {
        let mut glossary = Glossary::new();
        glossary.extend(raw);
        glossary
    }

    /// Adds entries; later entries win over earlier ones with the same key.
    pub fn extend(&mut self, raw: &RawGlossary) {
        for term in &raw.keep {
            self.insert(term, Forms::Keep, &[]);
        }
        for (term, forms) in &raw.terms {
            let forms: BTreeMap<String, String> = forms
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                .collect();
            let aliases: Vec<String> = forms.values().cloned().collect();
            self.insert(term, Forms::Each(forms), &aliases);
        }
    }

    fn insert(&mut self, term: &str, forms: Forms, aliases: &[String]) {
        let index = self.forms.len();
        self.forms.push(forms);
        for key in std::iter::once(term).chain(aliases.iter().map(String::as_str)) {
            if let Some(first) = key.chars().next() {
                self.first_chars.insert(first);
                self.longest_key = self.longest_key.max(key.chars().count());
                // The term itself wins over another entry's alias.
                if key == term || !self.keys.contains_key(key) {
                    self.keys.insert(key.to_string(), index);
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Splits `text` into pieces: inline markup and glossary terms become fixed text for
    /// `target`; the rest is left to the engine. Longest terms win; markup wins over terms.
    pub fn split<'t>(&self, text: &'t str, target: Target) -> Vec<Piece<'t>> {
        let mut pieces = Vec::new();
        let mut plain_from = 0;
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let first = rest.chars().next().expect("inside the text");
            let found = if first == '-' {
                markup(rest, target)
            } else {
                None
            };
            let found = found.or_else(|| self.term_at(rest, first, target));
            match found {
                Some((length, piece)) => {
                    if plain_from < at {
                        pieces.push(Piece::Convert(&text[plain_from..at]));
                    }
                    pieces.push(piece);
                    at += length;
                    plain_from = at;
                }
                None => at += first.len_utf8(),
            }
        }
        if plain_from < text.len() {
            pieces.push(Piece::Convert(&text[plain_from..]));
        }
        pieces
    }

    /// The longest glossary term at the start of `text`, as its byte length and its piece.
    fn term_at<'t>(
        &self,
        text: &'t str,
        first: char,
        target: Target,
    ) -> Option<(usize, Piece<'t>)> {
        if !self.first_chars.contains(first) {
            return None;
        }
        let mut longest = None;
        for (start, c) in text.char_indices().take(self.longest_key) {
            let end = start + c.len_utf8();
            if let Some(&index) = self.keys.get(&text[..end]) {
                longest = Some((end, index));
            }
        }
        let (end, index) = longest?;
        let candidate = &text[..end];
        let piece = match &self.forms[index] {
            Forms::Keep => Piece::Fixed(Cow::Borrowed(candidate)),
            Forms::Each(forms) => match target.pick(forms) {
                Some(form) => Piece::Fixed(Cow::Owned(form.clone())),
                None => Piece::Convert(candidate),
            },
        };
        Some((end, piece))
    }
}

/// FNV-1a: glossary keys are short and hashed at many positions of a text, where the default
/// hasher's collision resistance buys nothing (the keys come from the site, not from readers).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// MediaWiki's inline markup at the start of `text`: `-{text}-` keeps the text as written;
/// `-{zh-hans:计算机;zh-hant:電腦;}-` gives each variant its own. Returns the byte length and
/// the piece; a form missing for the target falls back to the first form, converted.
fn markup<'t>(text: &'t str, target: Target) -> Option<(usize, Piece<'t>)> {
    let rest = text.strip_prefix("-{")?;
    let inner = &rest[..rest.find("}-")?];
    let length = inner.len() + 4;
    let Some(forms) = variant_forms(inner) else {
        return Some((length, Piece::Fixed(Cow::Borrowed(inner))));
    };
    let piece = match target.pick(&forms) {
        Some(form) => Piece::Fixed(Cow::Borrowed(*form)),
        None => Piece::Convert(forms.values().next().copied().unwrap_or_default()),
    };
    Some((length, piece))
}

/// The `code:text;` pairs of variant markup, or `None` when the markup is a plain keep.
fn variant_forms(inner: &str) -> Option<BTreeMap<String, &str>> {
    let mut forms = BTreeMap::new();
    for part in inner.split(';').filter(|p| !p.trim().is_empty()) {
        let (code, text) = part.split_once(':')?;
        let code = code.trim().to_ascii_lowercase();
        let is_variant_code = code == "zh"
            || code.strip_prefix("zh-").is_some_and(|rest| {
                !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !is_variant_code {
            return None;
        }
        forms.insert(code, text);
    }
    (!forms.is_empty()).then_some(forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_term_is_an_error_not_a_silent_skip() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(GLOSSARY_FILE), "keep: [乾泰大道, \"\"]\n").unwrap();
        let error = RawGlossary::load(dir.path()).unwrap_err();
        assert_eq!(error.problems()[0].line, 1, "{error}");
        assert!(error.to_string().contains("an empty glossary term"));
        std::fs::write(dir.path().join(GLOSSARY_FILE), "keep: [乾泰大道]\n").unwrap();
        assert_eq!(RawGlossary::load(dir.path()).unwrap().keep, ["乾泰大道"]);
    }

    const HANS: Target = Target {
        lang: "zh-Hans",
        conversion: Some("t2s"),
    };
    const HANT: Target = Target {
        lang: "zh-Hant",
        conversion: Some("s2t"),
    };
    const TW: Target = Target {
        lang: "zh-Hant-TW",
        conversion: Some("s2twp"),
    };

    fn glossary(yaml: &str) -> Glossary {
        Glossary::from_raw(&serde_yaml::from_str(yaml).unwrap())
    }

    fn show(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Convert(t) => format!("[{t}]"),
                Piece::Fixed(t) => format!("<{t}>"),
            })
            .collect()
    }

    #[test]
    fn kept_terms_are_fixed_and_their_neighbours_are_not() {
        let g = glossary("keep: [乾泰大道, 后里]");
        assert_eq!(
            show(&g.split("青春化工園乾泰大道魏家新路", HANS)),
            "[青春化工園]<乾泰大道>[魏家新路]"
        );
        assert_eq!(show(&g.split("后里区", HANT)), "<后里>[区]");
    }

    #[test]
    fn terms_take_their_form_per_variant_with_fallbacks() {
        let g =
            glossary("terms: { 高新区: { zh-Hans: 高新区, zh-Hant: 高新區, zh-TW: 高新園區 } }");
        assert_eq!(show(&g.split("随州高新区", HANT)), "[随州]<高新區>");
        assert_eq!(show(&g.split("随州高新区", TW)), "[随州]<高新園區>");
        let hk = Target {
            lang: "zh-Hant-HK",
            conversion: Some("s2hk"),
        };
        assert_eq!(
            show(&g.split("高新区", hk)),
            "<高新區>",
            "zh-Hant-HK falls back to zh-Hant"
        );
        assert_eq!(
            show(&g.split("隨州高新區", HANS)),
            "[隨州]<高新区>",
            "a form written in the source is found too"
        );
    }

    #[test]
    fn a_conversion_name_is_more_specific_than_a_language() {
        let g = glossary("terms: { 低级别: { s2twp: 低級別 } }");
        assert_eq!(show(&g.split("低级别产品", TW)), "<低級別>[产品]");
        let s2tw = Target {
            lang: "zh-Hant-TW",
            conversion: Some("s2tw"),
        };
        assert_eq!(show(&g.split("低级别产品", s2tw)), "[低级别][产品]");
    }

    #[test]
    fn the_longest_term_wins() {
        let g = glossary("keep: [乾泰, 乾泰大道]");
        assert_eq!(show(&g.split("乾泰大道", HANS)), "<乾泰大道>");
    }

    #[test]
    fn mediawiki_markup_never_shows() {
        let g = Glossary::new();
        assert_eq!(show(&g.split("走-{乾泰}-大道", HANS)), "[走]<乾泰>[大道]");
        let both = "用-{zh-hans:计算机;zh-hant:電腦;}-办公";
        assert_eq!(show(&g.split(both, HANS)), "[用]<计算机>[办公]");
        assert_eq!(show(&g.split(both, TW)), "[用]<電腦>[办公]");
        let only_hans = "-{zh-hans:计算机;}-";
        assert_eq!(
            show(&g.split(only_hans, TW)),
            "[计算机]",
            "a missing form falls back to the first, converted"
        );
        assert_eq!(show(&g.split("a -{ unclosed", HANS)), "[a -{ unclosed]");
        assert_eq!(
            show(&g.split("-{http://x.org/a:b;c}-", HANS)),
            "<http://x.org/a:b;c>"
        );
    }

    #[test]
    fn later_entries_override_earlier_ones() {
        let mut g = glossary("terms: { 高新区: { zh-Hant: 高新區 } }");
        g.extend(&serde_yaml::from_str("keep: [高新区]").unwrap());
        assert_eq!(show(&g.split("高新区", HANT)), "<高新区>");
    }
}
