import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { compareVersions } from "./fakeOffice/FakeExcel";

// Excel cannot run here, and the fake Office host answers whatever the add-in asks. So nothing else would notice
// the add-in starting to use an Office.js member that Excel 2019 does not have: it would pass every test and fail
// only in the institutions' Excel. This reads the add-in's code with the TypeScript checker and, for every Excel
// member it touches (property accesses, calls, object literals typed by Office.js, and the names given to
// `load("…")`), finds the API set its declaration in @types/office-js names ("[Api set: ExcelApi 1.9]"). Each must
// be within the manifest's minimum (<Set Name="ExcelApi" MinVersion="1.8"/>) unless the code asks first:
// `if (….isSetSupported("ExcelApi", "1.9")) …`. Sets of one platform only (ExcelApiDesktop, ExcelApiOnline) are
// never within it.

const ROOT = path.join(__dirname, "..", "..");
/** Where @types/office-js declares the Office.js members (TypeScript's file names use "/" on every system). */
const OFFICE_TYPES = "/node_modules/@types/office-js/";

interface Use {
  member: string;
  /** How the code reached it: a property access or call, a name given to load(), an object literal's property. */
  kind: "access" | "load" | "literal";
  set: string;
  version: string;
  at: string;
  guardedUpTo: string | undefined;
}

function manifestMinimum(): string {
  const manifest = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"\s*\/>/.exec(manifest);
  if (!m) throw new Error("manifest.xml declares no ExcelApi requirement");
  return m[1]!;
}

function apiSetOf(symbol: ts.Symbol, checker: ts.TypeChecker): { set: string; version: string } | undefined {
  const declarations = symbol.getDeclarations() ?? [];
  if (!declarations.some((d) => d.getSourceFile().fileName.includes(OFFICE_TYPES))) return undefined;
  for (const tag of symbol.getJsDocTags(checker)) {
    const text = ts.displayPartsToString(tag.text);
    const m = /\[Api set: (\w+) ([\d.]+)/.exec(text);
    if (m) return { set: m[1]!, version: m[2]! };
  }
  return undefined;
}

/**
 * The ExcelApi version an enclosing `if (x.isSetSupported("ExcelApi", "V"))` asks for, if any: the call itself or
 * one term of an `&&` chain, never a negated one (`if (!…isSetSupported(…))` guards its else, not its then).
 */
function guardAround(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    // Only the branch taken when the set is supported: not the condition, not the else.
    if (!ts.isIfStatement(n) || node.getStart() < n.thenStatement.getStart() || node.getEnd() > n.thenStatement.getEnd()) continue;
    let found: string | undefined;
    const visit = (e: ts.Node) => {
      if (ts.isParenthesizedExpression(e)) visit(e.expression);
      else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
        visit(e.left);
        visit(e.right);
      } else if (ts.isCallExpression(e) && /isSetSupported$/.test(e.expression.getText())) {
        const [name, version] = e.arguments;
        if (name && version && ts.isStringLiteral(name) && ts.isStringLiteral(version) && name.text === "ExcelApi") found = version.text;
      }
    };
    visit(n.expression);
    if (found) return found;
  }
  return undefined;
}

function excelUses(): Use[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error("tsconfig.json could not be read");
  const files = config.fileNames.filter((f) => f.includes("/addin/src/"));
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  const note = (symbol: ts.Symbol | undefined, node: ts.Node, member: string, kind: Use["kind"]) => {
    if (!symbol) return;
    const set = apiSetOf(symbol, checker);
    if (!set) return;
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    uses.push({ member, kind, ...set, at: `${path.relative(ROOT, sf.fileName)}:${line + 1}`, guardedUpTo: guardAround(node) });
  };
  /** `load("items/name")`, `load("values,formulas")`: each name looked up on the type it is loaded from. */
  const noteLoad = (call: ts.CallExpression, receiver: ts.Expression) => {
    const arg = call.arguments[0];
    if (!arg || !ts.isStringLiteralLike(arg)) return;
    for (const p of arg.text.split(",")) {
      let type: ts.Type | undefined = checker.getTypeAtLocation(receiver);
      for (const name of p.trim().split("/")) {
        const symbol: ts.Symbol | undefined = type?.getProperty(name);
        if (!symbol) break;
        note(symbol, arg, `${checker.typeToString(type!)}.${name}`, "load");
        const next: ts.Type = checker.getTypeOfSymbolAtLocation(symbol, call);
        type = checker.isArrayType(next) ? checker.getTypeArguments(next as ts.TypeReference)[0] : next;
      }
    }
  };
  for (const file of files) {
    const sf = program.getSourceFile(file)!;
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        note(symbol, node, `${checker.typeToString(checker.getTypeAtLocation(node.expression))}.${node.name.text}`, "access");
        if (node.name.text === "load" && ts.isCallExpression(node.parent) && node.parent.expression === node) noteLoad(node.parent, node.expression);
      } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
        const literal = node.parent;
        const contextual = ts.isObjectLiteralExpression(literal) ? checker.getContextualType(literal) : undefined;
        const name = node.name.getText();
        note(contextual?.getProperty(name), node, `${contextual ? checker.typeToString(contextual) : "?"}.${name}`, "literal");
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

describe("the add-in uses only the Office.js its manifest requires", () => {
  const minimum = manifestMinimum();
  const uses = excelUses();

  it("finds the Excel members the add-in uses, with their API sets (so the check below is not vacuous)", () => {
    const found = (kind: Use["kind"]) => new Set(uses.filter((u) => u.kind === kind).map((u) => `${u.member} ${u.set} ${u.version}`));
    // Members of each kind of use, each with the set its declaration names.
    for (const m of ["Runtime.enableEvents ExcelApi 1.8", "Worksheet.getRange ExcelApi 1.1", "Worksheet.onChanged ExcelApi 1.7", "Application.suspendScreenUpdatingUntilNextSync ExcelApi 1.9"]) {
      expect(found("access")).toContain(m);
    }
    expect(found("load")).toContain("Worksheet.name ExcelApi 1.1"); // load("items/name") on the worksheets
    expect(found("load")).toContain("Range.formulas ExcelApi 1.1"); // load("values,formulas")
    expect(found("literal")).toContain("DataValidationRule.wholeNumber ExcelApi 1.8"); // range.dataValidation.rule = { wholeNumber: … }
    expect(uses.length).toBeGreaterThan(40);
    // The manifest's minimum is the one the task pane checks at start (startHost.ts).
    const startHost = readFileSync(path.join(ROOT, "addin/src/host/startHost.ts"), "utf8");
    expect(/REQUIRED_EXCEL_API = "([\d.]+)"/.exec(startHost)?.[1]).toBe(minimum);
  });

  it(`every member beyond ExcelApi ${minimum} is used only after asking isSetSupported for it`, () => {
    const beyond = uses.filter((u) => u.set !== "ExcelApi" || compareVersions(u.version, minimum) > 0);
    const unguarded = beyond.filter((u) => u.set !== "ExcelApi" || u.guardedUpTo === undefined || compareVersions(u.guardedUpTo, u.version) < 0);
    expect(unguarded.map((u) => `${u.at} ${u.member} needs ${u.set} ${u.version}`)).toEqual([]);
  });
});
