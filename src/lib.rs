//! bulletin: a static site generator for Chinese district news bulletins, publishing every
//! item in simplified and traditional script.
//!
//! The build is a pipeline of stages, one module each, run in this order by `pipeline`:
//! `content` (load) -> `convert` (scripts) -> `markdown` (HTML) -> `index` (by date and
//! department) -> `render` and `feeds` (theme, Atom, sitemap) -> `output` (write).

pub mod address;
pub mod cache;
pub mod check;
pub mod cleanup;
pub mod cli;
pub mod config;
pub mod content;
pub mod convert;
pub mod dates;
pub mod engine;
pub mod error;
pub mod feeds;
pub mod glossary;
pub mod import;
pub mod index;
pub mod inspect;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod script;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod theme;

pub use error::{Error, Problem, Result};
pub use pipeline::{BuildOptions, BuildReport, build};
