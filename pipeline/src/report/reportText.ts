import type { Language, LocalizedText } from "../../../core/src/i18n/Language";
import { PARITY_STATUS_LABELS, type ParityStatus } from "../../../core/src/stats/parityStatus";
import type { CompletenessStatus, ExcludedSubmission, RosterConsistency } from "../../../core/src/stats/ReportData";
import { TREND_STATUS_LABELS, type TrendStatus } from "../../../core/src/stats/trendStatus";

/**
 * Every fixed text of the Committee pack (workbook, web page, data files), in both languages. Committee members
 * read each sheet and page on its own, so titles say what a table is and notes say how to read it. Texts that
 * take a value are functions of it; everything else is a plain LocalizedText.
 */
export const REPORT_TEXT = {
  packTitle: { es: "Plan de Acción 1325 del Sector Defensa: informe semestral", en: "Defence Sector 1325 Action Plan: semester report" },
  packSubtitle: {
    es: "Ministerio de Defensa del Perú · Resolución 1325 del Consejo de Seguridad de las Naciones Unidas, «Mujeres, Paz y Seguridad» · Para el Comité de Igualdad de Género",
    en: "Ministry of Defence of Peru · UN Security Council Resolution 1325, \"Women, Peace and Security\" · For the Committee for Gender Equality",
  },
  internalExplanation: {
    es: "Copia de trabajo del Comité SIN protección de cifras pequeñas: contiene recuentos que pueden identificar a personas. No la difunda, no la adjunte a correos y destrúyala al terminar.",
    en: "The Committee's working copy WITHOUT small-number protection: it holds counts that can identify people. Do not circulate it or attach it to emails, and destroy it when done.",
  },
  period: { es: "Semestre", en: "Semester" },
  dataAsOf: { es: "Datos al", en: "Data as of" },
  noDataYet: { es: "sin datos cargados", en: "no data loaded" },
  generatedAt: { es: "Generado el", en: "Generated on" },
  catalogVersion: { es: "Versión del catálogo de indicadores", en: "Indicator catalog version" },
  wordingPending: {
    es: "La redacción en español de los indicadores de esta versión del catálogo aún espera la aprobación del Comité.",
    en: "The Spanish wording of the indicators in this catalog version still awaits the Committee's approval.",
  },
  suppressionTitle: { es: "Protección de cifras pequeñas", en: "Small-number protection" },
  suppressionOff: {
    es: "No aplicada: todas las cifras se muestran tal como se calcularon.",
    en: "Not applied: every figure is shown as computed.",
  },
  howToRead: { es: "Cómo leer este informe", en: "How to read this report" },
  legendTitle: { es: "Leyenda", en: "Legend" },
  withheld: { es: "oculta", en: "hidden" },
  legendWithheld: {
    es: "«oculta»: cifra calculada (porcentaje, variación) a partir de recuentos ocultos; se oculta también.",
    en: "«hidden»: a figure worked out (share, change) from hidden counts; it is hidden too.",
  },
  legendNone: { es: "«—»: sin dato (no se reportó o no corresponde).", en: "«—»: no figure (not reported, or not applicable)." },
  legendNotComparable: {
    es: "«†»: la cifra incluye valores de una versión anterior del catálogo cuyo indicador se dividió o fusionó; compárela con cautela.",
    en: "«†»: the figure includes values from an older catalog version whose indicator was split or merged; compare with care.",
  },
  legendColours: {
    es: "Los colores acompañan siempre a un texto: el texto basta para leer el estado.",
    en: "Colours always come with a text: the text alone tells the status.",
  },
  contents: { es: "Contenido", en: "Contents" },
  sourcesTitle: { es: "Fuentes de este informe", en: "Sources of this report" },
  submissionsTitle: { es: "Informes considerados", en: "Reports included" },
  submissionsIntro: {
    es: "Los archivos enviados por las instituciones cuyos datos forman este informe (la última versión aceptada de cada una).",
    en: "The files the institutions sent whose data make up this report (each one's latest accepted version).",
  },
  excludedTitle: { es: "Archivos no considerados", en: "Files left out" },
  excludedIntro: {
    es: "Archivos recibidos que no forman parte de este informe, con el motivo.",
    en: "Files received that are not part of this report, with the reason.",
  },
  noneReceived: { es: "Ninguno.", en: "None." },
  colInstitution: { es: "Institución", en: "Institution" },
  colPeriod: { es: "Semestre", en: "Semester" },
  colVersion: { es: "Versión", en: "Version" },
  colFile: { es: "Archivo", en: "File" },
  colSha256: { es: "Huella SHA-256 (inicio)", en: "SHA-256 fingerprint (start)" },
  colReceived: { es: "Recibido (UTC)", en: "Received (UTC)" },
  colLate: { es: "Fuera de plazo", en: "Late" },
  colWarnings: { es: "Advertencias", en: "Warnings" },
  colReason: { es: "Motivo", en: "Reason" },
  colDetail: { es: "Detalle", en: "Detail" },
  colCode: { es: "Código", en: "Code" },
  colIndicator: { es: "Indicador", en: "Indicator" },
  colIndicatorBreakdown: { es: "Indicador / desagregación", en: "Indicator / breakdown" },
  colArea: { es: "Área", en: "Area" },
  colMeasure: { es: "Medida", en: "Measure" },
  colUnit: { es: "Unidad", en: "Unit" },
  colBreakdownKey: { es: "Clave de la desagregación", en: "Breakdown key" },
  colBreakdown: { es: "Desagregación", en: "Breakdown" },
  colSex: { es: "Sexo", en: "Sex" },
  colValue: { es: "Valor", en: "Value" },
  colWomen: { es: "Mujeres", en: "Women" },
  colMen: { es: "Hombres", en: "Men" },
  colTotalValue: { es: "Total / valor", en: "Total / value" },
  colTotal: { es: "Total", en: "Total" },
  colSuppressed: { es: "Oculta", en: "Hidden" },
  colInstitutionsReporting: { es: "Instituciones que reportan", en: "Institutions reporting" },
  colComparable: { es: "Comparable", en: "Comparable" },
  colStatus: { es: "Estado", en: "Status" },
  colProgress: { es: "Avance (%)", en: "Progress (%)" },
  colApprovalDate: { es: "Fecha de aprobación", en: "Approval date" },
  colReference: { es: "Documento de referencia", en: "Reference document" },
  colSeries: { es: "Serie", en: "Series" },
  colChange: { es: "Variación", en: "Change" },
  colChangePct: { es: "Variación (%)", en: "Change (%)" },
  colCumulativeToDate: { es: "Acumulado a la fecha", en: "Running total" },
  colBaseline: { es: "Línea base", en: "Baseline" },
  colTarget: { es: "Meta", en: "Target" },
  colTargetPeriod: { es: "Semestre de la meta", en: "Target semester" },
  colMonth: { es: "Mes", en: "Month" },
  colParityCategory: { es: "Categoría ONU", en: "UN category" },
  colMission: { es: "Misión", en: "Mission" },
  colUnPersonnelType: { es: "Tipo de personal ONU", en: "UN personnel type" },
  colWomenShare: { es: "Mujeres (%)", en: "Women (%)" },
  colTargetPct: { es: "Meta ONU (%)", en: "UN target (%)" },
  colUnShare: { es: "Mujeres, todos los países (% ONU)", en: "Women, all countries (UN %)" },
  colPeruUnShare: { es: "Mujeres, Perú según la ONU (%)", en: "Women, Peru per UN data (%)" },
  colTargetSource: { es: "Fuente de la meta", en: "Target source" },
  colCategory: { es: "Categoría de personal", en: "Personnel category" },
  colRank: { es: "Grado", en: "Rank" },
  colReported: { es: "Reportado", en: "Reported" },
  colListed: { es: "En el registro", en: "On the roster" },
  colResult: { es: "Resultado", en: "Result" },
  colUnknownSex: { es: "Sin dato de sexo", en: "Sex not known" },
  colPersonnelInstitution: { es: "Institución (según datos de personal)", en: "Institution (per personnel data)" },
  areaTitle: { es: "Resumen del área", en: "Area summary" },
  areaIntro: {
    es: "Valores del semestre por institución. Indicadores de personas: mujeres y hombres lado a lado, y el total; demás indicadores: el valor. La primera fila de cada indicador es su total; debajo, sus desagregaciones.",
    en: "The semester's values by institution. Indicators of people: women and men side by side, and the total; other indicators: the value. Each indicator's first row is its total; its breakdowns follow.",
  },
  areaInstitutionsNote: { es: "Instituciones", en: "Institutions" },
  allInstitutions: { es: "Todas las instituciones", en: "All institutions" },
  deliverablesTitle: { es: "Entregables (directivas, normas y estructuras)", en: "Deliverables (directives, regulations and structures)" },
  deliverablesIntro: {
    es: "Estado de cada entregable al cierre del semestre, por institución.",
    en: "Each deliverable's status at the end of the semester, by institution.",
  },
  trendsTitle: { es: "Tendencias por semestre", en: "Trends by semester" },
  trendsIntro: {
    es: "Cada indicador (todas las instituciones juntas) a lo largo de los semestres, con su variación y, cuando el Comité la fijó, su meta.",
    en: "Each indicator (all institutions together) across semesters, with its change and, where the Committee set one, its target.",
  },
  trendChartsTitle: { es: "Evolución de cada indicador", en: "Each indicator over time" },
  trendGapNote: {
    es: "Un hueco en la línea marca un semestre sin cifra publicable: «<k» oculta, «—» sin dato.",
    en: "A gap in a line marks a semester with no publishable figure: «<k» hidden, «—» no figure.",
  },
  trendGapNoteInternal: {
    es: "Un hueco en la línea marca un semestre sin dato («—»).",
    en: "A gap in a line marks a semester with no figure («—»).",
  },
  parityTitle: { es: "Paridad de género en operaciones de paz (ONU)", en: "Gender parity in peace operations (UN)" },
  parityIntro: {
    es: "Porcentaje de mujeres entre el personal peruano desplegado, frente a la meta anual de la Estrategia de Paridad de Género del Personal Uniformado de la ONU. Filas mensuales: personal desplegado el último día del mes; fila del semestre: todas las personas desplegadas en él.",
    en: "Women's share of Peruvian personnel deployed, against the yearly target of the UN Uniformed Gender Parity Strategy. Monthly rows: personnel deployed on the month's last day; semester row: everyone deployed during it.",
  },
  parityChartTitle: { es: "Mujeres desplegadas frente a la meta ONU, por categoría", en: "Women deployed against the UN target, by category" },
  parityColoursNote: {
    es: "Verde: cumple la meta. Amarillo: hay mujeres, por debajo de la meta. Rojo: ninguna mujer. Sin color: la ONU no fijó meta para ese año.",
    en: "Green: meets the target. Yellow: some women, below the target. Red: no women. No colour: the UN set no target for that year.",
  },
  semesterRow: { es: "Semestre completo", en: "Whole semester" },
  personnelTitle: { es: "Mujeres en el personal, por institución, categoría y grado", en: "Women in the personnel, by institution, category and rank" },
  personnelIntro: {
    es: "Línea de base de «De la Aceptación a la Inclusión»: cuántas mujeres y hombres hay en cada institución, categoría y grado.",
    en: "Baseline for \"From Acceptance to Inclusion\": how many women and men there are in each institution, category and rank.",
  },
  personnelAsOf: { es: "Datos de personal al", en: "Personnel data as of" },
  completenessTitle: { es: "Reportes recibidos por institución e indicador", en: "Reports received by institution and indicator" },
  completenessIntro: {
    es: "Qué reportó cada institución en el semestre. Cada celda lleva una marca corta; la leyenda dice qué significa.",
    en: "What each institution reported in the semester. Each cell holds a short mark; the legend says what it means.",
  },
  deadline: { es: "Plazo de envío", en: "Deadline" },
  rosterTitle: { es: "Registros nominales frente a lo reportado", en: "Rosters against the reported numbers" },
  rosterIntro: {
    es: "Si el registro de personas de cada institución respalda el número que reportó.",
    en: "Whether each institution's roster of people backs the number it reported.",
  },
  rosterCountsHidden: {
    es: "En el informe con protección de cifras pequeñas no se muestran los recuentos, solo si coinciden.",
    en: "With small-number protection the counts are not shown, only whether they agree.",
  },
  rosterPeopleTitle: { es: "Personas en los registros, por institución, categoría y sexo", en: "People on the rosters, by institution, category and sex" },
  rosterPeopleIntro: {
    es: "Cada persona se cuenta una vez, con la institución, categoría y sexo de los datos de personal.",
    en: "Each person is counted once, with the institution, category and sex from the personnel data.",
  },
  unknownCode: { es: "Sin dato", en: "Not known" },
  notInPersonnelData: { es: "No figura en los datos de personal", en: "Not in the personnel data" },
  dataTitle: { es: "Datos de los indicadores (tabla para analizar)", en: "Indicator data (a table to analyse)" },
  dataIntro: {
    es: "Una fila por cifra publicada. Para resumirla a su manera: Insertar › Tabla dinámica.",
    en: "One row per published figure. To summarise it your own way: Insert › PivotTable.",
  },
  dataTableName: { es: "DatosIndicadores", en: "IndicatorData" },
  total: { es: "Total", en: "Total" },
  all: { es: "Todas", en: "All" },
  allSeries: { es: "Indicador completo", en: "Whole indicator" },
  yes: { es: "sí", en: "yes" },
  no: { es: "no", en: "no" },
  chartNoData: { es: "sin cifras publicables", en: "no publishable figures" },
  chartValuesBySemester: { es: "Valores por semestre", en: "Values by semester" },
  chartSharesByMonth: { es: "Porcentaje de mujeres por mes", en: "Women's share by month" },
  chartTarget: { es: "meta", en: "target" },
  chartMissingPoint: { es: "sin dato", en: "no figure" },
  chartHiddenPoint: { es: "oculta", en: "hidden" },
  noRows: { es: "Sin datos para este semestre.", en: "No data for this semester." },
  htmlLang: { es: "es", en: "en" },
  printFooter: { es: "Página &P de &N", en: "Page &P of &N" },
  footer: {
    es: "Generado por PA1325 a partir de los informes semestrales de las instituciones. Todas las cifras provienen de la base de datos del Comité.",
    en: "Generated by PA1325 from the institutions' semester reports. Every figure comes from the Committee's database.",
  },
} satisfies Record<string, LocalizedText>;

export type ReportTextKey = keyof typeof REPORT_TEXT;

/** The warning every internal file carries, in both languages at once so that no reader can miss it. */
export const INTERNAL_MARK = "INTERNAL — NOT FOR CIRCULATION / USO INTERNO — NO DIFUNDIR";

/** Sheet names (Excel allows 31 characters and no []:*?/\). */
export const SHEET_NAMES = {
  cover: { es: "Portada", en: "Cover" },
  deliverables: { es: "Entregables", en: "Deliverables" },
  trends: { es: "Tendencias", en: "Trends" },
  parity: { es: "Paridad ONU", en: "UN parity" },
  personnel: { es: "Personal", en: "Personnel" },
  completeness: { es: "Reportes recibidos", en: "Reports received" },
  roster: { es: "Registros", en: "Rosters" },
  data: { es: "Datos", en: "Data" },
} satisfies Record<string, LocalizedText>;

export type SheetKey = keyof typeof SHEET_NAMES;

/** One line per sheet or page section, for the table of contents. */
export const SECTION_DESCRIPTIONS: Record<SheetKey | "area", LocalizedText> = {
  cover: { es: "Este resumen: semestre, fuentes y cómo leer las cifras.", en: "This summary: semester, sources and how to read the figures." },
  area: { es: "Valores del semestre por institución, para el área", en: "The semester's values by institution, for the area" },
  deliverables: { es: "Estado de directivas, normas y estructuras.", en: "Status of directives, regulations and structures." },
  trends: { es: "Cada indicador a lo largo de los semestres.", en: "Each indicator across semesters." },
  parity: { es: "Mujeres desplegadas frente a la meta de la ONU.", en: "Women deployed against the UN target." },
  personnel: { es: "Mujeres y hombres por institución, categoría y grado.", en: "Women and men by institution, category and rank." },
  completeness: { es: "Qué reportó cada institución.", en: "What each institution reported." },
  roster: { es: "Si los registros nominales respaldan lo reportado.", en: "Whether the rosters back the reported numbers." },
  data: { es: "Todas las cifras en una tabla para analizar.", en: "Every figure in one table to analyse." },
};

export const SEX_LABELS: Record<"F" | "M" | "*" | "UNKNOWN", LocalizedText> = {
  F: { es: "Mujeres", en: "Women" },
  M: { es: "Hombres", en: "Men" },
  "*": { es: "Ambos sexos", en: "Both sexes" },
  UNKNOWN: { es: "Sin dato de sexo", en: "Sex not known" },
};

export const EXCLUSION_REASON_LABELS: Record<ExcludedSubmission["reason"], LocalizedText> = {
  superseded: { es: "reemplazado por una versión posterior", en: "replaced by a later version" },
  refused: { es: "rechazado por errores", en: "refused for errors" },
};

export const CONSISTENCY_LABELS: Record<RosterConsistency["status"], { text: LocalizedText; tone: "good" | "bad" }> = {
  match: { text: { es: "coincide", en: "matches" }, tone: "good" },
  differs: { text: { es: "difiere", en: "differs" }, tone: "bad" },
};

/** The compact mark shown in each cell of the completeness matrix, and what it means (the legend). */
export const COMPLETENESS_LABELS: Record<CompletenessStatus | "not-expected", { mark: LocalizedText; meaning: LocalizedText; tone: "good" | "warn" | "bad" | "neutral" }> = {
  complete: { mark: { es: "✓", en: "✓" }, meaning: { es: "recibido a tiempo", en: "received on time" }, tone: "good" },
  late: { mark: { es: "T", en: "L" }, meaning: { es: "recibido fuera de plazo", en: "received late" }, tone: "warn" },
  "not-reported": {
    mark: { es: "NR", en: "NR" },
    meaning: { es: "informe recibido sin este indicador", en: "report received without this indicator" },
    tone: "bad",
  },
  refused: { mark: { es: "RZ", en: "RF" }, meaning: { es: "informe rechazado por errores", en: "report refused for errors" }, tone: "bad" },
  missing: { mark: { es: "F", en: "M" }, meaning: { es: "falta: no se recibió informe", en: "missing: no report received" }, tone: "bad" },
  "not-expected": { mark: { es: "·", en: "·" }, meaning: { es: "no le corresponde reportarlo", en: "not expected to report it" }, tone: "neutral" },
};

type Tone = "good" | "warn" | "bad" | "neutral";
const PARITY_TONES: Record<ParityStatus, Tone> = { green: "good", yellow: "warn", red: "bad", "no-target": "neutral" };
const TREND_TONES: Record<TrendStatus, Tone> = { "on-track": "good", behind: "bad", "no-target": "neutral", "no-data": "neutral" };

export const PARITY_LABELS: Record<ParityStatus, { text: LocalizedText; tone: Tone }> = {
  green: { text: PARITY_STATUS_LABELS.green, tone: PARITY_TONES.green },
  yellow: { text: PARITY_STATUS_LABELS.yellow, tone: PARITY_TONES.yellow },
  red: { text: PARITY_STATUS_LABELS.red, tone: PARITY_TONES.red },
  "no-target": { text: PARITY_STATUS_LABELS["no-target"], tone: PARITY_TONES["no-target"] },
};

export const TREND_LABELS: Record<TrendStatus, { text: LocalizedText; tone: Tone }> = {
  "on-track": { text: TREND_STATUS_LABELS["on-track"], tone: TREND_TONES["on-track"] },
  behind: { text: TREND_STATUS_LABELS.behind, tone: TREND_TONES.behind },
  "no-target": { text: TREND_STATUS_LABELS["no-target"], tone: TREND_TONES["no-target"] },
  "no-data": { text: TREND_STATUS_LABELS["no-data"], tone: TREND_TONES["no-data"] },
};

/** The colour's name, written under each month of the parity chart (colour is never the only cue). */
export const PARITY_SHORT_LABELS: Record<ParityStatus, LocalizedText> = {
  green: { es: "verde", en: "green" },
  yellow: { es: "amarillo", en: "yellow" },
  red: { es: "rojo", en: "red" },
  "no-target": { es: "sin meta", en: "no target" },
};

export const MONTH_NAMES: Record<Language, readonly string[]> = {
  es: ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "set.", "oct.", "nov.", "dic."],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

/** The suppression rule in plain words (the cover and the page say it; the legend of each sheet repeats it). */
export function suppressionRuleText(k: number, language: Language): string {
  return language === "es"
    ? `Los recuentos de 1 a ${k - 1} personas se muestran como «<${k}»; otras celdas también se ocultan para que no puedan deducirse a partir de los totales.`
    : `Counts of 1 to ${k - 1} people are shown as «<${k}»; other cells are hidden too so they cannot be worked out from totals.`;
}

export function suppressedLegendText(k: number, language: Language): string {
  return language === "es"
    ? `«<${k}»: cifra oculta para proteger la identidad de las personas (menos de ${k}, o deducible de los totales). Nunca significa cero.`
    : `«<${k}»: figure hidden to protect people's identity (fewer than ${k}, or one that could be worked out from totals). It never means zero.`;
}

export function suppressedMark(k: number): string {
  return `<${k}`;
}

/** The legend lines about hidden figures, for every sheet that can hold one (none when suppression is off). */
export function suppressionLegend(suppression: { applied: boolean; k: number }, language: Language): string[] {
  return suppression.applied ? [suppressedLegendText(suppression.k, language), REPORT_TEXT.legendWithheld[language]] : [];
}

export function areaSheetTitle(areaName: string, language: Language): string {
  return `${REPORT_TEXT.areaTitle[language]}: ${areaName}`;
}

export function text(key: ReportTextKey, language: Language): string {
  return REPORT_TEXT[key][language];
}
