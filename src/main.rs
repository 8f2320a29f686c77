//! The `ogi` command line; it lives in the library (`src/cmd`) beside what it drives.

fn main() -> std::process::ExitCode {
    ogi::internals::cli()
}

// Extraction allocates many small strings per cell; mimalloc measured ~10% faster than the
// system allocator on the benchmark corpus.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
