import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { XlsxRejectionCode } from "./WorkbookRejected";

const RESAVE = {
  es: "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»; luego envíe ese archivo.",
  en: "Open it in Excel, save it as \"Excel Workbook (.xlsx)\" and send that file.",
};
const DAMAGED = {
  es: "El archivo está dañado o incompleto (quizá se cortó al adjuntarlo o descargarlo). Pida al remitente que lo guarde de nuevo en Excel y lo reenvíe.",
  en: "The file is damaged or incomplete (perhaps cut off while attaching or downloading). Ask the sender to save it again in Excel and send it again.",
};

/**
 * What each refusal says to the analyst and to the institution that sent the file: what is wrong, then what
 * to do. Placeholders: {sheet}, {cell}, {limit}.
 */
export const REJECTION_TEXT: Record<XlsxRejectionCode, LocalizedText> = {
  EMPTY_FILE: {
    es: "El archivo está vacío (0 bytes). Pida al remitente que lo adjunte de nuevo.",
    en: "The file is empty (0 bytes). Ask the sender to attach it again.",
  },
  FILE_TOO_LARGE: {
    es: "El archivo pesa más de {limit}; una plantilla de PA1325 llena pesa mucho menos. Quite las hojas, imágenes o datos ajenos a la plantilla y guárdelo de nuevo.",
    en: "The file is larger than {limit}; a filled PA1325 template is far smaller. Remove sheets, pictures or data that are not part of the template and save it again.",
  },
  NOT_A_ZIP: {
    es: `El archivo no es un libro de Excel .xlsx (su contenido no corresponde a ese formato). ${RESAVE.es}`,
    en: `The file is not an Excel .xlsx workbook (its content is not in that format). ${RESAVE.en}`,
  },
  ENCRYPTED_OR_LEGACY: {
    es: "El archivo está protegido con contraseña o es un libro antiguo de Excel 97-2003 (.xls). Quite la contraseña (Archivo › Información › Proteger libro) y guárdelo como «Libro de Excel (.xlsx)».",
    en: "The file is password-protected or is an old Excel 97-2003 workbook (.xls). Remove the password (File › Info › Protect Workbook) and save it as \"Excel Workbook (.xlsx)\".",
  },
  LOOKS_LIKE_TEXT: {
    es: `El archivo no es un libro de Excel .xlsx: parece un archivo de texto (CSV o una página web) con la extensión cambiada. ${RESAVE.es}`,
    en: `The file is not an Excel .xlsx workbook: it looks like a text file (CSV or a web page) renamed to .xlsx. ${RESAVE.en}`,
  },
  ZIP_TRUNCATED: {
    es: `El archivo está incompleto: le falta el final. ${DAMAGED.es}`,
    en: `The file is incomplete: its end is missing. ${DAMAGED.en}`,
  },
  ZIP_CORRUPT: { es: DAMAGED.es, en: DAMAGED.en },
  ZIP_ENCRYPTED: {
    es: "Una parte del archivo está cifrada con contraseña. Guarde el libro sin contraseña como «Libro de Excel (.xlsx)» y envíelo de nuevo.",
    en: "Part of the file is encrypted with a password. Save the workbook without a password as \"Excel Workbook (.xlsx)\" and send it again.",
  },
  UNSUPPORTED_COMPRESSION: {
    es: `El archivo usa una compresión que Excel no produce. ${RESAVE.es}`,
    en: `The file uses a compression method Excel does not produce. ${RESAVE.en}`,
  },
  TOO_MANY_ENTRIES: {
    es: "El archivo contiene más de {limit} partes internas; una plantilla tiene unas quince. Copie sus valores en una plantilla nueva de PA1325 y envíe esa.",
    en: "The file holds more than {limit} internal parts; a template has about fifteen. Copy your values into a new PA1325 template and send that.",
  },
  UNSAFE_ENTRY_NAME: {
    es: `El archivo contiene una parte con un nombre no permitido (una ruta fuera del libro). No lo abra; pida al remitente que guarde la plantilla de nuevo desde Excel.`,
    en: `The file holds a part with a forbidden name (a path outside the workbook). Do not open it; ask the sender to save the template again from Excel.`,
  },
  DUPLICATE_ENTRY: {
    es: `El archivo contiene dos partes con el mismo nombre. ${DAMAGED.es}`,
    en: `The file holds two parts with the same name. ${DAMAGED.en}`,
  },
  ENTRY_TOO_LARGE: {
    es: "Una parte del archivo ocupa más de {limit} al descomprimirla, muchísimo más que una plantilla. Copie sus valores en una plantilla nueva de PA1325 y envíe esa.",
    en: "One part of the file takes more than {limit} once decompressed, far more than a template. Copy your values into a new PA1325 template and send that.",
  },
  TOTAL_TOO_LARGE: {
    es: "El archivo ocupa más de {limit} al descomprimirlo, muchísimo más que una plantilla. Copie sus valores en una plantilla nueva de PA1325 y envíe esa.",
    en: "The file takes more than {limit} once decompressed, far more than a template. Copy your values into a new PA1325 template and send that.",
  },
  SIZE_MISMATCH: {
    es: `El tamaño real de una parte no coincide con el que declara el archivo. ${DAMAGED.es}`,
    en: `A part's real size differs from the size the file declares. ${DAMAGED.en}`,
  },
  NOT_A_WORKBOOK: {
    es: `El archivo es un paquete de Office pero no un libro de Excel completo (falta el libro o una de sus hojas). ${RESAVE.es}`,
    en: `The file is an Office package but not a complete Excel workbook (the workbook or one of its sheets is missing). ${RESAVE.en}`,
  },
  MACRO_ENABLED: {
    es: "El archivo contiene macros (es un libro .xlsm o similar). Guárdelo como «Libro de Excel (.xlsx)», que no admite macros, y envíe ese archivo.",
    en: "The file contains macros (an .xlsm workbook or similar). Save it as \"Excel Workbook (.xlsx)\", which cannot hold macros, and send that file.",
  },
  EXTERNAL_LINK: {
    es: "El archivo tiene vínculos o conexiones a otros libros o fuentes de datos. En Excel use Datos › Editar vínculos › Romper vínculo (y quite las conexiones), guárdelo y envíelo de nuevo.",
    en: "The file has links or connections to other workbooks or data sources. In Excel use Data › Edit Links › Break Link (and remove connections), save it and send it again.",
  },
  EMBEDDED_OBJECT: {
    es: "El archivo contiene objetos incrustados (otro documento, un control ActiveX u objeto OLE). Elimínelos, guarde el libro y envíelo de nuevo.",
    en: "The file contains embedded objects (another document, an ActiveX control or an OLE object). Delete them, save the workbook and send it again.",
  },
  DTD_FORBIDDEN: {
    es: "El archivo contiene una declaración XML (DOCTYPE/ENTITY) que Excel nunca escribe y que puede usarse para atacar al lector. No lo abra; pida al remitente que guarde la plantilla de nuevo desde Excel.",
    en: "The file contains an XML declaration (DOCTYPE/ENTITY) that Excel never writes and that can be used to attack a reader. Do not open it; ask the sender to save the template again from Excel.",
  },
  XML_MALFORMED: {
    es: `El contenido de una parte del archivo no es XML válido. ${DAMAGED.es}`,
    en: `The content of one part of the file is not valid XML. ${DAMAGED.en}`,
  },
  DUPLICATE_SHEET: {
    es: "El libro tiene dos hojas llamadas «{sheet}». Cambie el nombre de una de ellas o copie sus valores en una plantilla nueva.",
    en: "The workbook has two sheets named \"{sheet}\". Rename one of them or copy your values into a new template.",
  },
  TOO_MANY_ROWS: {
    es: "La hoja «{sheet}» tiene datos en {cell}, más allá de la fila {limit}; la plantilla usa muchas menos. Borre las filas sobrantes al final de la hoja y guárdelo de nuevo.",
    en: "Sheet \"{sheet}\" has data in {cell}, beyond row {limit}; the template uses far fewer. Delete the extra rows at the end of the sheet and save it again.",
  },
  TOO_MANY_COLUMNS: {
    es: "La hoja «{sheet}» tiene datos en {cell}, más allá de la columna {limit}; la plantilla usa muchas menos. Borre las columnas sobrantes y guárdelo de nuevo.",
    en: "Sheet \"{sheet}\" has data in {cell}, beyond column {limit}; the template uses far fewer. Delete the extra columns and save it again.",
  },
  TOO_MANY_CELLS: {
    es: "El libro tiene más de {limit} celdas con datos, muchísimas más que una plantilla. Copie sus valores en una plantilla nueva de PA1325 y envíe esa.",
    en: "The workbook has more than {limit} cells with data, far more than a template. Copy your values into a new PA1325 template and send that.",
  },
  CELL_OUT_OF_GRID: {
    es: `La hoja «{sheet}» menciona la celda {cell}, que está fuera de la cuadrícula de Excel (XFD1048576). ${DAMAGED.es}`,
    en: `Sheet "{sheet}" names cell {cell}, which lies outside Excel's grid (XFD1048576). ${DAMAGED.en}`,
  },
  TOO_MANY_SHARED_STRINGS: {
    es: "El libro tiene más de {limit} textos distintos, muchísimos más que una plantilla. Copie sus valores en una plantilla nueva de PA1325 y envíe esa.",
    en: "The workbook holds more than {limit} distinct texts, far more than a template. Copy your values into a new PA1325 template and send that.",
  },
  CELL_TEXT_TOO_LONG: {
    es: "Una celda de la hoja «{sheet}» ({cell}) tiene un texto o fórmula de más de {limit} caracteres, el máximo de Excel. Acorte ese texto y guárdelo de nuevo.",
    en: "A cell of sheet \"{sheet}\" ({cell}) holds text or a formula longer than {limit} characters, Excel's maximum. Shorten it and save again.",
  },
  TIMEOUT: {
    es: "Leer el archivo tardó más de {limit} ms y se detuvo; una plantilla se lee en mucho menos. Copie sus valores en una plantilla nueva de PA1325 y envíe esa.",
    en: "Reading the file took longer than {limit} ms and was stopped; a template reads in far less. Copy your values into a new PA1325 template and send that.",
  },
  OUT_OF_MEMORY: {
    es: "Leer el archivo necesitó más de {limit} MB de memoria y se detuvo; una plantilla necesita mucho menos. Copie sus valores en una plantilla nueva de PA1325 y envíe esa.",
    en: "Reading the file needed more than {limit} MB of memory and was stopped; a template needs far less. Copy your values into a new PA1325 template and send that.",
  },
};
