//! What the stages know about Chinese text, below all of them: scripts and their conversion
//! (engine, glossary, converter), character classes, dates, slugs, link addresses, the
//! Markdown dialect, and the damage scraped text carries.

pub mod address;
pub mod cjk;
pub mod converter;
pub mod damage;
pub mod dates;
pub mod engine;
pub mod escape;
pub mod glossary;
pub mod markdown;
pub mod script;
pub mod slug;
