import { execFileSync } from "node:child_process";
import path from "node:path";
import { configureThreadPool, THREAD_POOL_SIZE, THREAD_POOL_VARIABLE } from "../../../pipeline/src/cli/threadPool";

// The command keeps libuv's thread pool to two threads (pipeline/src/cli/threadPool.ts): fewer glibc arenas in a
// long ingest. libuv reads the size when the pool starts, so the setting must come before the first job; these
// tests load the compiled command as bin/pa1325.js does and count the threads the pool's first job starts.

const MAIN = path.join(__dirname, "..", "..", "..", "dist", "pipeline", "src", "cli", "main.js");

/** Threads started by the first job given to libuv's pool, in a fresh Node process that loaded the command. */
function poolThreads(env: NodeJS.ProcessEnv): number {
  const script = `
    const fs = require("node:fs");
    require(${JSON.stringify(MAIN)});
    const threads = () => fs.readdirSync("/proc/self/task").length;
    const before = threads();
    fs.stat(".", () => console.log(threads() - before));`;
  return Number(execFileSync(process.execPath, ["-e", script], { env, encoding: "utf8" }).trim());
}

describe("libuv's thread pool", () => {
  const { [THREAD_POOL_VARIABLE]: _ours, ...withoutSetting } = process.env;

  it("has two threads once the command is loaded", () => {
    expect(poolThreads(withoutSetting)).toBe(Number(THREAD_POOL_SIZE));
  });

  it("keeps an operator's own size", () => {
    expect(poolThreads({ ...withoutSetting, [THREAD_POOL_VARIABLE]: "5" })).toBe(5);
  });

  it("is set only where the environment has none", () => {
    const env: NodeJS.ProcessEnv = {};
    configureThreadPool(env);
    expect(env[THREAD_POOL_VARIABLE]).toBe(THREAD_POOL_SIZE);
    const own: NodeJS.ProcessEnv = { [THREAD_POOL_VARIABLE]: "8" };
    configureThreadPool(own);
    expect(own[THREAD_POOL_VARIABLE]).toBe("8");
  });
});
