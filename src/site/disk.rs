//! Work that waits on the disk rather than the CPU: reading many small files, or checking
//! many files' states. It runs on more threads than there are cores, so that the disk always
//! has requests to serve: a solid-state or virtual disk serves many at once, and one request at
//! a time per core leaves it idle (a million items' files are read twice as fast this way).

/// Requests in flight: enough for a solid-state or virtual disk, few enough to cost little
/// (the states of 500,000 pages, looked up with nothing cached, took 10.2–10.4 s on 16
/// threads and 7.3–7.5 s on 64; 128 gained nothing more). `BULLETIN_DISK_THREADS` sets
/// another number (1 for a spinning disk, where requests at once make it seek).
const DISK_THREADS: usize = 64;

fn disk_threads() -> usize {
    std::env::var("BULLETIN_DISK_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DISK_THREADS)
}

/// Threads for work that waits on the disk.
pub struct DiskPool(Option<rayon::ThreadPool>);

impl DiskPool {
    /// The threads, started; where they cannot be, the work runs on the usual ones.
    pub fn new() -> Self {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(disk_threads())
            .thread_name(|n| format!("bulletin-disk-{n}"))
            .build();
        DiskPool(pool.ok())
    }

    /// Threads for `count` files: the usual ones for a few (a rebuild that reads the files
    /// an editor saved), the disk's for many.
    pub fn for_files(count: usize) -> Self {
        match count > DISK_THREADS * 64 {
            true => DiskPool::new(),
            false => DiskPool(None),
        }
    }

    /// Runs `work` with its parallel iterators on the disk's threads.
    pub fn run<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        match &self.0 {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }
}

impl Default for DiskPool {
    fn default() -> Self {
        DiskPool::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn work_runs_on_the_disk_threads() {
        let pool = DiskPool::new();
        let names: Vec<String> = pool.run(|| {
            (0..64)
                .into_par_iter()
                .map(|_| std::thread::current().name().unwrap_or("").to_string())
                .collect()
        });
        assert!(
            names.iter().all(|name| name.starts_with("bulletin-disk-")),
            "{names:?}"
        );
        assert_eq!(pool.run(|| 6 * 7), 42);
        assert!(DiskPool::for_files(3).0.is_none());
    }
}
