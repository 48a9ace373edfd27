/**
 * Freezes an object and everything reachable from it, so that no use can change what later uses rely on (a
 * parsed catalog, a built layout). Objects already frozen are not walked again.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    // An array by index: Object.values would copy it first (a layout's cells are thousands, most already frozen).
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    else for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
