//! `bulletin convert`: files or standard input to another script, with the site's glossary.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Problem, Result};
use crate::text::converter::{Converter, convert_document, is_known_conversion};
use crate::text::engine::EngineChoice;
use crate::text::glossary::RawGlossary;

/// Converts `files` (or standard input) with the OpenCC configuration `config`, printing them.
pub fn run(
    config: &str,
    files: &[PathBuf],
    root: &Path,
    engine: Option<EngineChoice>,
) -> Result<()> {
    let site_engine = || Config::load(root).map(|c| c.engine).unwrap_or_default();
    let converter = Converter::for_site(engine.unwrap_or_else(site_engine))?;
    if !is_known_conversion(config) {
        return Err(Error::invalid(vec![
            Problem::new(Path::new(&config), 0, "not an OpenCC configuration").with_hint(
                "use one of s2t, t2s, s2tw, s2twp, s2hk, t2tw, t2hk, tw2s, tw2sp, hk2s, tw2t, hk2t",
            ),
        ]));
    }
    let glossary = converter.glossary(&RawGlossary::load(root)?);
    let mut out = std::io::stdout().lock();
    if files.is_empty() {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Error::read(Path::new("(standard input)"), e))?;
        write_out(
            &mut out,
            &convert_document(&converter, &text, false, config, &glossary),
        )?;
    }
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| Error::read(file, e))?;
        let markdown = file
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown");
        write_out(
            &mut out,
            &convert_document(&converter, &text, markdown, config, &glossary),
        )?;
    }
    Ok(())
}

fn write_out(out: &mut impl std::io::Write, text: &str) -> Result<()> {
    out.write_all(text.as_bytes())
        .map_err(|e| Error::write(Path::new("(standard output)"), e))
}
