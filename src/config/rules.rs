//! The rules of `bulletin check` and `bulletin build`: their names, default levels, and whether
//! a site may change them. Configuration validates a site's levels against this table.

use serde::{Deserialize, Serialize};

/// How much a finding matters; set per rule under `check:` in bulletin.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warning,
    Error,
}

/// Every rule, its default level, and whether a site may change it (a build cannot go on
/// past the fixed ones).
pub const RULES: [(&str, Level, bool); 34] = [
    ("front-matter", Level::Error, false),
    ("unknown-department", Level::Error, false),
    ("unknown-column", Level::Error, false),
    ("duplicate-slug", Level::Error, false),
    ("broken-link", Level::Error, true),
    // An item's photos and attachments (its bundle): a link to a file its folder lacks, and a
    // photo that cannot be decoded (cut short, not an image, too large).
    ("missing-file", Level::Error, false),
    ("damaged-photo", Level::Error, false),
    // `build` leaves such links as text and warns; `check` fails.
    ("unsafe-link", Level::Error, true),
    ("control-character", Level::Error, false),
    // A symbolic link in content/, static/ or a theme that leads outside the site, nowhere, or
    // round in a loop: left out.
    ("symlink", Level::Warning, true),
    ("future-date", Level::Warning, true),
    ("implausible-date", Level::Warning, true),
    ("duplicate-title", Level::Warning, true),
    ("mixed-script", Level::Warning, true),
    ("pinyin-annotation", Level::Warning, true),
    ("anti-copy-noise", Level::Warning, true),
    ("mojibake", Level::Warning, true),
    ("doubled-punctuation", Level::Warning, true),
    ("ascii-punctuation", Level::Warning, true),
    ("stray-space", Level::Warning, true),
    ("image-alt", Level::Warning, true),
    ("gregorian-year", Level::Warning, true),
    ("footer-incomplete", Level::Warning, true),
    // The periodical's numbering (`editions:`): a number skipped or repeated, an edition
    // listed with no items, an item in two editions.
    ("edition-gap", Level::Warning, true),
    ("edition-repeat", Level::Warning, true),
    ("edition-empty", Level::Warning, true),
    ("edition-twice", Level::Warning, true),
    // The inspector's rules (`inspect`): `check` applies them, `build` does not.
    ("stale-column", Level::Warning, true),
    ("stale-columns", Level::Error, true),
    ("empty-column", Level::Warning, true),
    ("no-visible-date", Level::Warning, true),
    ("duplicate-index-number", Level::Error, true),
    ("malformed-document-number", Level::Warning, true),
    ("interpretation-link", Level::Warning, true),
];

/// The default level of a rule, or `None` if there is no such rule.
pub fn default_level(rule: &str) -> Option<(Level, bool)> {
    RULES
        .iter()
        .find(|(name, _, _)| *name == rule)
        .map(|&(_, level, changeable)| (level, changeable))
}
