//! The files the last build made, kept so that a rebuild reuses the pages whose inputs did not
//! change.

use bytes::Bytes;

use crate::digest::{Key, KeyMap};
use crate::stages::item::{OutputFile, without_slack};

/// The files the last build made, by what they were made from (a digest that covers their
/// path): a rebuild makes again only the files whose inputs changed and reuses the others.
#[derive(Debug, Default)]
pub struct MadeFiles(KeyMap<Bytes>);

impl MadeFiles {
    /// Keeps the made files among `files` (sharing their contents, not copying them).
    pub fn remember(&mut self, files: &[OutputFile]) {
        let made = files
            .iter()
            .filter_map(|f| Some((f.made_from?, f.contents.clone())));
        self.0.extend(made);
    }

    /// The file as the last build made it, if it was made from the same inputs.
    pub fn reusable(&self, made_from: Key) -> Option<Bytes> {
        self.0.get(&made_from).cloned()
    }

    /// The file at `path`: the last build's if it was made from the same inputs, else `make()`.
    pub fn make(&self, path: String, made_from: Key, make: impl FnOnce() -> String) -> OutputFile {
        let contents = self
            .reusable(made_from)
            .unwrap_or_else(|| without_slack(make()));
        OutputFile::made(path, made_from, contents)
    }

    /// Whether the build made `file` rather than reused it from the build these files are of.
    pub fn made_anew(&self, file: &OutputFile) -> bool {
        file.made_from
            .is_some_and(|digest| !self.0.contains_key(&digest))
    }
}
