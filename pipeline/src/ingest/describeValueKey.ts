import { SEX_DIMENSION, type Catalog } from "../../../core/src/catalog/Catalog";
import { dimensionValues, findIndicator } from "../../../core/src/catalog/catalogQueries";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import { DELIVERABLE_STATUS_LABELS } from "../../../core/src/layout/deliverableStatus";
import { deliverableStatusKey } from "../../../core/src/layout/rowKeys";

/** What separates a deliverable's indicator from its status in deliverableStatusKey's keys ("|*status="). */
const STATUS_MARKER = deliverableStatusKey("", "");

/**
 * A stored value's key in words, for the analyst reading what a resubmission changed: `PREV-2.1|category=OFICIALES;sex=F`
 * (valueKey) is "PREV-2.1 · Oficiales · Mujeres", the breakdown in the order the indicator lists its dimensions;
 * a deliverable's status (`PREV-3.1|*status=APPROVED`) is "PREV-3.1 · estado «Aprobado»". A code the catalog
 * does not know (a value stored under an older catalog) is shown as it is.
 */
export function describeValueKey(catalog: Catalog, key: string): LocalizedText {
  // A catalog has a few hundred breakdowns, and a folder of resubmissions names them again and again (1,000 files:
  // 26,000 changes, which made in words each time cost the run 0.2 s of CPU).
  let known = labels.get(catalog);
  if (!known) labels.set(catalog, (known = new Map()));
  let label = known.get(key);
  if (label === undefined) {
    if (known.size >= MAX_REMEMBERED) known.clear();
    label = Object.freeze(describe(catalog, key));
    known.set(key, label);
  }
  return label;
}

const labels = new WeakMap<Catalog, Map<string, LocalizedText>>();
/** More keys than any catalog has breakdowns: only keys the catalog does not know could come this far. */
const MAX_REMEMBERED = 10_000;

function describe(catalog: Catalog, key: string): LocalizedText {
  const deliverable = deliverableStatusOf(key);
  if (deliverable) {
    const label = deliverableStatusLabel(deliverable.status);
    return { es: `${deliverable.indicator} · estado «${label.es}»`, en: `${deliverable.indicator} · status "${label.en}"` };
  }
  const bar = key.indexOf("|");
  const code = bar < 0 ? key : key.slice(0, bar);
  const breakdown = bar < 0 ? "" : key.slice(bar + 1);
  const pairs = breakdown === "" ? [] : breakdown.split(";").map((pair) => splitPair(pair));
  // As the template reads: the indicator's own order of dimensions, women and men last.
  const order = (findIndicator(catalog, code)?.indicator.dimensions.map((d) => d.dimension) ?? []).filter((d) => d !== SEX_DIMENSION);
  const rank = (dimension: string) => (dimension === SEX_DIMENSION ? order.length + 1 : order.includes(dimension) ? order.indexOf(dimension) : order.length);
  pairs.sort((a, b) => rank(a.dimension) - rank(b.dimension));
  const words = (lang: keyof LocalizedText) => [code, ...pairs.map(({ dimension, value }) => valueName(catalog, dimension, value, lang))];
  return { es: words("es").join(" · "), en: words("en").join(" · ") };
}

/** A dimension value's name; a UN mission by its acronym (MINUSCA), as everyone names it. */
function valueName(catalog: Catalog, dimension: string, value: string, lang: keyof LocalizedText): string {
  const spec = catalog.dimensions[dimension];
  if (spec && "reference" in spec && spec.reference === "missions") return value;
  return dimensionValues(catalog, dimension).find((v) => v.code === value)?.name[lang] ?? value;
}

/** A deliverable's status in words ("Aprobado"), or the code itself when it is not one the product knows. */
export function deliverableStatusLabel(status: string): LocalizedText {
  return Object.hasOwn(DELIVERABLE_STATUS_LABELS, status) ? DELIVERABLE_STATUS_LABELS[status as keyof typeof DELIVERABLE_STATUS_LABELS] : { es: status, en: status };
}

/** The status a deliverable's key holds (`PREV-3.1|*status=APPROVED` → indicator PREV-3.1, APPROVED); undefined for a value's key. */
export function deliverableStatusOf(key: string): { indicator: string; status: string } | undefined {
  const at = key.indexOf(STATUS_MARKER);
  return at < 0 ? undefined : { indicator: key.slice(0, at), status: key.slice(at + STATUS_MARKER.length) };
}

function splitPair(pair: string): { dimension: string; value: string } {
  const eq = pair.indexOf("=");
  return eq < 0 ? { dimension: pair, value: "" } : { dimension: pair.slice(0, eq), value: pair.slice(eq + 1) };
}
