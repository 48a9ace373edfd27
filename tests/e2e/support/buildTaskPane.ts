import { createRequire } from "node:module";
import path from "node:path";
import webpack from "webpack";

const ROOT = path.resolve(__dirname, "../../..");

type MakeConfig = (env: Record<string, string>, argv: Record<string, string>) => Promise<webpack.Configuration>;

/**
 * Builds the task pane exactly as `npm run build` does (production webpack config), plus the fake Office host
 * bundled from TypeScript, into `outDir`/addin and `outDir`/fake. So `npm test` on a fresh clone needs no other step.
 */
export async function buildTaskPane(outDir: string): Promise<{ addinDir: string; fakeOfficeJs: string }> {
  const makeConfig = createRequire(__filename)(path.join(ROOT, "webpack.config.js")) as MakeConfig;
  const addinDir = path.join(outDir, "addin");
  const fakeDir = path.join(outDir, "fake");
  const addin = await makeConfig({ addinUrl: "https://localhost:3000/", outputPath: addinDir }, { mode: "production" });
  const fake: webpack.Configuration = {
    ...addin,
    entry: { "fake-office": "./tests/addin/fakeOffice/browserHost.ts" },
    output: { path: fakeDir, filename: "[name].js", clean: true },
    plugins: [],
    devServer: undefined,
  } as webpack.Configuration;
  await new Promise<void>((resolve, reject) =>
    webpack([addin, fake], (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    }),
  );
  return { addinDir, fakeOfficeJs: path.join(fakeDir, "fake-office.js") };
}
