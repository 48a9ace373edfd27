/*
 * Prints the stack of every large allocation made through glibc's malloc/realloc (DuckDB's own allocations go
 * through its bundled jemalloc and are not seen; its C++ `new` is). A diagnostic for bench/README.md's memory
 * work, not part of the product. Linux only:
 *
 *   gcc -shared -fPIC -O1 -o /tmp/trace-large-mallocs.so bench/tools/trace-large-mallocs.c -ldl -lpthread
 *   TRACE_MIN_BYTES=400000 LD_PRELOAD=/tmp/trace-large-mallocs.so \
 *     node dist/pipeline/src/cli/main.js ingest FOLDER --db /tmp/t.duckdb > /dev/null 2> /tmp/large.log
 *   grep '^===' /tmp/large.log | sort | uniq -c | sort -rn      # then read a stack with c++filt
 *
 * TRACE_MIN_BYTES (default 400000) is the smallest size reported; TRACE_MAX_STACKS (default 60) how many.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *(*real_malloc)(size_t) = NULL;
static void *(*real_realloc)(void *, size_t) = NULL;
static __thread int inside = 0;
static long min_bytes = -1, max_stacks = -1, printed = 0;

static void report(const char *what, size_t n) {
  if (inside) return;
  inside = 1; /* getenv, backtrace and dprintf may allocate themselves */
  if (min_bytes < 0) {
    const char *m = getenv("TRACE_MIN_BYTES"), *s = getenv("TRACE_MAX_STACKS");
    min_bytes = m ? atol(m) : 400000;
    max_stacks = s ? atol(s) : 60;
  }
  if ((long)n >= min_bytes && __atomic_fetch_add(&printed, 1, __ATOMIC_RELAXED) < max_stacks) {
    void *frames[24];
    int k = backtrace(frames, 24);
    dprintf(2, "=== %s %zu\n", what, n);
    backtrace_symbols_fd(frames, k, 2);
  }
  inside = 0;
}

void *malloc(size_t n) {
  if (!real_malloc) real_malloc = dlsym(RTLD_NEXT, "malloc");
  report("malloc", n);
  return real_malloc(n);
}

void *realloc(void *p, size_t n) {
  if (!real_realloc) real_realloc = dlsym(RTLD_NEXT, "realloc");
  report("realloc", n);
  return real_realloc(p, n);
}
