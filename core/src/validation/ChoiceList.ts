import { foldText } from "./cellValues";

/**
 * A closed list matched on codes and labels (in both languages) with case, accents and spacing folded (see
 * foldText): "en elaboracion" finds "En elaboración". Build it once per list and look many values up in it: the
 * options are folded once, not for every cell.
 */
export class ChoiceList {
  private readonly byKey = new Map<string, string>();
  /** Texts already looked up, as typed: a roster or an export repeats a handful of values many times. */
  private readonly seen = new Map<string, string | undefined>();

  constructor(
    options: ReadonlyArray<{ code: string; labels: readonly string[] }>,
    /** The accepted values as listed in messages. */
    readonly shown: string,
  ) {
    // The first option a text folds to wins, as when the options are tried in order.
    for (const o of options) {
      for (const label of [o.code, ...o.labels]) {
        const key = foldText(label);
        if (!this.byKey.has(key)) this.byKey.set(key, o.code);
      }
    }
  }

  /** The code of the option `text` names, or undefined. */
  find(text: string): string | undefined {
    if (this.seen.has(text)) return this.seen.get(text);
    const code = this.byKey.get(foldText(text));
    if (this.seen.size < 10_000) this.seen.set(text, code);
    return code;
  }
}
