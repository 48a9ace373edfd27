/**
 * Freezes an object and everything reachable from it, so that no use can change what later uses rely on (a
 * parsed catalog, a built layout). Objects already frozen are not walked again.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
