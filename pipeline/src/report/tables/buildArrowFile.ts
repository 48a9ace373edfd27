import { Bool, DateDay, Field, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray, type DataType } from "apache-arrow";
import type { ColumnType, TidyTable, TidyValue } from "./TidyTable";

/** Arrow types of the published columns. TIMESTAMP carries no zone, as in the database and the Parquet file: it is UTC. */
const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  VARCHAR: () => new Utf8(),
  INTEGER: () => new Int32(),
  DOUBLE: () => new Float64(),
  BOOLEAN: () => new Bool(),
  DATE: () => new DateDay(),
  TIMESTAMP: () => new TimestampMillisecond(),
};

const TO_ARROW: Record<ColumnType, (v: NonNullable<TidyValue>) => unknown> = {
  VARCHAR: (v) => v,
  INTEGER: (v) => v,
  DOUBLE: (v) => v,
  BOOLEAN: (v) => v,
  DATE: (v) => new Date(`${String(v)}T00:00:00Z`),
  TIMESTAMP: (v) => Date.parse(String(v)),
};

/** One table as an Arrow IPC file (the random-access "file" format, .arrow), with key-value schema metadata. */
export function buildArrowFile(table: TidyTable, metadata: ReadonlyMap<string, string>): Uint8Array {
  const fields = table.columns.map((c) => new Field(c.name, ARROW_TYPES[c.type](), true));
  const schema = new Schema(fields, new Map(metadata));
  const children = table.columns.map((c, i) => {
    const values = table.rows.map((row) => {
      const v = row[i]!;
      return v === null ? null : TO_ARROW[c.type](v);
    });
    return vectorFromArray(values, fields[i]!.type).data[0]!;
  });
  if (table.rows.length === 0) return tableToIPC(new Table(schema), "file");
  const data = makeData({ type: new Struct(fields), length: table.rows.length, nullCount: 0, children });
  return tableToIPC(new Table(schema, [new RecordBatch(schema, data)]), "file");
}
