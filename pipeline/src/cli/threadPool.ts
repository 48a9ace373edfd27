/**
 * libuv's thread pool (file reads and writes, and every DuckDB query node-api runs off the main thread) has four
 * threads by default, and on Linux each thread that allocates gets a glibc arena of its own, which keeps up to a
 * few MB of freed memory at its top for the rest of the run (bench/README.md, fourteenth and sixteenth sessions).
 * An ingest has at most two such jobs at a time (a file read ahead and a COMMIT), so two threads do the same
 * work there: side by side, 18,000 workbooks in one run peaked ~4 MB lower, no slower; the other commands' stages
 * (the whole demo, with four threads and with two) took the same time within 0.1 s.
 *
 * libuv reads the variable when the pool first starts, on the first job, so this module must be imported before
 * anything in the process uses the pool (main.ts imports it first). An operator's own setting is kept.
 */
export const THREAD_POOL_VARIABLE = "UV_THREADPOOL_SIZE";
export const THREAD_POOL_SIZE = "2";

export function configureThreadPool(env: NodeJS.ProcessEnv = process.env): void {
  if (env[THREAD_POOL_VARIABLE] === undefined) env[THREAD_POOL_VARIABLE] = THREAD_POOL_SIZE;
}

configureThreadPool();
