import { asPipelineError, databaseIoError, databaseIoPipelineError, duckDbSystemError } from "../../../pipeline/src/db/databaseIoError";
// A bare instance, not openDatabase's locked-down one: the only way to make DuckDB's real out-of-memory error here.
// eslint-disable-next-line no-restricted-imports
import { DuckDBInstance } from "@duckdb/node-api";
import { PipelineError } from "../../../pipeline/src/cli/PipelineError";

// DuckDB reports the operating system refusing a read or write as a message only, with the system's own words:
// these are its messages as seen here (node-api 1.5.6) on a full and on a read-only file system.
describe("the database's disk failing, as DuckDB says it", () => {
  /** What DuckDB's failure with the system's `reason` on `file` means for the database. */
  const code = (reason: string, file = "/d/x.duckdb.wal") => databaseIoError(new Error(`IO Error: Could not write file "${file}": ${reason}`))?.code;

  it("tells a full disk at a commit, at creation, and in the spill folder, naming the database itself", () => {
    expect(databaseIoError(new Error('TransactionContext Error: Failed to commit: Could not write file "/data/pa1325.duckdb.wal": No space left on device'))).toEqual({
      code: "DATABASE_DISK_FULL",
      database: "/data/pa1325.duckdb",
    });
    expect(databaseIoError(new Error('IO Error: Could not write file "/data/new.duckdb": No space left on device'))).toEqual({
      code: "DATABASE_DISK_FULL",
      database: "/data/new.duckdb",
    });
    expect(databaseIoError(new Error('IO Error: Could not write file "/data/pa1325.duckdb.tmp/duckdb_temp_storage_S32K-0.tmp": No space left on device'))).toEqual({
      code: "DATABASE_DISK_FULL",
      database: "/data/pa1325.duckdb",
    });
  });

  it("reads the system's code and the file from DuckDB's words, whatever file it was writing", () => {
    expect(duckDbSystemError(new Error('IO Error: Could not write file "/out/data/.t.parquet.1.0a1b2c3d.tmp": No space left on device'))).toEqual({
      code: "ENOSPC",
      path: "/out/data/.t.parquet.1.0a1b2c3d.tmp",
      asDatabase: "DATABASE_DISK_FULL",
    });
    expect(duckDbSystemError(new Error('Constraint Error: Duplicate key "id: 1"'))).toBeUndefined();
  });

  it("tells a read-only disk, a quota, the largest file, a permission and a failing disk apart", () => {
    expect(code("Read-only file system", "/d/x.duckdb")).toBe("DATABASE_READ_ONLY");
    expect(code("Disk quota exceeded", "/d/x.duckdb")).toBe("DATABASE_QUOTA_EXCEEDED");
    expect(code("File too large", "/d/x.duckdb")).toBe("DATABASE_FILE_TOO_LARGE");
    expect(code("Permission denied", "/d/x.duckdb")).toBe("DATABASE_NOT_PERMITTED");
    expect(code("Input/output error", "/d/x.duckdb")).toBe("DATABASE_IO_ERROR");
  });

  it("tells a database whose drive or folder went away while in use, naming the database, not DuckDB's file beside it", () => {
    // DuckDB's words with the database's folder deleted under a running ingest (seen here): its spill file could not be made.
    expect(databaseIoError(new Error('Failed to append: Cannot open file "/share/pa1325.duckdb.tmp/duckdb_temp_storage_DEFAULT-0.tmp": No such file or directory'))).toEqual({
      code: "DATABASE_UNREACHABLE",
      database: "/share/pa1325.duckdb",
    });
    expect(databaseIoError(new Error('TransactionContext Error: Failed to commit: Cannot open file "/share/pa1325.duckdb.wal": No such file or directory'))?.code).toBe("DATABASE_UNREACHABLE");
    expect(code("Transport endpoint is not connected")).toBe("DATABASE_UNREACHABLE");
    expect(code("Stale file handle")).toBe("DATABASE_UNREACHABLE");
    expect(code("Host is down")).toBe("DATABASE_UNREACHABLE");
    expect(code("No such device or address")).toBe("DATABASE_UNREACHABLE");
    expect(code("No such device")).toBe("DATABASE_UNREACHABLE");
    expect(duckDbSystemError(new Error('IO Error: Could not write file "/share/x.duckdb.wal": No such device or address'))?.code).toBe("ENXIO");
  });

  it("tells the same failures in Windows' words, in English and in Spanish (as Windows words them; not tried on Windows)", () => {
    expect(code("There is not enough space on the disk.")).toBe("DATABASE_DISK_FULL");
    expect(code("No hay espacio suficiente en el disco.")).toBe("DATABASE_DISK_FULL");
    expect(code("The media is write protected.")).toBe("DATABASE_READ_ONLY");
    expect(code("El medio está protegido contra escritura.")).toBe("DATABASE_READ_ONLY");
    expect(code("Access is denied.")).toBe("DATABASE_NOT_PERMITTED");
    expect(code("Acceso denegado.")).toBe("DATABASE_NOT_PERMITTED");
    expect(code("The request could not be performed because of an I/O device error.")).toBe("DATABASE_IO_ERROR");
    expect(code("La solicitud no se pudo realizar debido a un error de dispositivo de E/S.")).toBe("DATABASE_IO_ERROR");
    expect(code("The specified network name is no longer available.")).toBe("DATABASE_UNREACHABLE");
    expect(code("El nombre de red especificado ya no está disponible.")).toBe("DATABASE_UNREACHABLE");
    expect(code("The system cannot find the path specified.")).toBe("DATABASE_UNREACHABLE");
    // Of the database itself, a missing path is said when the command opens it, not as a drive gone.
    expect(databaseIoError(new Error('IO Error: Cannot open file "/d/x.duckdb": El sistema no puede encontrar la ruta especificada.'))).toBeUndefined();
  });

  it("tells a database file cut short or with a damaged block, naming the file it was using when DuckDB does not", () => {
    expect(databaseIoError(new Error('IO Error: Could not read enough bytes from file "/d/x.duckdb": attempted to read 262144 bytes from location 3682304'))).toEqual({
      code: "DATABASE_DAMAGED",
      database: "/d/x.duckdb",
    });
    const corrupt = new Error("IO Error: Corrupt database file: computed checksum 15136014418368799795 does not match stored checksum 6010485346990752309 in block at location 274432");
    expect(databaseIoError(corrupt)).toEqual({ code: "DATABASE_DAMAGED", database: null });
    expect(databaseIoError(corrupt, "/d/x.duckdb")).toEqual({ code: "DATABASE_DAMAGED", database: "/d/x.duckdb" });
  });

  it("tells DuckDB out of memory (its spill disk nearly full), also inside the error of a database it then invalidated", () => {
    // DuckDB's words, seen here: a block it could not pin, one it could not allocate, and the same in a checkpoint,
    // after which the database answers only that it was invalidated, quoting the first error.
    const pin = "Out of Memory Error: failed to pin block of size 256.0 KiB (15.2 MiB/15.2 MiB used)\n\nPossible solutions:\n* Reducing the number of threads (SET threads=X)";
    const invalidated =
      'FATAL Error: Failed: database has been invalidated because of a previous fatal error. The database must be restarted prior to being used again.\nOriginal error: "Failed to create checkpoint because of error: could not allocate block of size 256.0 KiB (61.0 MiB/61.0 MiB used)';
    expect(databaseIoError(new Error(pin), "/d/x.duckdb")).toEqual({ code: "DATABASE_OUT_OF_MEMORY", database: "/d/x.duckdb" });
    expect(databaseIoError(new Error(invalidated))).toEqual({ code: "DATABASE_OUT_OF_MEMORY", database: null });
    expect(databaseIoPipelineError(new Error(invalidated), { es: "", en: "" }, "/d/x.duckdb")?.text.es).toBe(
      "DuckDB no pudo reservar más memoria para trabajar con la base de datos /d/x.duckdb. Lo que no cabe en memoria lo escribe por un momento en el disco, junto a la base: o ese disco está casi lleno, o la orden necesitó más memoria de la que había libre. Libere espacio en ese disco o cierre otros programas, y vuelva a ejecutar la orden; si se repite, envíe a quien mantiene PA1325 lo que muestra la orden con --debug.",
    );
    // A full disk under the spill folder is said as a full disk, naming the database.
    expect(databaseIoError(new Error('Out of Memory Error: Could not write file "/d/x.duckdb.tmp/duckdb_temp_storage_S256K-0.tmp": No space left on device'))?.code).toBe("DATABASE_DISK_FULL");
  });

  it("maps DuckDB's own out-of-memory error, made for real by a query larger than its memory with nowhere to spill", async () => {
    const instance = await DuckDBInstance.create(":memory:", { memory_limit: "16MB", temp_directory: "" });
    const connection = await instance.connect();
    try {
      const failure = await connection.run("CREATE TABLE t AS SELECT range AS a, md5(range::VARCHAR) AS b FROM range(3000000)").then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(databaseIoError(failure, "/d/x.duckdb")).toEqual({ code: "DATABASE_OUT_OF_MEMORY", database: "/d/x.duckdb" });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it("finds it in an error that wraps it, and nowhere else", () => {
    const cause = new Error('Could not write file "/d/x.duckdb.wal": No space left on device');
    expect(databaseIoError(new Error("x.xlsx could not be stored", { cause }))?.code).toBe("DATABASE_DISK_FULL");
    // Not the disk: a constraint, a missing file (said elsewhere), a message without a file.
    expect(databaseIoError(new Error('Constraint Error: Duplicate key "sha256: ab"'))).toBeUndefined();
    expect(databaseIoError(new Error('IO Error: Cannot open file "/d/x.duckdb": No such file or directory'))).toBeUndefined();
    expect(databaseIoError(new Error("No space left on device"))).toBeUndefined();
    expect(databaseIoError(undefined)).toBeUndefined();
  });

  it("becomes a PipelineError in both languages, with what it means for the command, exit 2", () => {
    const error = databaseIoPipelineError(new Error('Could not write file "/d/x.duckdb.wal": No space left on device'), {
      es: "Nada se guardó.",
      en: "Nothing was stored.",
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      code: "DATABASE_DISK_FULL",
      exitCode: 2,
      text: {
        es: "no queda espacio en el disco donde está la base de datos /d/x.duckdb. Libere espacio en ese disco y vuelva a ejecutar la orden. Nada se guardó.",
        en: "the disk that holds the database /d/x.duckdb is full. Free some space on it and run the command again. Nothing was stored.",
      },
    });
    const known = new PipelineError("X", { es: "x", en: "x" });
    expect(asPipelineError(known)).toBe(known);
    expect(asPipelineError(new Error("something else"))).toBeUndefined();
  });
});
