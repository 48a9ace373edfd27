/**
 * The UN's monthly monitoring of the Uniformed Gender Parity Strategy colours each contributing country per
 * category: green meets or exceeds the target, yellow contributes some women (at least 0.1 %) below target, red
 * contributes no women (domain reference §3). Without a target for the year, there is no colour.
 */
export type ParityStatus = "green" | "yellow" | "red" | "no-target";

/** Shares and targets are percentages (0–100). */
export function parityStatus(womenSharePct: number, targetPct: number | null): ParityStatus {
  if (targetPct === null) return "no-target";
  if (womenSharePct >= targetPct) return "green";
  if (womenSharePct >= 0.1) return "yellow";
  return "red";
}

export const PARITY_STATUS_LABELS: Record<ParityStatus, { es: string; en: string }> = {
  green: { es: "verde (cumple la meta)", en: "green (meets the target)" },
  yellow: { es: "amarillo (por debajo de la meta)", en: "yellow (below target)" },
  red: { es: "rojo (sin mujeres)", en: "red (no women)" },
  "no-target": { es: "sin meta para el año", en: "no target for the year" },
};
