//! Stage 2: convert every item into every variant's script, leaving code and URLs alone.

pub mod cache;

use rayon::prelude::*;
use std::sync::Arc;

use crate::stages::convert::cache::ConversionCache;

use crate::config::{Config, Grouping, Variant};
use crate::digest::{Key, KeyBuilder};
use crate::stages::item::{ConvertedItem, ConvertedText, Disclosure, SourceItem};
use crate::text::converter::Converter;
use crate::text::glossary::{Glossary, RawGlossary, Target};
use crate::text::script::Script;

/// Text in `script` as it should appear in `variant`.
pub fn to_variant(
    converter: &Converter,
    text: &str,
    script: Script,
    variant: &Variant,
    glossary: &Glossary,
) -> String {
    converter.convert_text(text, target(variant, script), glossary)
}

/// The glossary target for text in `script` published in `variant`.
fn target(variant: &Variant, script: Script) -> Target<'_> {
    Target {
        lang: &variant.lang,
        conversion: variant.conversion_from(script),
    }
}

/// The site-wide words in one variant's script: site title, description, department
/// names, and the theme's interface strings.
#[derive(Debug, Clone)]
pub struct SiteText {
    pub title: String,
    pub description: String,
    pub departments: Vec<String>,
    pub columns: Vec<ColumnText>,
    pub strings: serde_yaml::Mapping,
    /// The site's identity with its names in the variant's script.
    pub identity: crate::config::Identity,
    /// The periodical's names and distribution lines, if the site publishes one.
    pub periodical: Option<PeriodicalText>,
}

/// The periodical's words in one variant's script.
#[derive(Debug, Clone)]
pub struct PeriodicalText {
    pub name: String,
    pub issuer: String,
    pub distribution: crate::config::editions::Distribution,
}

/// A column's words in one variant's script.
#[derive(Debug, Clone)]
pub struct ColumnText {
    pub name: String,
    pub description: String,
    pub keywords: Vec<String>,
}

impl SiteText {
    /// The name of a department or column.
    pub fn group_name(&self, grouping: Grouping, group: usize) -> &str {
        match grouping {
            Grouping::Department => &self.departments[group],
            Grouping::Column => &self.columns[group].name,
        }
    }
}

/// The conversion stage for items.
pub fn convert_items(
    items: Vec<Arc<SourceItem>>,
    config: &Config,
    conversions: &Conversions,
) -> Converted {
    let results: Vec<(ConvertedItem, usize)> = items
        .into_par_iter()
        .map(|meta| {
            // Read once: in a build the text waits in the spool.
            let body = meta.body.text();
            let keys: Vec<Key> = config
                .variants
                .iter()
                .map(|variant| item_key(conversions.fingerprint, &meta, &body, variant))
                .collect();
            // An item's own entries apply to it alone, over the site's; compiled only when
            // something has to be converted.
            let own_glossary = std::sync::OnceLock::new();
            let glossary = || match &meta.glossary {
                None => &conversions.glossary,
                Some(entries) => own_glossary.get_or_init(|| {
                    let mut own = conversions.glossary.clone();
                    conversions.converter.extend_glossary(&mut own, entries);
                    own
                }),
            };
            let mut misses = 0;
            let texts = config
                .variants
                .iter()
                .zip(&keys)
                .map(|(variant, key)| match conversions.cache.take(key) {
                    Some(text) => text,
                    None => {
                        misses += 1;
                        let converter = conversions.converter;
                        convert_item_text(&meta, &body, variant, converter, glossary())
                    }
                })
                .collect();
            (ConvertedItem { meta, texts, keys }, misses)
        })
        .collect();
    let converted = results.iter().map(|(_, misses)| misses).sum();
    let items = results.into_iter().map(|(item, _)| item).collect();
    Converted { items, converted }
}

/// Everything that decides how one item converts for one variant.
fn item_key(fingerprint: Key, item: &SourceItem, body: &str, variant: &Variant) -> Key {
    KeyBuilder::default()
        .with(&fingerprint)
        .with(&variant.lang)
        .with(&variant.conversion_from(item.script))
        .with(&item.title)
        .with(&item.summary)
        .with(&item.tags)
        .with(&item.source)
        .with(&item.author)
        .with(body)
        .with(&item.disclosure)
        .with(&item.glossary)
        .finish()
}

/// What the conversion stage works with.
pub struct Conversions<'a> {
    pub converter: &'a Converter,
    /// The built-in corrections and the site's glossary.
    pub glossary: Glossary,
    /// A digest of everything site-wide that decides a conversion: engine, dictionaries,
    /// corrections and the site's glossary.
    pub fingerprint: Key,
    /// Earlier results, taken out as they are used.
    pub cache: &'a ConversionCache,
}

impl<'a> Conversions<'a> {
    pub fn new(
        converter: &'a Converter,
        site_glossary: &RawGlossary,
        cache: &'a ConversionCache,
    ) -> Self {
        Conversions {
            converter,
            glossary: converter.glossary(site_glossary),
            fingerprint: KeyBuilder::default()
                .with(&converter.fingerprint())
                .with(site_glossary)
                .finish(),
            cache,
        }
    }
}

/// The conversion stage's result.
pub struct Converted {
    pub items: Vec<ConvertedItem>,
    /// How many (item, variant) pairs were converted rather than found in the cache.
    pub converted: usize,
}

impl Converted {
    /// Every text by its key: what the cache for the next build holds (`ConversionCache::next`).
    pub fn used(&self) -> impl Iterator<Item = (Key, &ConvertedText)> {
        (self.items.iter()).flat_map(|item| item.keys.iter().copied().zip(&item.texts))
    }
}

fn convert_item_text(
    item: &SourceItem,
    body: &str,
    variant: &Variant,
    converter: &Converter,
    glossary: &Glossary,
) -> ConvertedText {
    let text = |s: &str| to_variant(converter, s, item.script, variant, glossary);
    let body = converter.convert_markdown(body, target(variant, item.script), glossary);
    ConvertedText {
        title: text(&item.title),
        summary: item.summary.as_deref().map(text),
        tags: item.tags.iter().map(|t| text(t)).collect(),
        source: item.source.as_deref().map(text),
        author: item.author.as_deref().map(text),
        body,
        disclosure: item.disclosure.as_deref().map(|d| {
            Box::new(Disclosure {
                topic: d.topic.as_deref().map(text),
                publisher: d.publisher.as_deref().map(text),
                number: d.number.as_deref().map(text),
                keywords: d.keywords.iter().map(|k| text(k)).collect(),
                openness: d.openness.as_deref().map(text),
                ..d.clone()
            })
        }),
    }
}

/// The key of `strings.yaml` holding per-locale labels: `locales: { roc: { department: 發布單位 } }`,
/// by date style (`cn`, `roc`, `hk`).
const LOCALE_STRINGS: &str = "locales";

/// The conversion stage for site-wide words. Theme strings are written in simplified script,
/// except the per-locale labels, which are written in their locale's script.
pub fn convert_site_text(
    config: &Config,
    theme_strings: &serde_yaml::Mapping,
    converter: &Converter,
    glossary: &Glossary,
) -> Vec<SiteText> {
    let detect = |s: &str| converter.detect_script(s).unwrap_or(Script::Hans);
    config
        .variants
        .iter()
        .map(|variant| {
            let text = |s: &str| to_variant(converter, s, detect(s), variant, glossary);
            let mut strings: serde_yaml::Mapping = theme_strings
                .iter()
                .filter(|(key, _)| key.as_str() != Some(LOCALE_STRINGS))
                .map(|(key, value)| match value.as_str() {
                    Some(s) => (
                        key.clone(),
                        to_variant(converter, s, Script::Hans, variant, glossary).into(),
                    ),
                    None => (key.clone(), value.clone()),
                })
                .collect();
            // The labels a locale's government sites use instead, written as they are.
            let locale = theme_strings
                .get(LOCALE_STRINGS)
                .and_then(|locales| locales.get(variant.date_style.name()))
                .and_then(serde_yaml::Value::as_mapping);
            for (key, value) in locale.into_iter().flatten() {
                strings.insert(key.clone(), value.clone());
            }
            let names = |name: &Option<String>| name.as_deref().map(text);
            SiteText {
                title: text(&config.title),
                description: text(&config.description),
                departments: config.departments.iter().map(|d| text(&d.name)).collect(),
                columns: config
                    .columns
                    .iter()
                    .map(|c| ColumnText {
                        name: text(&c.name),
                        description: text(&c.description),
                        keywords: c.keywords.iter().map(|k| text(k)).collect(),
                    })
                    .collect(),
                strings,
                identity: crate::config::Identity {
                    organizer: names(&config.identity.organizer),
                    operator: names(&config.identity.operator),
                    address: names(&config.identity.address),
                    ..config.identity.clone()
                },
                periodical: config.editions.as_ref().map(|e| PeriodicalText {
                    name: text(&e.name),
                    issuer: text(&e.issuer),
                    distribution: crate::config::editions::Distribution {
                        report: names(&e.distribution.report),
                        send: names(&e.distribution.send),
                        issue: names(&e.distribution.issue),
                    },
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_sources_convert_back_with_the_reverse_configuration() {
        let converter = Converter::new();
        let config = Config::parse(
            std::path::Path::new("."),
            "title: t\nbase_url: https://e.org/\nvariants:\n  - { lang: zh-Hans, path: hans }\n  - { lang: zh-Hant-TW, path: tw }\n  - { lang: zh-Hant-HK, path: hk }\ndepartments: { a: 甲 }\n",
        )
        .unwrap();
        let glossary = Glossary::new();
        let taiwan = "我們的伺服器需要網際網路";
        let [hans, tw, hk] = [0, 1, 2].map(|v| {
            to_variant(
                &converter,
                taiwan,
                Script::HantTw,
                &config.variants[v],
                &glossary,
            )
        });
        assert_eq!(
            hans, "我们的服务器需要互联网",
            "Taiwan words become mainland words"
        );
        assert_eq!(tw, taiwan, "already in the variant's usage");
        assert_eq!(
            hk, "我們的伺服器需要網際網路",
            "tw2t+t2hk keeps the words, changes only variant forms"
        );
        assert_eq!(
            config.variants[2].conversion_from(Script::HantTw),
            Some("tw2t+t2hk")
        );
    }
}
