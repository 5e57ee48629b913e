// mimalloc: the build allocates hundreds of thousands of page strings from every thread at
// once, where glibc's allocator slows as the heap grows (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    bulletin::cli::main()
}
