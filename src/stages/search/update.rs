//! An edit re-indexes only what it touched. When the items kept their numbers (none removed
//! or moved, new ones only after the newest), the changed items' documents are made anew and
//! spliced into their packs, and only the shards their old or new terms fall in are read
//! back, patched and written again;
//! every other file of the last index is reused as it is. The result is byte for byte the
//! index a whole build makes (`tests/search_update.rs` checks it), so which way a build took
//! never shows in its output.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use bytes::Bytes;
use rayon::prelude::*;

use super::index::{self, Document, Postings};
use super::pack;
use super::postings::{self, Normalized};
use super::record::{IndexRecord, IndexedDocument, LastIndex, Noting};
use super::{SearchInputs, document, indexed, numbered, site_files, variant_dirs};
use crate::config::Config;
use crate::digest::Key;
use crate::error::Result;
use crate::stages::item::{FileSink, OutputFile, RenderedItem};

/// Past this share of changed items (and a few), making the index anew is as quick.
const MOST_CHANGED: usize = 10;
/// Past this many packs to splice, making the index anew is as quick, and holds less: the
/// packs are read whole and held until they are written (about 300 KB each).
const MOST_PACKS: usize = 512;

/// The index updated from the `last` one for the items that changed, and how
/// many those were; `None` (nothing given to `sink`) when it cannot be: items removed or
/// moved, too many changed, the index resized, or a file of it not as the last build wrote it.
pub fn updated_index(
    config: &Config,
    inputs: &SearchInputs,
    last: &LastIndex,
    sink: &mut dyn FileSink,
) -> Result<Option<(IndexRecord, usize)>> {
    let previous = &last.record;
    let order = numbered(&inputs.items);
    let Some(changed) = changed_documents(&previous.documents, &order) else {
        return Ok(None);
    };
    let dirs = variant_dirs(config);
    let packs = touched_packs(&changed);
    let too_many = changed.len() > 64 && changed.len() * MOST_CHANGED > order.len();
    if too_many || packs.len() * dirs.len() > MOST_PACKS {
        return Ok(None);
    }
    let made: Vec<(usize, Document, Normalized)> = changed
        .par_iter()
        .map(|&id| {
            let document = document(config, &inputs.texts, order[id]);
            let normalized = document.normalized();
            (id, document, normalized)
        })
        .collect();
    let documents = updated_documents(&previous.documents, &order, &made);
    let shards = index::shard_count(documents.iter().map(|d| d.text_bytes).sum());
    if shards != previous.shards {
        return Ok(None);
    }
    let Some(old_packs) = previous_packs(last, &packs, &dirs) else {
        return Ok(None);
    };
    let Some(was) = previous_documents(&previous.documents, &changed, &dirs, &old_packs) else {
        return Ok(None);
    };
    let patches = shard_patches(&was, &made, shards);
    let patched_paths: Vec<String> = patches.keys().map(|&k| index::shard_path(k)).collect();
    let Some(old_shards) = last.read_all(&patched_paths) else {
        return Ok(None);
    };
    let Some(spliced) = spliced_packs(&dirs, &packs, order.len(), &made, &old_packs) else {
        return Ok(None);
    };
    let site = site_files(config, inputs, &order, shards);
    let mut remade: HashSet<String> = patched_paths.into_iter().collect();
    remade.extend(site.iter().map(|f| f.path.to_string()));
    remade.extend(spliced.iter().map(|f| f.path.to_string()));
    let kept: Vec<(String, Key)> = previous
        .files
        .iter()
        .filter(|(path, _)| !remade.contains(path))
        .cloned()
        .collect();
    let mut noting = Noting {
        sink,
        files: Vec::new(),
    };
    if !noting.keep(&kept) {
        return Ok(None);
    }
    noting.put(spliced)?;
    put_patched_shards(patches, old_shards, &changed, &mut noting)?;
    noting.put(site)?;
    let record = IndexRecord {
        inputs: inputs.digest,
        site: inputs.site,
        shards,
        documents,
        files: noting.files,
    };
    Ok(Some((record, changed.len())))
}

/// The numbers of the items that changed or were added since the `previous` index, sorted;
/// `None` when an item was removed or moved, so that numbers changed.
fn changed_documents(previous: &[IndexedDocument], order: &[&RenderedItem]) -> Option<Vec<usize>> {
    if order.len() < previous.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (id, item) in order.iter().enumerate() {
        match previous.get(id) {
            Some(was) if was.url_path != item.meta.url_path => return None,
            Some(was) if was.digest == item.meta.digest => {}
            _ => changed.push(id),
        }
    }
    Some(changed)
}

/// The packs the `changed` documents are in, sorted.
fn touched_packs(changed: &[usize]) -> Vec<usize> {
    let mut packs: Vec<usize> = changed.iter().map(|&id| pack::place(id).0).collect();
    packs.dedup();
    packs
}

/// The last index's files of the `packs` that it has, in every variant, by path; `None` if
/// one is not as the last build wrote it.
fn previous_packs(
    last: &LastIndex,
    packs: &[usize],
    dirs: &[String],
) -> Option<HashMap<String, Bytes>> {
    let had = last.record.documents.len().div_ceil(pack::PACK_DOCUMENTS);
    let paths: Vec<String> = dirs
        .iter()
        .flat_map(|dir| {
            packs
                .iter()
                .filter(|&&p| p < had)
                .map(|&p| pack::pack_path(dir, p))
        })
        .collect();
    let files = last.read_all(&paths)?;
    Some(paths.into_iter().zip(files).collect())
}

/// Document `id` of the variant whose index directory is `dir`, as the last index's `packs`
/// hold it; `None` if it has none.
fn previous_member<'a>(
    packs: &'a HashMap<String, Bytes>,
    dir: &str,
    id: usize,
) -> Option<&'a [u8]> {
    let (pack, slot) = pack::place(id);
    let members = pack::members(packs.get(&pack::pack_path(dir, pack))?)?;
    members.get(slot).copied().filter(|m| !m.is_empty())
}

/// The documents of the changed items as the last index holds them, read back from its
/// `packs` (the items that are new have none); `None` if one cannot be read.
fn previous_documents(
    previous: &[IndexedDocument],
    changed: &[usize],
    dirs: &[String],
    packs: &HashMap<String, Bytes>,
) -> Option<Vec<Normalized>> {
    let existing: Vec<usize> = changed
        .iter()
        .copied()
        .filter(|&id| id < previous.len())
        .collect();
    let read = existing.par_iter().map(|&id| {
        let shown = dirs
            .iter()
            .map(|dir| pack::read_member(previous_member(packs, dir, id)?));
        let was = &previous[id];
        let document = Document {
            shown: shown.collect::<Option<_>>()?,
            department: was.department,
            column: was.column,
            year: was.year,
        };
        Some(document.normalized())
    });
    read.collect()
}

/// The `packs` made again in every variant, for `count` documents in all: the `made`
/// documents put in, the others taken from the last index's packs (`old`); `None` if one of
/// those cannot be read.
fn spliced_packs(
    dirs: &[String],
    packs: &[usize],
    count: usize,
    made: &[(usize, Document, Normalized)],
    old: &HashMap<String, Bytes>,
) -> Option<Vec<OutputFile>> {
    let each = dirs
        .iter()
        .enumerate()
        .flat_map(|(v, dir)| packs.iter().map(move |&p| (v, dir, p)));
    let each: Vec<(usize, &String, usize)> = each.collect();
    debug_assert!(
        made.is_sorted_by_key(|(id, _, _)| *id),
        "made in the order of `changed`"
    );
    let spliced = each.into_par_iter().map(|(v, dir, p)| {
        let first = p * pack::PACK_DOCUMENTS;
        let ids = first..count.min(first + pack::PACK_DOCUMENTS);
        // The old pack's head read once, not once per document taken from it.
        let was = old
            .get(&pack::pack_path(dir, p))
            .and_then(|b| pack::members(b));
        let kept = |id: usize| {
            let member = *was.as_ref()?.get(id - first)?;
            (!member.is_empty()).then_some(Cow::Borrowed(member))
        };
        let members = ids.map(
            |id| match made.binary_search_by_key(&id, |(made, _, _)| *made) {
                Ok(at) => Some(Cow::Owned(pack::member(&made[at].1, v))),
                Err(_) => kept(id),
            },
        );
        let members: Vec<Cow<[u8]>> = members.collect::<Option<_>>()?;
        Some(pack::pack_file(dir, p, &members))
    });
    spliced.collect()
}

/// The record's documents after the update: the previous ones, with the changed replaced and
/// the new ones added.
fn updated_documents(
    previous: &[IndexedDocument],
    order: &[&RenderedItem],
    made: &[(usize, Document, Normalized)],
) -> Vec<IndexedDocument> {
    let mut documents = previous.to_vec();
    for (id, _, normalized) in made {
        let document = indexed(order[*id], normalized);
        match documents.get_mut(*id) {
            Some(slot) => *slot = document,
            None => documents.push(document),
        }
    }
    documents
}

/// The terms each touched shard gains, keyed by shard: every shard a changed document's old
/// or new terms fall in is touched, even when it gains none (it loses some).
fn shard_patches<'a>(
    was: &[Normalized],
    made: &'a [(usize, Document, Normalized)],
    shards: usize,
) -> BTreeMap<usize, Vec<(&'a str, u32, u8)>> {
    let mut patches: BTreeMap<usize, Vec<(&str, u32, u8)>> = BTreeMap::new();
    for normalized in was {
        for (shard, _, _) in postings::document_terms(normalized, shards) {
            patches.entry(shard).or_default();
        }
    }
    for (id, _, normalized) in made {
        for (shard, term, weight) in postings::document_terms(normalized, shards) {
            patches
                .entry(shard)
                .or_default()
                .push((term, *id as u32, weight));
        }
    }
    patches
}

/// The touched shards, as the last index had them (`old`, in the order of `patches`), with
/// the postings of the `changed` documents replaced by their new ones, given to `sink` a
/// batch at a time.
fn put_patched_shards(
    patches: BTreeMap<usize, Vec<(&str, u32, u8)>>,
    old: Vec<Bytes>,
    changed: &[usize],
    sink: &mut dyn FileSink,
) -> Result<()> {
    let changed: Vec<u32> = changed.iter().map(|&id| id as u32).collect();
    let mut shards = patches.into_iter().zip(old).peekable();
    while shards.peek().is_some() {
        let batch: Vec<_> = shards.by_ref().take(PATCH_BATCH).collect();
        let patched = batch.into_par_iter().map(|((k, added), bytes)| {
            // The digest vouched for the bytes; a shard that reads as none is a bug.
            let terms = index::read_shard(&bytes).expect("a shard the last build wrote");
            index::shard_file(k, patched(terms, &changed, added))
        });
        sink.put(patched.collect())?;
    }
    Ok(())
}

/// How many shards are patched at a time.
const PATCH_BATCH: usize = 1024;

/// A shard's `terms` (sorted) with the postings of the documents `replaced` (sorted) taken out and the
/// `added` ones put in, each term's postings in document order, terms left without any gone.
fn patched(
    mut terms: Vec<(Box<str>, Postings)>,
    replaced: &[u32],
    added: Vec<(&str, u32, u8)>,
) -> Vec<(Box<str>, Postings)> {
    for (_, postings) in &mut terms {
        postings.retain(|(document, _)| replaced.binary_search(document).is_err());
    }
    for (term, document, weight) in added {
        match terms.binary_search_by(|(known, _)| (**known).cmp(term)) {
            Ok(at) => {
                let postings = &mut terms[at].1;
                let at = postings.partition_point(|(d, _)| *d < document);
                postings.insert(at, (document, weight));
            }
            Err(at) => terms.insert(at, (Box::from(term), vec![(document, weight)])),
        }
    }
    terms.retain(|(_, postings)| !postings.is_empty());
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, postings: &[(u32, u8)]) -> (Box<str>, Postings) {
        (Box::from(text), postings.to_vec())
    }

    #[test]
    fn a_patch_replaces_the_changed_documents_postings_and_drops_emptied_terms() {
        // Sorted, as a shard holds them.
        let terms = vec![
            term("会议", &[(1, 1)]),
            term("干部", &[(0, 1), (2, 3), (5, 1)]),
            term("树干", &[(2, 1)]),
        ];
        let added = vec![("干部", 2, 0x81), ("新闻", 2, 1), ("会议", 6, 2)];
        let patched = patched(terms, &[2, 6], added);
        assert_eq!(
            patched,
            [
                term("会议", &[(1, 1), (6, 2)]),
                term("干部", &[(0, 1), (2, 0x81), (5, 1)]),
                term("新闻", &[(2, 1)]),
            ]
        );
    }
}
