//! The files the last build made, kept so that a rebuild reuses the pages whose inputs did not
//! change.

use bytes::Bytes;

use crate::digest::{Key, KeyMap, KeySet};
use crate::stages::item::{OutputFile, without_slack};

/// The files the last build made, by what they were made from (a digest that covers their
/// path): a rebuild makes again only the files whose inputs changed and reuses the others.
#[derive(Debug, Default)]
pub struct MadeFiles(KeyMap<Bytes>);

impl MadeFiles {
    /// Adds the files a build made anew (`fresh`, sharing their contents); `made_from` names
    /// every file that build made or reused. The files of earlier builds are dropped once
    /// they grow to an eighth of the site, so that a rebuild after an edit does not remake
    /// the whole map, and what is kept stays bounded.
    pub fn update(&mut self, fresh: Vec<(Key, Bytes)>, made_from: &[Key]) {
        self.0.extend(fresh);
        if self.0.len() > made_from.len() + made_from.len() / 8 + 1024 {
            let kept: KeySet = made_from.iter().copied().collect();
            self.0.retain(|digest, _| kept.contains(digest));
        }
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
