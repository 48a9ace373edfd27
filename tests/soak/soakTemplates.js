// Shared by the soak scripts: the compiled modules under dist/, command-line flags, and the filled templates they
// mutate (the same four each time for a given seed).
const path = require("node:path");

const dist = path.resolve(__dirname, "../../dist");

/** A module of dist/ (e.g. "pipeline/src/xlsx/readWorkbook"), or exit 2 with what to run first. */
function loadDist(p) {
  try {
    return require(path.join(dist, p));
  } catch {
    console.error(`Missing ${path.join(dist, p)}.js: run \`npm run build:cli\` first.`);
    process.exit(2);
  }
}

/** `--name N` from the command line, as a number. */
function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Four filled templates (EP and CECOPAZ in Spanish, MGP and DIGEDOC in English), 500 people each. */
async function filledTemplates(seed) {
  const { writeTemplateXlsx } = loadDist("pipeline/src/xlsx/writeTemplateXlsx");
  const { fillTemplate } = loadDist("pipeline/src/demo/fillTemplate");
  const { Random } = loadDist("pipeline/src/demo/Random");
  const { syntheticPeople } = loadDist("pipeline/src/demo/syntheticPeople");
  const { currentCatalog } = loadDist("core/src/catalog/builtInCatalogs");
  const { buildTemplateLayout } = loadDist("core/src/layout/buildTemplateLayout");
  const catalog = currentCatalog();
  const bases = [];
  for (const [code, language] of [["EP", "es"], ["MGP", "en"], ["CECOPAZ", "es"], ["DIGEDOC", "en"]]) {
    const layout = buildTemplateLayout(catalog, code, "2026-S1", language);
    const rng = new Random(seed + bases.length);
    const inputs = fillTemplate(catalog, layout, { rng, people: syntheticPeople(catalog, code, 500, 0.13, rng), scale: 1, womenShare: 0.13, preparedBy: "soak" });
    bases.push(await writeTemplateXlsx(layout, { inputs, now: new Date(Date.UTC(2026, 6, 1)) }));
  }
  return bases;
}

module.exports = { loadDist, flag, filledTemplates };
