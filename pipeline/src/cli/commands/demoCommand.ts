import path from "node:path";
import { writeReportPack } from "../../report/writeReportPack";
import { runDemo } from "../../demo/runDemo";
import type { CommandContext } from "../CommandContext";
import { parseCommandArgs, wholeNumberOption } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";

const HELP = {
  es: `Uso: pa1325 demo [--out CARPETA] [--personnel N] [--extra-versions N] [--seed N] [--lang es|en]

Genera datos sintéticos realistas (personal, capacitación, despliegues, datos de la ONU y los libros de las
instituciones de dos años, con errores y un reenvío), los carga y escribe el paquete del Comité del último
semestre cerrado. Todo queda en la carpeta (por omisión ./pa1325-demo), con su propia base de datos.`,
  en: `Usage: pa1325 demo [--out FOLDER] [--personnel N] [--extra-versions N] [--seed N] [--lang es|en]

Generates realistic synthetic data (personnel, training, deployments, UN data and two years of the institutions'
workbooks, with mistakes and a resubmission), loads it and writes the Committee pack for the last complete
semester. Everything stays in the folder (default ./pa1325-demo), with its own database.`,
};

export async function demoCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs("demo", args, {
    out: { type: "string", default: "pa1325-demo" },
    personnel: { type: "string", default: "20000" },
    "extra-versions": { type: "string", default: "0" },
    seed: { type: "string", default: "1325" },
    help: { type: "boolean", default: false },
  });
  if (values.help) {
    ctx.effects.stdout(HELP[ctx.language]);
    return EXIT.ok;
  }
  const whole = (raw: string, flag: string, min: number, max: number) => wholeNumberOption("demo", flag, raw, min, min, max);
  const outDir = path.resolve(values.out);
  const result = await runDemo(
    {
      outDir,
      personnel: whole(values.personnel, "--personnel", 1000, 1_000_000),
      extraVersions: whole(values["extra-versions"], "--extra-versions", 0, 100_000),
      seed: whole(values.seed, "--seed", 0, 2 ** 31),
      language: ctx.language,
      k: 5,
      deadlineDays: 30,
    },
    {
      now: ctx.effects.now,
      env: ctx.effects.env,
      say: ctx.effects.stdout,
      warn: (t) => ctx.effects.stderr(`! ${t[ctx.language]}`),
      writePack: async (data, outDir) => {
        const files = await writeReportPack(data, outDir, { now: ctx.effects.now() });
        return [files.workbook, files.html, path.join(path.dirname(files.data[0] ?? outDir), "")];
      },
    },
  ).catch((error: unknown) => {
    // A write that failed for the disk (full, read-only) names no file: it was one in the demo's folder.
    const e = error as NodeJS.ErrnoException;
    if (typeof e === "object" && e !== null && typeof e.code === "string" && e.path === undefined) e.path = outDir;
    throw error;
  });
  const es = ctx.language === "es";
  const shown = (file: string) => {
    const rel = path.relative(process.cwd(), file);
    return rel.startsWith("..") ? file : rel;
  };
  ctx.effects.stdout(es ? "Tiempos:" : "Timings:");
  for (const s of result.stages) ctx.effects.stdout(`  ${s.name.padEnd(24)} ${(s.ms / 1000).toFixed(1)} s`);
  ctx.effects.stdout(
    es
      ? `Abra ${shown(result.files[1]!)} en un navegador, o ${shown(result.files[0]!)} en Excel o LibreOffice.`
      : `Open ${shown(result.files[1]!)} in a browser, or ${shown(result.files[0]!)} in Excel or LibreOffice.`,
  );
  return EXIT.ok;
}
