/** The variable DuckDB's bundled jemalloc reads its options from, and the value the pipeline gives it (see duckdb.ts). */
export const DUCKDB_ALLOCATOR_VARIABLE = "DUCKDB_JE_MALLOC_CONF";
/** Freed pages go back to the system at once instead of after 5 s (dirty, then "muzzy" pages). */
export const DUCKDB_ALLOCATOR_OPTIONS = "dirty_decay_ms:0,muzzy_decay_ms:0";
/** For a short ingest: freed pages are kept for a second, to be used again, before they go back. */
export const DUCKDB_ALLOCATOR_OPTIONS_SHORT_RUN = "dirty_decay_ms:1000,muzzy_decay_ms:1000";
/**
 * The most workbooks an ingest run takes with DUCKDB_ALLOCATOR_OPTIONS_SHORT_RUN. Giving pages back at once costs
 * time (a system call per page run freed, and page faults when they are needed again); keeping them a second costs
 * memory that grows with the run. Side by side on two cores (bench/README.md, "DuckDB's allocator, by run"): 1,000
 * files 2.42–2.54 s and 214–223 MB against 2.61–2.74 s and 198–208 MB; 3,000 files 6.4 s and 259 MB against 6.7 s
 * and 228 MB; 6,000 files 290 MB against 243; 18,000 files 314 MB against 273–276 MB. Up to 3,000 the peak stays
 * well under the 300 MB the ingest is held to; beyond, memory comes first.
 */
export const SHORT_RUN_FILES = 3000;

/** Gives DuckDB's allocator its options unless the environment already has some (an operator's own choice is kept). */
export function configureDuckDbAllocator(env: NodeJS.ProcessEnv = process.env): void {
  if (env[DUCKDB_ALLOCATOR_VARIABLE] === undefined) env[DUCKDB_ALLOCATOR_VARIABLE] = DUCKDB_ALLOCATOR_OPTIONS;
}

/** Whether this process was started with allocator options of its own (an operator's choice, never changed). */
const operatorChose = process.env[DUCKDB_ALLOCATOR_VARIABLE] !== undefined;

configureDuckDbAllocator();

/**
 * Before an ingest of `files` workbooks loads DuckDB in this process: the options for a run of that length (see
 * SHORT_RUN_FILES), unless the operator chose some. Has no effect once DuckDB's library has been loaded (its
 * allocator reads the variable once), which is why the command calls it before starting the ingest's thread.
 */
export function configureDuckDbAllocatorForRun(files: number, env: NodeJS.ProcessEnv = process.env, operatorChoice: boolean = operatorChose): void {
  if (operatorChoice) return;
  env[DUCKDB_ALLOCATOR_VARIABLE] = files <= SHORT_RUN_FILES ? DUCKDB_ALLOCATOR_OPTIONS_SHORT_RUN : DUCKDB_ALLOCATOR_OPTIONS;
}
