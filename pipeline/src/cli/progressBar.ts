/** A one-line progress bar on stderr, drawn only on a terminal; `done` clears it. */
export function createProgressBar(write: (text: string) => void, enabled: boolean) {
  let last = "";
  return {
    update(done: number, total: number, label: string) {
      if (!enabled || total === 0) return;
      const width = 24;
      const filled = Math.round((done / total) * width);
      const name = label.length > 40 ? `…${label.slice(-39)}` : label;
      const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${name}`;
      if (line !== last) write(`\r\x1b[2K${line}`);
      last = line;
    },
    done() {
      if (enabled && last !== "") write("\r\x1b[2K");
      last = "";
    },
  };
}
