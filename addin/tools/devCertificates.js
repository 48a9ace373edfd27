// HTTPS certificates for `npm run dev` (Office loads add-ins over HTTPS only), made offline.
// Reuses the ones office-addin-dev-certs leaves in ~/.office-addin-dev-certs/ when present; otherwise makes a
// local CA and a localhost certificate with the `mkcert` npm package into .certs/ (git-ignored). Nothing here
// installs the CA: trusting it is a manual step described in addin/README.md.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const OFFICE_DIR = path.join(os.homedir(), ".office-addin-dev-certs");
const LOCAL_DIR = path.resolve(__dirname, "../../.certs");
const DAYS = 365;

function read(dir) {
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)]));
  if (!Object.values(paths).every((p) => fs.existsSync(p))) return undefined;
  return { dir, caPath: paths.ca, ca: fs.readFileSync(paths.ca), cert: fs.readFileSync(paths.cert), key: fs.readFileSync(paths.key) };
}

async function devCertificates() {
  const existing = read(OFFICE_DIR) ?? read(LOCAL_DIR);
  if (existing) return existing;
  const { createCA, createCert } = require("mkcert");
  const ca = await createCA({ organization: "PA1325 development CA", countryCode: "PE", state: "Lima", locality: "Lima", validity: DAYS });
  const cert = await createCert({ ca, domains: ["localhost", "127.0.0.1"], validity: DAYS });
  fs.mkdirSync(LOCAL_DIR, { recursive: true });
  fs.writeFileSync(path.join(LOCAL_DIR, "ca.crt"), ca.cert);
  fs.writeFileSync(path.join(LOCAL_DIR, "ca.key"), ca.key, { mode: 0o600 });
  fs.writeFileSync(path.join(LOCAL_DIR, "localhost.crt"), `${cert.cert}\n${ca.cert}`);
  fs.writeFileSync(path.join(LOCAL_DIR, "localhost.key"), cert.key, { mode: 0o600 });
  console.log(`Made a development CA and a localhost certificate in ${LOCAL_DIR}. Trust ${path.join(LOCAL_DIR, "ca.crt")} once (see addin/README.md).`);
  return read(LOCAL_DIR);
}

module.exports = { devCertificates };
