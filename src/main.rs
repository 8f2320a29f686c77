//! The `ogi` command line; it lives in the library (`src/cmd`) beside what it drives.

fn main() -> std::process::ExitCode {
    #[cfg(target_os = "linux")]
    no_transparent_huge_pages();
    ogi::internals::cli()
}

/// Transparent huge pages off for this process: mimalloc's arenas would otherwise be backed by
/// 2 MB pages, each zeroed whole on its first touch and resident whole. Measured on 1,800 real
/// report pages with `--jobs 2`: peak RSS about 100 → 75 MB, and less system time. The setting
/// only asks the kernel; a kernel without it changes nothing.
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of the process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

// Extraction allocates many small strings per cell; mimalloc measured ~10% faster than the
// system allocator on the benchmark corpus.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
