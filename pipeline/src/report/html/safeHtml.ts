/** Markup that is already safe: built by `html` from fixed template text and escaped values. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | readonly Part[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(part: Part): string {
  if (part === null || part === undefined) return "";
  if (part instanceof SafeHtml) return part.value;
  if (typeof part === "number") {
    if (!Number.isFinite(part)) throw new RangeError(`not a finite number: ${part}`);
    return String(part);
  }
  if (typeof part === "string") return escapeHtml(part);
  return part.map(render).join("");
}

/**
 * The only way the page is built: every interpolated string is escaped; only SafeHtml (made by this function)
 * passes through. Nothing from the data can open a tag, close an attribute or start a script.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new SafeHtml(out);
}
