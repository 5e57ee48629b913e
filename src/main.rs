// mimalloc: the build allocates hundreds of thousands of page strings from every thread at
// once, where glibc's allocator slows as the heap grows (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // No transparent huge pages: mimalloc asks for them, and the kernel then zeroes and
    // compacts memory 2 MB at a time. A build with nothing changed at 100,000 items spent a
    // third of its time there (BENCHMARKS.md, "Huge pages").
    // SAFETY: prctl with these arguments only sets this process's memory policy.
    unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    bulletin::cli::main()
}
