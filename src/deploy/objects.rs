//! Object storage (S3 and S3-compatible servers): uploads the files whose MD5 differs from the
//! object's ETag, as `hugo deploy` does, with their `Content-Type` and `Cache-Control`. Storage
//! has no one-step switch, so the order keeps the live site whole instead: files and item pages
//! first, then the pages and the search index that link to them, then feeds and the sitemap,
//! and deletions only after all of that.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use futures::{StreamExt, TryStreamExt};
use md5::Digest;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as ObjectPath;
use object_store::{
    Attribute, Attributes, BackoffConfig, ObjectStore, ObjectStoreExt, PutOptions, RetryConfig,
};
use rayon::prelude::*;

use super::{DeployOptions, Failure, Progress, SiteFile, Summary};
use crate::config::deploy::{DeployTarget, Destination, cache_pattern};
use crate::stages::render::SEARCH_DIR;

/// Uploads at once: enough to hide each request's round trip, few enough to bound memory.
const PARALLEL_UPLOADS: usize = 8;

/// Publishes the site's changed files to the target's bucket, then deletes what it lost.
pub fn publish(
    target: &DeployTarget,
    files: &[SiteFile],
    options: &DeployOptions,
) -> Result<Summary, Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::Refused(format!("cannot start the uploader: {e}")))?;
    runtime.block_on(publish_files(target, files, options))
}

async fn publish_files(
    target: &DeployTarget,
    files: &[SiteFile],
    options: &DeployOptions,
) -> Result<Summary, Failure> {
    let bucket = Bucket::open(target)?;
    let remote = bucket.list().await?;
    let digests = local_digests(files)?;
    let plan = Plan::new(files, &digests, &remote);
    let uploaded_bytes = plan.uploads.iter().map(|f| f.size).sum();
    let summary = Summary {
        target: bucket.name.clone(),
        release: None,
        uploaded: plan.uploads.len(),
        uploaded_bytes,
        unchanged: files.len() - plan.uploads.len(),
        deleted: plan.deletes.len(),
        dry_run: options.dry_run,
        elapsed: std::time::Duration::ZERO,
    };
    if options.dry_run {
        return Ok(summary);
    }
    let policy = CachePolicy::new(&target.cache_control);
    bucket
        .upload(&plan.uploads, &policy, options.progress)
        .await?;
    let limit = options.max_deletes.unwrap_or(target.max_deletes);
    if plan.deletes.len() > limit {
        return Err(Failure::TooManyDeletes {
            count: plan.deletes.len(),
            limit,
            target: bucket.name,
        });
    }
    bucket.delete(&plan.deletes).await?;
    Ok(summary)
}

/// A bucket and the prefix the site lives under.
struct Bucket {
    store: AmazonS3,
    /// `prefix/`, or empty for the bucket's top.
    prefix: String,
    /// `s3://bucket/prefix`, for messages.
    name: String,
}

impl Bucket {
    /// Credentials come from the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_SESSION_TOKEN`, …), never from the configuration.
    fn open(target: &DeployTarget) -> Result<Bucket, Failure> {
        let Destination::ObjectStorage { bucket, prefix } = &target.destination else {
            unreachable!("only object storage targets come here")
        };
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_virtual_hosted_style_request(!target.path_style)
            .with_retry(RetryConfig {
                backoff: BackoffConfig::default(),
                max_retries: 4,
                retry_timeout: std::time::Duration::from_secs(60),
            });
        if let Some(endpoint) = &target.endpoint {
            // Plain HTTP only where the site wrote an http:// endpoint itself.
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(region) = &target.region {
            builder = builder.with_region(region);
        }
        let name = target.destination.to_string();
        let store = builder.build().map_err(|source| Failure::List {
            target: name.clone(),
            source,
        })?;
        Ok(Bucket {
            store,
            prefix: match prefix.is_empty() {
                true => String::new(),
                false => format!("{prefix}/"),
            },
            name,
        })
    }

    /// Every object under the prefix: its path in the site and its ETag.
    async fn list(&self) -> Result<HashMap<String, String>, Failure> {
        let prefix = ObjectPath::from(self.prefix.trim_end_matches('/'));
        let prefix = (!self.prefix.is_empty()).then_some(&prefix);
        let failed = |source| Failure::List {
            target: self.name.clone(),
            source,
        };
        let objects: Vec<_> = self
            .store
            .list(prefix)
            .try_collect()
            .await
            .map_err(failed)?;
        Ok(objects
            .into_iter()
            .filter_map(|object| {
                let key = object.location.as_ref();
                let path = key.strip_prefix(&self.prefix)?.to_string();
                let etag = object.e_tag.unwrap_or_default();
                Some((path, etag.trim_matches('"').to_ascii_lowercase()))
            })
            .collect())
    }

    fn key(&self, path: &str) -> Result<ObjectPath, Failure> {
        ObjectPath::parse(format!("{}{path}", self.prefix)).map_err(|e| {
            Failure::Refused(format!(
                "`{path}` cannot be stored under that name in object storage ({e}); rename it"
            ))
        })
    }

    /// Uploads `files` class by class: a class starts when the one before it is all there.
    async fn upload(
        &self,
        files: &[&SiteFile],
        policy: &CachePolicy,
        progress: Option<fn(Progress)>,
    ) -> Result<(), Failure> {
        let done = AtomicUsize::new(0);
        let bytes = AtomicU64::new(0);
        for class in 0..=FEEDS {
            let of_class = files.iter().filter(|f| upload_class(&f.path) == class);
            futures::stream::iter(of_class)
                .map(|file| async {
                    self.upload_one(file, policy).await?;
                    let done = done.fetch_add(1, Ordering::Relaxed) + 1;
                    let bytes = bytes.fetch_add(file.size, Ordering::Relaxed) + file.size;
                    if let Some(progress) = progress {
                        progress(Progress {
                            done,
                            total: files.len(),
                            bytes,
                        });
                    }
                    Ok::<(), Failure>(())
                })
                .buffer_unordered(PARALLEL_UPLOADS)
                .try_collect::<()>()
                .await?;
        }
        Ok(())
    }

    async fn upload_one(&self, file: &SiteFile, policy: &CachePolicy) -> Result<(), Failure> {
        let body = tokio::fs::read(&file.local)
            .await
            .map_err(|source| Failure::Read {
                path: file.local.clone(),
                source,
            })?;
        let mut attributes = Attributes::new();
        attributes.insert(
            Attribute::ContentType,
            crate::site::content_type(&file.path).into(),
        );
        attributes.insert(
            Attribute::CacheControl,
            policy.for_path(&file.path).to_string().into(),
        );
        let put = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&self.key(&file.path)?, body.into(), put)
            .await
            .map_err(|source| Failure::Upload {
                file: file.path.clone(),
                target: self.name.clone(),
                source,
            })?;
        Ok(())
    }

    async fn delete(&self, paths: &[String]) -> Result<(), Failure> {
        futures::stream::iter(paths)
            .map(|path| async move {
                self.store
                    .delete(&self.key(path)?)
                    .await
                    .map_err(|source| Failure::Delete {
                        file: path.clone(),
                        target: self.name.clone(),
                        source,
                    })
            })
            .buffer_unordered(PARALLEL_UPLOADS)
            .try_collect::<()>()
            .await
    }
}

/// The MD5 of every file, in hex, as S3 gives it in the ETag of an object put whole.
fn local_digests(files: &[SiteFile]) -> Result<Vec<String>, Failure> {
    files
        .par_iter()
        .map(|file| {
            let bytes = std::fs::read(&file.local).map_err(|source| Failure::Read {
                path: file.local.clone(),
                source,
            })?;
            let digest = md5::Md5::digest(&bytes);
            Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
        })
        .collect()
}

/// What a deploy uploads and deletes.
struct Plan<'a> {
    /// In upload order.
    uploads: Vec<&'a SiteFile>,
    /// Paths in the site, sorted.
    deletes: Vec<String>,
}

impl<'a> Plan<'a> {
    fn new(files: &'a [SiteFile], digests: &[String], remote: &HashMap<String, String>) -> Self {
        let mut uploads: Vec<&SiteFile> = files
            .iter()
            .zip(digests)
            .filter(|(file, digest)| remote.get(&file.path) != Some(*digest))
            .map(|(file, _)| file)
            .collect();
        uploads.sort_by_key(|f| (upload_class(&f.path), f.path.as_str()));
        let local: std::collections::HashSet<&str> =
            files.iter().map(|f| f.path.as_str()).collect();
        let mut deletes: Vec<String> = remote
            .keys()
            .filter(|path| !local.contains(path.as_str()))
            .cloned()
            .collect();
        deletes.sort();
        Plan { uploads, deletes }
    }
}

/// Files that link to nothing: stylesheets, scripts, photos, attachments, PDFs.
const FILES: u8 = 0;
/// Item pages, which link to files.
const ITEMS: u8 = 1;
/// Lists, the home page, redirects and the search index, which lead to items.
const PAGES: u8 = 2;
/// Feeds, the sitemap and robots.txt, which announce pages to the world.
const FEEDS: u8 = 3;

/// When a file goes up, so that no file that is up links to one that is not yet.
fn upload_class(path: &str) -> u8 {
    let parts: Vec<&str> = path.split('/').collect();
    let is_item_page = matches!(
        parts.as_slice(),
        [_, year, month, _, "index.html"]
            if year.len() == 4 && month.len() == 2
                && year.bytes().chain(month.bytes()).all(|b| b.is_ascii_digit())
    );
    let name = parts.last().copied().unwrap_or("");
    if name.ends_with(".xml") || name == "robots.txt" {
        FEEDS
    } else if is_item_page {
        ITEMS
    } else if name.ends_with(".html") || parts.contains(&SEARCH_DIR) {
        PAGES
    } else {
        FILES
    }
}

/// `Cache-Control` by path: the target's patterns in the order written, then the defaults.
struct CachePolicy {
    patterns: Vec<(globset::GlobMatcher, String)>,
}

/// Pages change with every edit; files rarely do.
const PAGE_CACHE: &str = "public, max-age=300";
const FILE_CACHE: &str = "public, max-age=86400";

impl CachePolicy {
    /// The patterns were checked with the configuration.
    fn new(written: &[(String, String)]) -> Self {
        let patterns = written
            .iter()
            .filter_map(|(pattern, value)| Some((cache_pattern(pattern).ok()?, value.clone())))
            .collect();
        CachePolicy { patterns }
    }

    fn for_path(&self, path: &str) -> &str {
        if let Some((_, value)) = self.patterns.iter().find(|(glob, _)| glob.is_match(path)) {
            return value;
        }
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
        match extension {
            "html" | "xml" | "json" | "txt" => PAGE_CACHE,
            _ => FILE_CACHE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_go_before_items_before_pages_before_feeds() {
        assert_eq!(upload_class("static/style.css"), FILES);
        assert_eq!(upload_class("files/2024/03/kaigong/现场-960.webp"), FILES);
        assert_eq!(upload_class("hans/2024/03/kaigong/index.html"), ITEMS);
        assert_eq!(upload_class("hans/index.html"), PAGES);
        assert_eq!(upload_class("hans/2024/03/index.html"), PAGES);
        assert_eq!(upload_class("hans/search-index/shards/12.bin"), PAGES);
        assert_eq!(upload_class("hans/atom.xml"), FEEDS);
        assert_eq!(upload_class("sitemap.xml"), FEEDS);
    }

    fn file(path: &str) -> SiteFile {
        SiteFile {
            path: path.into(),
            local: path.into(),
            size: 1,
        }
    }

    #[test]
    fn the_plan_uploads_what_differs_and_deletes_what_is_gone() {
        let files = [file("index.html"), file("a.css"), file("hans/index.html")];
        let digests = ["d1".to_string(), "d2".into(), "d3".into()];
        let remote = HashMap::from([
            ("index.html".to_string(), "d1".to_string()),
            ("hans/index.html".into(), "old".into()),
            ("gone.html".into(), "d9".into()),
        ]);
        let plan = Plan::new(&files, &digests, &remote);
        let uploads: Vec<_> = plan.uploads.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(uploads, ["a.css", "hans/index.html"]);
        assert_eq!(plan.deletes, ["gone.html"]);
    }

    #[test]
    fn cache_control_follows_the_first_matching_pattern_then_the_defaults() {
        let policy = CachePolicy::new(&[
            (
                "files/**".into(),
                "public, max-age=31536000, immutable".into(),
            ),
            ("*.css".into(), "no-cache".into()),
        ]);
        assert_eq!(
            policy.for_path("files/2024/03/a/b.webp"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(policy.for_path("static/theme/style.css"), "no-cache");
        assert_eq!(policy.for_path("hans/index.html"), PAGE_CACHE);
        assert_eq!(policy.for_path("static/logo.png"), FILE_CACHE);
    }
}
