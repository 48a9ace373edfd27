import type { XmlHandler } from "./XmlScanner";
import { attribute, textAttribute } from "./xmlText";

/**
 * The small package parts (content types, relationships, the workbook) are read from their tags' attributes
 * only, as strings: they are a few KB, so clarity wins over the byte-level work the sheets need.
 */
abstract class TagHandler implements XmlHandler {
  abstract onOpen(name: string, attrs: string): void;
  onClose(_name: string): void {}

  open(buf: Buffer, nameStart: number, nameEnd: number, attrsEnd: number): void {
    this.onOpen(buf.toString("utf8", nameStart, nameEnd), buf.toString("utf8", nameEnd, attrsEnd));
  }

  close(buf: Buffer, nameStart: number, nameEnd: number): void {
    this.onClose(buf.toString("utf8", nameStart, nameEnd));
  }

  text(): void {}
}

/** [Content_Types].xml: content types by extension (Default) and by part name (Override). */
export class ContentTypesHandler extends TagHandler {
  readonly defaults = new Map<string, string>();
  readonly overrides = new Map<string, string>();

  constructor(private readonly part: string) {
    super();
  }

  onOpen(name: string, attrs: string): void {
    if (name !== "Default" && name !== "Override") return;
    const type = (textAttribute(attrs, "ContentType", this.part) ?? "").trim();
    if (name === "Default") {
      const ext = textAttribute(attrs, "Extension", this.part);
      if (ext !== undefined) this.defaults.set(ext.toLowerCase(), type);
    } else {
      const partName = textAttribute(attrs, "PartName", this.part);
      if (partName !== undefined) this.overrides.set(partName.replace(/^\//, "").toLowerCase(), type);
    }
  }


  /** Every content type named, for the macro, link and embedding checks. */
  all(): string[] {
    return [...this.defaults.values(), ...this.overrides.values()];
  }

  typeOf(partName: string): string | undefined {
    const key = partName.toLowerCase();
    const override = this.overrides.get(key);
    if (override !== undefined) return override;
    const dot = key.lastIndexOf(".");
    return dot < 0 ? undefined : this.defaults.get(key.slice(dot + 1));
  }
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** A .rels part: its relationships in order. */
export class RelationshipsHandler extends TagHandler {
  readonly relationships: Relationship[] = [];

  constructor(private readonly part: string) {
    super();
  }

  onOpen(name: string, attrs: string): void {
    if (name !== "Relationship") return;
    this.relationships.push({
      id: textAttribute(attrs, "Id", this.part) ?? "",
      type: (textAttribute(attrs, "Type", this.part) ?? "").trim(),
      target: textAttribute(attrs, "Target", this.part) ?? "",
      external: (attribute(attrs, "TargetMode") ?? "").toLowerCase() === "external",
    });
  }

}

export interface SheetEntry {
  name: string;
  relationshipId: string;
  state: "visible" | "hidden" | "veryHidden";
}

/** xl/workbook.xml: the sheets in order, their visibility, the date system, and any external references. */
export class WorkbookPartHandler extends TagHandler {
  readonly sheets: SheetEntry[] = [];
  date1904 = false;
  externalReferences = 0;
  private inSheets = false;

  constructor(private readonly part: string) {
    super();
  }

  onOpen(name: string, attrs: string): void {
    if (name === "sheets") this.inSheets = true;
    else if (name === "sheet" && this.inSheets) {
      const state = attribute(attrs, "state");
      this.sheets.push({
        name: textAttribute(attrs, "name", this.part) ?? "",
        relationshipId: textAttribute(attrs, "id", this.part, { anyPrefix: true }) ?? "",
        state: state === "hidden" || state === "veryHidden" ? state : "visible",
      });
    } else if (name === "workbookPr") {
      const v = attribute(attrs, "date1904");
      this.date1904 = v === "1" || v === "true";
    } else if (name === "externalReference") this.externalReferences++;
  }

  override onClose(name: string): void {
    if (name === "sheets") this.inSheets = false;
  }
}
