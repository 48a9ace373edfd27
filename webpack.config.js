// The Excel task pane: `npm run dev` (HTTPS dev server on https://localhost:3000/) and `npm run build`
// (production bundle in addin/dist/ with the manifest's URLs rewritten to PA1325_ADDIN_URL).
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";

/** The production address of the task pane files: https, ending in "/". */
function productionUrl(env) {
  const url = env.addinUrl ?? process.env.PA1325_ADDIN_URL;
  if (!url || !/^https:\/\/[^\s"<>]+\/$/.test(url)) {
    throw new Error(
      `Set PA1325_ADDIN_URL to the HTTPS address the task pane is served from, ending in "/" ` +
        `(e.g. PA1325_ADDIN_URL=https://pa1325.mindef.gob.pe/addin/ npm run build). Got: ${url ?? "(unset)"}`,
    );
  }
  return url;
}

module.exports = async (env = {}, argv = {}) => {
  const production = (argv.mode ?? env.mode) === "production";
  const baseUrl = production ? productionUrl(env) : DEV_URL;
  const { devCertificates } = require("./addin/tools/devCertificates");
  return {
    mode: production ? "production" : "development",
    context: __dirname,
    entry: {
      taskpane: "./addin/src/taskpane/index.tsx",
      commands: "./addin/src/host/commands.ts",
    },
    // Office's web views are Edge WebView2 and Safari's WKWebView: modern JavaScript, no IE 11 polyfills.
    target: ["web", "es2020"],
    output: {
      path: env.outputPath ?? path.resolve(__dirname, "addin/dist"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // Type-checked as Node16 modules, where dynamic imports name their ".js" file; webpack finds the .tsx.
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          // Type-checking is `npm run typecheck`'s job; emit ES modules so webpack can drop unused code.
          options: { transpileOnly: true, compilerOptions: { module: "esnext", moduleResolution: "bundler", noEmit: false, sourceMap: !production } },
        },
      ],
    },
    // No eval-based source maps: the page's Content Security Policy forbids eval.
    devtool: production ? false : "source-map",
    optimization: { splitChunks: { chunks: "async" } },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ template: "addin/src/taskpane/taskpane.html", filename: "taskpane.html", chunks: ["taskpane"], scriptLoading: "defer" }),
      new HtmlWebpackPlugin({ template: "addin/src/host/commands.html", filename: "commands.html", chunks: ["commands"], scriptLoading: "defer" }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "addin/assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => content.toString().split(DEV_URL).join(baseUrl) },
        ],
      }),
    ],
    devServer: production
      ? undefined
      : {
          port: 3000,
          host: "localhost",
          server: { type: "https", options: await devCertificates() },
          headers: { "Access-Control-Allow-Origin": "*" },
          hot: false,
          liveReload: true,
          client: { overlay: false },
          static: false,
        },
  };
};
