import { COURSE_OR_MISSION_MAX_LENGTH, HOURS_MAX } from "../../../core/src/layout/buildRosterSheet";
import { foldText } from "../../../core/src/validation/cellValues";
import type { TrainingRow } from "../db/masterDataStore";
import type { DatasetSpec } from "./DatasetSpec";
import { readNumberCell, readTextCell } from "./masterCells";
import { courseTypeReader } from "./masterChoices";
import { checkDateOrder, dateRead, repeatedRow, END_DATE_COLUMN, SERVICE_NUMBER_COLUMN, serviceNumberRead, START_DATE_COLUMN } from "./commonColumns";

export type TrainingField = "service_number" | "course" | "provider" | "course_type" | "start_date" | "end_date" | "hours";
export type TrainingInput = Omit<TrainingRow, "personId"> & { serviceNumber: string };

export const PROVIDER_MAX_LENGTH = 80;

const duplicateCourse = repeatedRow({ es: "la persona, el curso y la fecha de inicio", en: "person, course and start date" });

/** Courses people took (CECOPAZ and others): one row per person and course. */
export const trainingSpec: DatasetSpec<TrainingField, TrainingInput> = {
  dataset: "training",
  columns: [
    SERVICE_NUMBER_COLUMN,
    { field: "course", names: ["course", "curso"], required: true, what: { es: "el curso", en: "the course" } },
    { field: "provider", names: ["provider", "proveedor"], required: true, what: { es: "el proveedor", en: "the provider" } },
    { field: "course_type", names: ["course_type", "tipo_curso", "tipo_de_curso"], required: true, what: { es: "el tipo de curso", en: "the course type" } },
    START_DATE_COLUMN,
    END_DATE_COLUMN,
    { field: "hours", names: ["hours", "horas"], required: false, what: { es: "las horas", en: "the hours" } },
  ],
  prepare({ catalog, date1904 }) {
    const serviceNumber = serviceNumberRead(catalog);
    const courseType = courseTypeReader(catalog);
    const date = dateRead(date1904);
    return {
      parse(row) {
        const sn = row.take("service_number", serviceNumber);
        const course = row.take("course", (v) => readTextCell(v, COURSE_OR_MISSION_MAX_LENGTH));
        const provider = row.take("provider", (v) => readTextCell(v, PROVIDER_MAX_LENGTH));
        const type = row.take("course_type", courseType);
        const start = row.take("start_date", date);
        const end = row.take("end_date", date);
        const hours = row.take("hours", (v) => readNumberCell(v, { min: 0, max: HOURS_MAX, whole: false }));
        checkDateOrder(row, "end_date", start, end);
        if (sn !== null && course !== null && start !== null) row.unique("service_number", `${sn}|${foldText(course)}|${start}`, duplicateCourse);
        if (sn === null || course === null || provider === null || type === null || start === null || !row.ok) return null;
        return { serviceNumber: sn, course, provider, courseType: type, startDate: start, endDate: end, hours };
      },
    };
  },
};
