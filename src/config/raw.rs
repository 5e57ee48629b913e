//! `bulletin.yaml` exactly as written, deserialised and nothing more; `validate` turns it into
//! the `Config` the pipeline runs on.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use super::editions::RawEditions;
use super::rules::Level;
use super::{ColumnKind, Freshness, Identity, Limits};
use crate::text::dates::DateStyle;
use crate::text::engine::EngineChoice;

/// `bulletin.yaml` exactly as written; unknown keys are rejected so a typo never drops a setting.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: String,
    pub(super) base_url: String,
    #[serde(default = "default_output_dir")]
    pub(super) output_dir: PathBuf,
    #[serde(default = "default_theme")]
    pub(super) theme: String,
    #[serde(default = "default_timezone")]
    pub(super) timezone: String,
    #[serde(default = "default_items_per_page")]
    pub(super) items_per_page: usize,
    #[serde(default = "default_feed_items")]
    pub(super) feed_items: usize,
    #[serde(default)]
    pub(super) allow_html: bool,
    #[serde(default)]
    pub(super) allow_data_images: bool,
    #[serde(default = "default_true")]
    pub(super) first_line_indent: bool,
    #[serde(default)]
    pub(super) engine: EngineChoice,
    pub(super) variants: Vec<RawVariant>,
    pub(super) departments: serde_yaml::Mapping,
    /// Columns (栏目), in the order written: `key: { name, type, ... }`.
    #[serde(default)]
    pub(super) columns: serde_yaml::Mapping,
    /// `bulletin check` rule levels: `rule: error | warning | off`.
    #[serde(default)]
    pub(super) check: BTreeMap<String, Level>,
    /// Who runs the site, for the footer and the page metadata inspectors look for.
    #[serde(default)]
    pub(super) identity: Identity,
    /// Write a search index per variant.
    #[serde(default = "default_true")]
    pub(super) search: bool,
    /// Bounds on one item.
    #[serde(default)]
    pub(super) limits: Limits,
    /// The periodical (简报) items are gathered into, if the site publishes one.
    pub(super) editions: Option<RawEditions>,
    /// Where `bulletin deploy` publishes: target name to settings, in the order written.
    #[serde(default)]
    pub(super) deploy: serde_yaml::Mapping,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVariant {
    pub(super) lang: String,
    pub(super) path: String,
    #[serde(default)]
    pub(super) default: bool,
    /// The switcher's name for this variant, in its own script; derived from `lang` if absent.
    pub(super) label: Option<String>,
    /// OpenCC configuration turning simplified source into this variant; derived from `lang` if absent.
    pub(super) from_hans: Option<String>,
    /// OpenCC configuration turning (standard) traditional source into this variant; derived
    /// from `lang` if absent.
    pub(super) from_hant: Option<String>,
    /// How dates are written: cn, roc (民國 years) or hk; derived from `lang` if absent.
    pub(super) date_style: Option<DateStyle>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawColumn {
    pub(super) name: String,
    #[serde(rename = "type")]
    pub(super) kind: ColumnKind,
    /// How often inspectors expect it updated; follows the type if absent.
    pub(super) freshness: Option<Freshness>,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    /// The `ColumnType` meta tag's value, from `COLUMN_TYPES`; follows the type if absent.
    pub(super) column_type: Option<String>,
}

pub(super) fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}
pub(super) fn default_theme() -> String {
    "default".into()
}
pub(super) fn default_timezone() -> String {
    "Asia/Shanghai".into()
}
pub(super) fn default_items_per_page() -> usize {
    20
}
pub(super) fn default_feed_items() -> usize {
    20
}
pub(super) fn default_true() -> bool {
    true
}
