// jemalloc's settings for every Keruen executable. cmake/KeruenTargets.cmake adds this file
// only to the executables it links with jemalloc; jemalloc reads the symbol at start-up, and
// the MALLOC_CONF environment variable still overrides it.
//
// Freed pages are kept for reuse and never handed back to the system (no dirty or muzzy
// decay). A Keruen process's memory is mostly the engines' state, which only grows while it
// runs; handing freed pages back (madvise) and faulting them in again cost the end-to-end risk
// loop 14-17 % and the screening query p99 a third (bench/README.md). The price is resident
// memory after a peak: the 1,000,000-name screening benchmark ends at 718 MB instead of 606 MB.
extern "C" {
const char* malloc_conf = "dirty_decay_ms:-1,muzzy_decay_ms:-1";
}
