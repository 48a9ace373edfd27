import actionPlan from "../../core/catalog/action-plan-2021.json";
import type { Catalog } from "../../core/src/catalog/Catalog";
import { parseCatalog } from "../../core/src/catalog/parseCatalog";

type Raw = {
  version: string;
  effectiveFrom: string;
  previous: unknown;
  areas: Array<{ objectives: Array<{ actions: Array<{ code: string; indicators: Array<Record<string, unknown> & { code: string }> }> }> }>;
};

/**
 * A Committee revision of the 2021 catalog, as the Committee would write it: version 2026.1 from 2026-S1,
 * PREV-2.2 renamed PREV-2.2a, PROT-2.3 split into PROT-2.3a and PROT-2.3b, RR-1.2 retired (RR-1.2a new), and
 * PREV-1.1's text changed.
 */
export function catalogRevision(): Catalog {
  const raw = JSON.parse(JSON.stringify(actionPlan)) as Raw;
  const note = { es: "nota", en: "note" };
  const action = (code: string) => raw.areas.flatMap((a) => a.objectives).flatMap((o) => o.actions).find((a) => a.code === code)!;
  raw.version = "2026.1";
  raw.effectiveFrom = "2026-S1";
  action("PREV-2.2").indicators[0]!.code = "PREV-2.2a";
  const prot23 = action("PROT-2.3");
  const [old] = prot23.indicators;
  prot23.indicators = [
    { ...old!, code: "PROT-2.3a", dimensions: [] },
    { ...old!, code: "PROT-2.3b", dimensions: [] },
  ];
  const rr12 = action("RR-1.2");
  rr12.indicators = [{ ...rr12.indicators[0]!, code: "RR-1.2a" }];
  action("PREV-1.1").indicators[0]!.text = { es: "Personas capacitadas en género.", en: "People trained on gender." };
  raw.previous = {
    version: "2021.1",
    mappings: [
      { kind: "rename", from: "PREV-2.2", to: "PREV-2.2a", note },
      { kind: "split", from: "PROT-2.3", to: ["PROT-2.3a", "PROT-2.3b"], note },
      { kind: "retire", from: "RR-1.2", note },
    ],
  };
  return parseCatalog(raw, "revision.json");
}
