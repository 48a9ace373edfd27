import type { DeploymentRow } from "../db/masterDataStore";
import type { DatasetSpec } from "./DatasetSpec";
import { missionReader, roleReader, unPersonnelTypeReader } from "./masterChoices";
import { checkDateOrder, dateRead, repeatedRow, END_DATE_COLUMN, SERVICE_NUMBER_COLUMN, serviceNumberRead, START_DATE_COLUMN } from "./commonColumns";

export type DeploymentsField = "service_number" | "mission" | "un_personnel_type" | "role" | "start_date" | "end_date";
export type DeploymentInput = Omit<DeploymentRow, "personId"> & { serviceNumber: string };

const duplicateDeployment = repeatedRow({ es: "la persona, la misión y la fecha de inicio", en: "person, mission and start date" });

/** Deployments to UN missions: one row per person and deployment; no end date means still deployed. */
export const deploymentsSpec: DatasetSpec<DeploymentsField, DeploymentInput> = {
  dataset: "deployments",
  columns: [
    SERVICE_NUMBER_COLUMN,
    { field: "mission", names: ["mission", "mision"], required: true, what: { es: "la misión", en: "the mission" } },
    {
      field: "un_personnel_type",
      names: ["un_personnel_type", "tipo_personal_onu", "tipo_de_personal_onu", "personnel_type"],
      required: true,
      what: { es: "el tipo de personal ONU", en: "the UN personnel type" },
    },
    { field: "role", names: ["role", "funcion"], required: false, what: { es: "la función", en: "the role" } },
    START_DATE_COLUMN,
    END_DATE_COLUMN,
  ],
  prepare({ catalog, date1904 }) {
    const serviceNumber = serviceNumberRead(catalog);
    const mission = missionReader(catalog);
    const type = unPersonnelTypeReader(catalog);
    const role = roleReader(catalog);
    const date = dateRead(date1904);
    return {
      parse(row) {
        const sn = row.take("service_number", serviceNumber);
        const m = row.take("mission", mission);
        const t = row.take("un_personnel_type", type);
        const r = row.take("role", role);
        const start = row.take("start_date", date);
        const end = row.take("end_date", date);
        checkDateOrder(row, "end_date", start, end);
        if (sn !== null && m !== null && start !== null) row.unique("service_number", `${sn}|${m}|${start}`, duplicateDeployment);
        if (sn === null || m === null || t === null || start === null || !row.ok) return null;
        return { serviceNumber: sn, mission: m, unPersonnelType: t, role: r, startDate: start, endDate: end };
      },
    };
  },
};
