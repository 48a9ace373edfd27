import { spawn } from "node:child_process";
import path from "node:path";

/**
 * Another process holding a database open until `release`: as a running ingest does (DuckDB's exclusive lock), or
 * with `readOnly` as an analyst's own read-only queries do (a shared lock). Uses the compiled pipeline (npm test
 * builds it first).
 */
export async function holdDatabase(file: string, options: { readOnly?: boolean } = {}): Promise<{ pid: number; release(): Promise<void> }> {
  const database = path.join(__dirname, "..", "..", "dist", "pipeline", "src", "db", "Database.js");
  const holder = spawn(process.execPath, ["-e", `require(${JSON.stringify(database)}).openDatabase(${JSON.stringify(file)}, ${JSON.stringify(options)}).then(() => { console.log("open"); setInterval(() => {}, 1000); })`]);
  const exited = new Promise((resolve) => holder.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on("data", (d: Buffer) => d.toString().includes("open") && resolve());
    holder.on("exit", (code) => reject(new Error(`the holder exited (${code})`)));
  });
  return {
    pid: holder.pid!,
    async release() {
      holder.kill();
      await exited;
    },
  };
}
