/** The variable DuckDB's bundled jemalloc reads its options from, and the value the pipeline gives it (see duckdb.ts). */
export const DUCKDB_ALLOCATOR_VARIABLE = "DUCKDB_JE_MALLOC_CONF";
/** Freed pages go back to the system at once instead of after 5 s (dirty, then "muzzy" pages). */
export const DUCKDB_ALLOCATOR_OPTIONS = "dirty_decay_ms:0,muzzy_decay_ms:0";

/** Gives DuckDB's allocator its options unless the environment already has some (an operator's own choice is kept). */
export function configureDuckDbAllocator(env: NodeJS.ProcessEnv = process.env): void {
  if (env[DUCKDB_ALLOCATOR_VARIABLE] === undefined) env[DUCKDB_ALLOCATOR_VARIABLE] = DUCKDB_ALLOCATOR_OPTIONS;
}

configureDuckDbAllocator();
