/** Groups rows by a key, keeping the first-seen order of keys and of rows within a key. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** A code made safe for an HTML id. */
export function slug(code: string): string {
  return code.replace(/[^A-Za-z0-9_-]/g, "_");
}
