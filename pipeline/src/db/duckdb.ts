/*
 * The one way the pipeline loads DuckDB (@duckdb/node-api): the allocator's setting below must be in the process's
 * environment before the library is loaded, whichever command, thread or test loads it first.
 *
 * DuckDB's library links its own jemalloc (symbols `duckdb_je_*`), built to keep pages it has freed for 5 s before
 * giving them back to the system. Ingestion frees and reallocates DuckDB's memory quickly (a transaction of 50
 * files every ~60 ms, checkpoints), so that delay alone held 20 to 60 MB; with DuckDB's `memory_limit` on the
 * ingest's connection (Database.ts), what the buffer manager lets go is given back at once. Measured side by side
 * (bench/README.md): 1,000 / 3,000 / 9,000 files 231 / 270 / 335 to 380 MB → 215 / 245 / 273 MB, the same time at 1,000
 * files and ~4% more at 3,000. `DUCKDB_JE_MALLOC_CONF` is that jemalloc's MALLOC_CONF (the variable named after the
 * build's prefix); a value the user set is kept. `pa1325 ingest` chooses again for its run before its thread loads
 * DuckDB: a short run keeps freed pages a second (faster, far under the memory cap; duckdbAllocator.ts). Set through `process.env`, which in the main thread is the
 * process's own environment (in a worker thread it is a copy: the main thread loads this module first).
 */
import "./duckdbAllocator";

export * from "@duckdb/node-api";
