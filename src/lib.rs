//! bulletin: a static site generator for Chinese district news bulletins, publishing every
//! item in simplified and traditional script.
//!
//! The build is a pipeline of stages (`stages`), each a function over the types of
//! `stages::item`, run in this order by `pipeline`: load -> convert -> markdown -> index ->
//! render -> search -> write. Below the stages lie what they share (`text`, `digest`, `site`,
//! `error`, `config`, `aside`); above the pipeline, the commands that reuse it (`check`, `serve`,
//! `import`, `cli`). `docs/architecture.md` maps it; `tests/architecture.rs` keeps it true.

pub mod aside;
pub mod digest;
pub mod error;
pub mod site;
pub mod text;

pub mod config;

pub mod stages;

pub mod pipeline;

pub mod check;
pub mod deploy;
pub mod import;
pub mod serve;

pub mod cli;

pub use error::{Error, Problem, Result};
pub use pipeline::{BuildOptions, BuildReport, build};
