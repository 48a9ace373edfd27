import type { Language, LocalizedText } from "../../../core/src/i18n/Language";

/**
 * Every text the task pane shows, in Spanish (the users' language, shown by default) and English. A missing
 * translation does not compile. `{name}` marks a value filled in by `uiText`.
 */
export const UI_TEXT = {
  appTitle: { es: "PA1325 · Informe semestral", en: "PA1325 · Semester report" },
  appSubtitle: {
    es: "Plan de Acción del MINDEF para la Resolución 1325 (Mujeres, Paz y Seguridad)",
    en: "MINDEF's Action Plan for Resolution 1325 (Women, Peace and Security)",
  },
  loading: { es: "Cargando…", en: "Loading…" },
  working: { es: "Trabajando en el libro…", en: "Working on the workbook…" },
  // Start-up
  notExcelTitle: { es: "PA1325 funciona solo en Excel", en: "PA1325 works in Excel only" },
  notExcelBody: {
    es: "Abra el libro del informe en Excel (Windows, Mac o Excel en la web) y abra PA1325 desde la pestaña Inicio.",
    en: "Open the report workbook in Excel (Windows, Mac or Excel on the web) and open PA1325 from the Home tab.",
  },
  tooOldTitle: { es: "Esta versión de Excel es demasiado antigua", en: "This version of Excel is too old" },
  tooOldBody: {
    es: "PA1325 necesita Excel 2019, Excel de Microsoft 365 o Excel en la web (conjunto de API ExcelApi 1.8). Actualice Excel o abra el libro en Excel en la web.",
    en: "PA1325 needs Excel 2019, Excel for Microsoft 365 or Excel on the web (API set ExcelApi 1.8). Update Excel or open the workbook in Excel on the web.",
  },
  tooOldFallback: {
    es: "Mientras tanto, pida al Comité de Igualdad de Género del MINDEF la plantilla en Excel de su institución: se llena igual, sin el complemento.",
    en: "Meanwhile, ask MINDEF's Committee for Gender Equality for your institution's Excel template: it is filled in the same way, without the add-in.",
  },
  // Template
  templateHeading: { es: "1. Plantilla", en: "1. Template" },
  institutionLabel: { es: "Institución", en: "Institution" },
  periodLabel: { es: "Semestre que informa", en: "Semester you report on" },
  insertTemplate: { es: "Insertar plantilla", en: "Insert template" },
  refreshTemplate: { es: "Actualizar plantilla", en: "Refresh template" },
  templateHint: {
    es: "Crea las hojas del informe en este libro. Si ya existen, las actualiza y conserva lo que escribió.",
    en: "Creates the report's sheets in this workbook. If they exist, refreshes them and keeps what you typed.",
  },
  templateInWorkbook: { es: "Este libro: {institution}, {period}.", en: "This workbook: {institution}, {period}." },
  noTemplateYet: { es: "Este libro aún no tiene la plantilla.", en: "This workbook has no template yet." },
  templateInserted: {
    es: "Plantilla lista. Escriba en las celdas amarillas; aquí verá cada problema al momento.",
    en: "Template ready. Type in the yellow cells; every problem shows here as you type.",
  },
  catalogOutdated: {
    es: "La plantilla se hizo con el catálogo {old}; este complemento usa el {new}. Pulse «Actualizar plantilla»: sus valores se conservan.",
    en: "The template was made with catalog {old}; this add-in uses {new}. Press \"Refresh template\": your values are kept.",
  },
  // Refresh plan
  planHeading: { es: "Antes de actualizar", en: "Before refreshing" },
  planCatalog: { es: "El catálogo de indicadores cambió de la versión {old} a la {new}.", en: "The indicator catalog changed from version {old} to {new}." },
  planSwitch: { es: "La plantilla pasa de {old} a {new}.", en: "The template changes from {old} to {new}." },
  planAdded: { es: "Indicadores nuevos en la plantilla: {codes}.", en: "Indicators added to the template: {codes}." },
  planRemoved: { es: "Indicadores que salen de la plantilla: {codes}.", en: "Indicators leaving the template: {codes}." },
  planRenamed: { es: "{from} pasa a ser {to}: {note}", en: "{from} becomes {to}: {note}" },
  planRetired: { es: "{code} se retira{note}", en: "{code} is retired{note}" },
  planKept: { es: "Se conservan {count} valores escritos.", en: "{count} typed values are kept." },
  planLost: {
    es: "{count} valores escritos no tienen lugar en la nueva plantilla y se perderán: {cells}.",
    en: "{count} typed values have no place in the new template and will be lost: {cells}.",
  },
  planSheetsRemoved: { es: "Se eliminarán las hojas: {sheets}.", en: "These sheets will be deleted: {sheets}." },
  planConfirm: { es: "Actualizar la plantilla", en: "Refresh the template" },
  planCancel: { es: "Cancelar", en: "Cancel" },
  // Checks
  checkHeading: { es: "2. Revisión", en: "2. Checks" },
  errorsCount: { es: "Errores: {count}", en: "Errors: {count}" },
  warningsCount: { es: "Advertencias: {count}", en: "Warnings: {count}" },
  notReportedCount: { es: "Sin reportar: {count}", en: "Not reported: {count}" },
  checking: { es: "Revisando…", en: "Checking…" },
  noProblems: { es: "No hay problemas en lo escrito.", en: "No problems in what you typed." },
  problemsLabel: { es: "Problemas por indicador", en: "Problems by indicator" },
  severityError: { es: "Error", en: "Error" },
  severityWarning: { es: "Advertencia", en: "Warning" },
  goToCell: { es: "Ir a la celda {cell}", en: "Go to cell {cell}" },
  goToCellLabel: { es: "Ir a la celda {cell} de la hoja {sheet}", en: "Go to cell {cell} on sheet {sheet}" },
  moreProblems: { es: "… y {count} más. Corrija primero estos.", en: "… and {count} more. Fix these first." },
  otherProblems: { es: "Hoja {sheet}", en: "Sheet {sheet}" },
  // Progress
  progressHeading: { es: "3. Avance", en: "3. Progress" },
  progressLabel: { es: "{done} de {total} indicadores completos", en: "{done} of {total} indicators complete" },
  stateComplete: { es: "Completo", en: "Complete" },
  stateIncomplete: { es: "Incompleto", en: "Incomplete" },
  stateEmpty: { es: "Sin datos", en: "No data" },
  progressListLabel: { es: "Estado de cada indicador", en: "State of each indicator" },
  // Ready
  readyHeading: { es: "4. Listo para enviar", en: "4. Ready to submit" },
  preparedByLabel: { es: "Preparado por (nombre y cargo)", en: "Prepared by (name and post)" },
  preparedByHint: {
    es: "Se escribe en la portada y en los datos del archivo; el complemento no lo guarda en ningún otro lugar.",
    en: "Written on the cover and in the file's data; the add-in stores it nowhere else.",
  },
  markReady: { es: "Marcar como listo para enviar", en: "Mark as ready to submit" },
  readyBlocked: { es: "Corrija los {count} errores antes de marcarlo como listo.", en: "Fix the {count} errors before marking it ready." },
  readyDone: { es: "Marcado como listo para enviar: {when}", en: "Marked ready to submit: {when}" },
  readyHowToSend: {
    es: "Guarde el libro (Ctrl+S) y envíe el archivo .xlsx por correo al Comité de Igualdad de Género del MINDEF antes del {deadline}. Si cambia un valor después, la marca se borra y debe volver a marcarlo.",
    en: "Save the workbook (Ctrl+S) and email the .xlsx file to MINDEF's Committee for Gender Equality by {deadline}. If you change a value afterwards, the mark is cleared and you must mark it again.",
  },
  readyFailed: { es: "Aún hay errores: no se marcó como listo.", en: "There are still errors: it was not marked ready." },
  stampCleared: {
    es: "Cambió un valor después de marcarlo como listo: la marca se borró. Vuelva a marcarlo cuando termine.",
    en: "A value changed after it was marked ready: the mark was cleared. Mark it again when you finish.",
  },
  // Errors
  errorTitle: { es: "No se pudo completar", en: "Could not finish" },
  dismiss: { es: "Cerrar el mensaje", en: "Dismiss the message" },
  errSheetTaken: {
    es: "Este libro ya tiene una hoja «{sheet}» que no es de PA1325. Abra PA1325 en un libro nuevo, o cambie el nombre de esa hoja y vuelva a pulsar «Insertar plantilla».",
    en: "This workbook already has a sheet \"{sheet}\" that is not PA1325's. Open PA1325 in a new workbook, or rename that sheet and press \"Insert template\" again.",
  },
  errPreparer: {
    es: "Escriba su nombre y cargo en «Preparado por» y vuelva a pulsar «Marcar como listo para enviar».",
    en: "Type your name and post in \"Prepared by\" and press \"Mark as ready to submit\" again.",
  },
  errMissingSheet: {
    es: "Falta una hoja de la plantilla (¿se borró o se le cambió el nombre?). Pulse «Actualizar plantilla» para reconstruirla; sus valores se conservan.",
    en: "A template sheet is missing (deleted or renamed?). Press \"Refresh template\" to rebuild it; your values are kept.",
  },
  errBusy: {
    es: "Excel no aceptó el cambio ahora. Termine de editar la celda (Enter o Esc), cierre los cuadros de diálogo abiertos y vuelva a intentarlo.",
    en: "Excel did not accept the change now. Finish editing the cell (Enter or Esc), close any open dialog and try again.",
  },
  errTooLarge: {
    es: "El libro es demasiado grande para Excel en la web. Ábralo en Excel de escritorio y vuelva a intentarlo.",
    en: "The workbook is too large for Excel on the web. Open it in desktop Excel and try again.",
  },
  errUnexpected: {
    es: "Excel no pudo completar la operación ({code}). Guarde el libro, cierre y vuelva a abrir PA1325 e inténtelo otra vez. Si se repite, avise a la mesa de ayuda del MINDEF con este código.",
    en: "Excel could not finish the operation ({code}). Save the workbook, close and reopen PA1325 and try again. If it happens again, tell MINDEF's help desk this code.",
  },
} satisfies Record<string, LocalizedText>;

export type UiKey = keyof typeof UI_TEXT;

export function uiText(language: Language, key: UiKey, params: Readonly<Record<string, string | number>> = {}): string {
  return UI_TEXT[key][language].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The text function a component gets: already bound to the pane's language. */
export type Translate = (key: UiKey, params?: Readonly<Record<string, string | number>>) => string;

export function translator(language: Language): Translate {
  return (key, params) => uiText(language, key, params);
}
