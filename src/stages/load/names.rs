//! The names of a site's departments and columns as editors write them: by key, or by name
//! or alias in either script.

use crate::config::Config;
use crate::error::closest;
use crate::text::converter::Converter;

/// The names of a site's departments and of its columns, as front matter may write them.
pub struct SiteNames {
    pub departments: GroupNames,
    pub columns: GroupNames,
}

impl SiteNames {
    pub fn new(config: &Config, converter: &Converter) -> Self {
        SiteNames {
            departments: GroupNames::departments(config, converter),
            columns: GroupNames::new(
                "columns",
                config
                    .columns
                    .iter()
                    .map(|c| (c.key.as_str(), c.name.as_str(), c.aliases.as_slice())),
                converter,
            ),
        }
    }
}

/// Department (or column) names in both scripts, for matching what editors write.
pub struct GroupNames {
    /// The configuration key they are declared under, for hints: `departments`, `columns`.
    declared_under: &'static str,
    /// (key, configured name, name folded to simplified script), in configuration order.
    entries: Vec<(String, String, String)>,
    /// (folded alias, index into `entries`).
    aliases: Vec<(String, usize)>,
}

impl GroupNames {
    pub fn departments(config: &Config, converter: &Converter) -> Self {
        GroupNames::new(
            "departments",
            config
                .departments
                .iter()
                .map(|d| (d.key.as_str(), d.name.as_str(), d.aliases.as_slice())),
            converter,
        )
    }

    fn new<'a>(
        declared_under: &'static str,
        groups: impl Iterator<Item = (&'a str, &'a str, &'a [String])>,
        converter: &Converter,
    ) -> Self {
        let mut entries = Vec::new();
        let mut aliases = Vec::new();
        for (i, (key, name, also)) in groups.enumerate() {
            entries.push((
                key.to_string(),
                name.to_string(),
                converter.convert(name, "t2s"),
            ));
            aliases.extend(
                also.iter()
                    .map(|alias| (converter.convert(alias, "t2s"), i)),
            );
        }
        GroupNames {
            declared_under,
            entries,
            aliases,
        }
    }

    /// The configuration key they are declared under: `departments` or `columns`.
    pub fn declared_under(&self) -> &'static str {
        self.declared_under
    }

    /// Every name and alias, folded to simplified script, with the index of its department.
    pub fn folded_names(&self) -> impl Iterator<Item = (&str, usize)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, (_, _, name))| (name.as_str(), i))
            .chain(self.aliases.iter().map(|(alias, i)| (alias.as_str(), *i)))
    }

    /// The key and configured name of the department at `index`.
    pub fn get(&self, index: usize) -> (&str, &str) {
        let (key, name, _) = &self.entries[index];
        (key, name)
    }

    /// `find` for a name given on the command line: a miss is a problem of the site's
    /// configuration, `problem` followed by the hint.
    pub fn find_given(
        &self,
        written: &str,
        converter: &Converter,
        problem: String,
    ) -> crate::error::Result<usize> {
        self.find(written, converter).map_err(|hint| {
            let at = std::path::Path::new(crate::site::CONFIG_FILE);
            crate::error::Error::invalid(vec![
                crate::error::Problem::new(at, 0, problem).with_hint(hint),
            ])
        })
    }

    /// The index of the department named by key or by name in either script; otherwise a hint
    /// listing the closest configured names.
    pub fn find(&self, written: &str, converter: &Converter) -> std::result::Result<usize, String> {
        let written = written.trim();
        if let Some(i) = self.entries.iter().position(|(key, _, _)| key == written) {
            return Ok(i);
        }
        let folded = converter.convert(written, "t2s");
        if let Some((_, i)) = self.folded_names().find(|(name, _)| *name == folded) {
            return Ok(i);
        }
        let names: Vec<&str> = self
            .entries
            .iter()
            .map(|(_, _, name)| name.as_str())
            .collect();
        let suggestions: Vec<String> = closest(&folded, names)
            .into_iter()
            .map(|name| {
                let (key, configured, _) = self
                    .entries
                    .iter()
                    .find(|(_, _, n)| n == name)
                    .expect("listed");
                format!("{configured} ({key})")
            })
            .collect();
        let under = self.declared_under;
        Err(if suggestions.is_empty() {
            format!("no {under} are configured: add them under `{under}:` in bulletin.yaml")
        } else {
            format!(
                "did you mean {}? They are declared under `{under}:` in bulletin.yaml",
                suggestions.join(", ")
            )
        })
    }

    pub fn listing(&self) -> String {
        self.entries
            .iter()
            .map(|(key, name, _)| format!("{key} ({name})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
