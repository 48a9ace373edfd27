import type { LocalizedText } from "../i18n/Language";

/** The life of a deliverable (a directive, a regulation, a structure), in order. */
export const DELIVERABLE_STATUSES = ["NOT_STARTED", "IN_PREPARATION", "UNDER_REVIEW", "APPROVED", "IN_FORCE"] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

export const DELIVERABLE_STATUS_LABELS: Record<DeliverableStatus, LocalizedText> = {
  NOT_STARTED: { es: "No iniciado", en: "Not started" },
  IN_PREPARATION: { es: "En elaboración", en: "In preparation" },
  UNDER_REVIEW: { es: "En revisión", en: "Under review" },
  APPROVED: { es: "Aprobado", en: "Approved" },
  IN_FORCE: { es: "Vigente", en: "In force" },
};

/** Statuses that mean the document exists and so has an approval date. */
export const APPROVED_STATUSES: ReadonlySet<DeliverableStatus> = new Set(["APPROVED", "IN_FORCE"]);

export const ROSTER_ACTIVITY_LABELS: Record<"training" | "deployment", LocalizedText> = {
  training: { es: "Capacitación", en: "Training" },
  deployment: { es: "Despliegue", en: "Deployment" },
};
