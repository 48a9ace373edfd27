import type { Language } from "../../core/src/i18n/Language";
import type {
  CompletenessCell,
  IndicatorStat,
  ParityStat,
  PersonnelStat,
  ReportData,
  RosterConsistency,
  RosterStat,
  TrendPoint,
} from "../../core/src/stats/ReportData";

/** Text payloads that would run as formulas or commands if a spreadsheet took them for formulas. */
export const INJECTION = {
  hyperlink: '=HYPERLINK("http://x","y")',
  plus: "+1+2",
  at: "@SUM(1)",
  minus: "-3+3",
  tab: "\tcmd",
  cr: "\rcmd",
  fileName: "=cmd|' /C calc'!A0.xlsx",
  html: '<script>alert(1)</script><img src="http://x/y.png">',
} as const;

export interface FixtureOptions {
  /** False gives the Committee's internal copy (no suppression, every count shown). */
  suppression?: boolean;
  language?: Language;
}

const PERIOD = "2026-S1";

/**
 * A small, hand-made ReportData: three institutions, a people indicator (women and men, by category, some cells
 * hidden), a count indicator, a deliverable, parity months with and without a UN target, personnel by rank,
 * trends with a hidden and a missing semester, a completeness matrix with every status, and formula-like text in
 * the fields that come from submissions. With `suppression: false` the hidden counts are shown.
 */
export function reportFixture(options: FixtureOptions = {}): ReportData {
  const applied = options.suppression ?? true;
  const language = options.language ?? "es";
  const es = language === "es";
  /** A count hidden (null) when suppression applies, the real number otherwise. */
  const hide = (n: number) => ({ value: applied ? null : n, suppressed: applied });
  const shown = (n: number) => ({ value: n, suppressed: false });

  const people = (institution: string, breakdownKey: string, breakdown: string, sex: "F" | "M" | "*", v: { value: number | null; suppressed: boolean }, comparable = true): IndicatorStat => ({
    period: PERIOD,
    area: "PREV",
    indicatorCode: "PREV-1.1",
    indicator: es ? "Número de personas capacitadas en género y empoderamiento de la mujer." : "Number of people trained on gender and women's empowerment.",
    measure: "people",
    unit: es ? "personas" : "people",
    institution,
    breakdownKey,
    breakdown,
    sex,
    ...v,
    institutionsReporting: institution === "*" ? 2 : 1,
    comparable,
  });
  const officers = es ? "Oficiales" : "Officers";
  const cadets = es ? "Cadetes" : "Cadets";
  const total = es ? "Total" : "Total";
  const count = (institution: string, breakdownKey: string, breakdown: string, value: number): IndicatorStat => ({
    period: PERIOD,
    area: "PREV",
    indicatorCode: "PREV-2.2",
    indicator: es ? "Número de artículos o eventos desarrollados." : "Number of articles or events developed.",
    measure: "count",
    unit: es ? "artículos o eventos" : "articles or events",
    institution,
    breakdownKey,
    breakdown,
    sex: null,
    value,
    suppressed: false,
    institutionsReporting: institution === "*" ? 2 : 1,
    comparable: true,
  });
  const hours = (institution: string, breakdownKey: string, breakdown: string, value: number): IndicatorStat => ({
    period: PERIOD,
    area: "PREV",
    indicatorCode: "PREV-1.2",
    indicator: es ? "Horas lectivas con enfoque de género." : "Teaching hours on gender topics.",
    measure: "hours",
    unit: es ? "horas lectivas" : "teaching hours",
    institution,
    breakdownKey,
    breakdown,
    sex: null,
    value,
    suppressed: false,
    institutionsReporting: institution === "*" ? 2 : 1,
    comparable: institution !== "MGP",
  });
  // Gender hours lie within total hours: the breakdown overlaps, so the indicator has no "*" total.
  const genderHours = ["hourKind=GENDER_HOURS", es ? "Horas con enfoque de género" : "Hours on gender topics"] as const;
  const allHours = ["hourKind=TOTAL_HOURS", es ? "Horas lectivas totales" : "Total teaching hours"] as const;

  const indicators: IndicatorStat[] = [
    people("EP", "*", total, "F", shown(14)),
    people("EP", "*", total, "M", shown(30)),
    people("EP", "*", total, "*", shown(44)),
    people("EP", "category=OFICIALES", officers, "F", shown(12)),
    people("EP", "category=OFICIALES", officers, "M", shown(21)),
    people("EP", "category=OFICIALES", officers, "*", shown(33)),
    people("EP", "category=CADETES", cadets, "F", hide(2)),
    people("EP", "category=CADETES", cadets, "M", hide(9)),
    people("EP", "category=CADETES", cadets, "*", shown(11)),
    people("MGP", "*", total, "F", hide(3)),
    people("MGP", "*", total, "M", hide(17)),
    people("MGP", "*", total, "*", shown(20)),
    people("*", "*", total, "F", shown(17)),
    people("*", "*", total, "M", shown(47)),
    people("*", "*", total, "*", shown(64)),
    count("EP", "*", total, 4),
    count("EP", "outputType=ARTICLE", INJECTION.minus, 3),
    count("EP", "outputType=EVENT", es ? "Eventos" : "Events", 1),
    count("MGP", "*", total, 7),
    count("*", "*", total, 11),
    hours("EP", ...genderHours, 12.5),
    hours("EP", ...allHours, 120),
    hours("MGP", ...genderHours, 40.25),
    hours("MGP", ...allHours, 300),
    hours("*", ...genderHours, 52.75),
    hours("*", ...allHours, 420),
  ];

  const rosterRow = (institution: string, category: string, sex: RosterStat["sex"], v: { value: number | null; suppressed: boolean }): RosterStat => ({
    period: PERIOD,
    indicatorCode: "PREV-1.1",
    indicator: indicators[0]!.indicator,
    institution,
    category,
    sex,
    people: v.value,
    suppressed: v.suppressed,
  });
  const roster: RosterStat[] = [
    rosterRow("EP", "OFICIALES", "F", shown(12)),
    rosterRow("EP", "OFICIALES", "M", shown(21)),
    rosterRow("EP", "OFICIALES", "*", shown(33)),
    rosterRow("EP", "CADETES", "F", hide(2)),
    rosterRow("EP", "CADETES", "M", hide(9)),
    rosterRow("EP", "CADETES", "*", shown(11)),
    rosterRow("UNKNOWN", "*", "UNKNOWN", hide(1)),
  ];

  const consistency = (institution: string, breakdownKey: string, reported: number, listed: number): RosterConsistency => ({
    period: PERIOD,
    indicatorCode: "PREV-1.1",
    institution,
    breakdownKey,
    reported: applied ? null : reported,
    listed: applied ? null : listed,
    status: reported === listed ? "match" : "differs",
  });

  const parityRow = (month: string, women: number, men: number, targetPct: number | null, extra: Partial<ParityStat> = {}): ParityStat => {
    const small = women > 0 && women < 5;
    const hidden = applied && small;
    const share = Math.round((1000 * women) / (women + men)) / 10;
    const status = targetPct === null ? "no-target" : share >= targetPct ? "green" : share >= 0.1 ? "yellow" : "red";
    return {
      period: month === "*" || month >= "2026-01" ? PERIOD : "2025-S2",
      month,
      mission: "*",
      unPersonnelType: "*",
      parityCategory: "CONTINGENTS",
      women: hidden ? null : women,
      men: hidden ? null : men,
      total: hidden ? null : women + men,
      womenSharePct: hidden ? null : share,
      suppressed: hidden,
      targetPct,
      targetSource: targetPct === null ? null : "UN Uniformed Gender Parity Strategy 2018-2028, yearly targets",
      status: hidden ? null : status,
      unWomenSharePct: 8.4,
      peruUnWomenSharePct: hidden ? null : share,
      ...extra,
    };
  };
  const parity: ParityStat[] = [
    // 2025: the strategy's table gives no target for the year (a missing-target year).
    parityRow("2025-11", 9, 91, null),
    parityRow("2025-12", 10, 90, null),
    parityRow("2026-01", 14, 86, 12),
    parityRow("2026-02", 11, 89, 12),
    parityRow("2026-03", 0, 95, 12),
    parityRow("2026-04", 3, 97, 12),
    parityRow("*", 16, 104, 12),
    parityRow("2026-01", 7, 53, 12, { mission: "MINUSCA", unPersonnelType: "TROOPS", unWomenSharePct: 9.1, peruUnWomenSharePct: 11.7 }),
  ];

  const person = (institution: string, category: string, rank: string, rankLabel: string, women: number, men: number): PersonnelStat => {
    const hidden = applied && women > 0 && women < 5;
    return {
      asOf: "2026-06-30",
      institution,
      category,
      rank,
      rankLabel,
      women: hidden ? null : women,
      men: hidden ? null : men,
      total: hidden ? null : women + men,
      womenSharePct: hidden ? null : Math.round((1000 * women) / (women + men)) / 10,
      suppressed: hidden,
    };
  };
  const personnel: PersonnelStat[] = [
    person("EP", "OFICIALES", "*", total, 310, 2890),
    person("EP", "OFICIALES", "GRAL_DIV", es ? "General de División" : "Major General", 0, 12),
    person("EP", "OFICIALES", "GRAL_BRIG", es ? "General de Brigada" : "Brigadier General", 2, 40),
    person("EP", "OFICIALES", "CRL", INJECTION.at, 38, 610),
  ];

  const trend = (indicatorCode: string, series: string, seriesLabel: string, period: string, value: number | null, fields: Partial<TrendPoint> = {}): TrendPoint => ({
    indicatorCode,
    indicator: indicatorCode === "PREV-1.1" ? indicators[0]!.indicator : es ? "Horas lectivas con enfoque de género." : "Teaching hours on gender topics.",
    series,
    seriesLabel,
    measure: indicatorCode === "PREV-1.1" ? "people" : "hours",
    period,
    value,
    previous: null,
    change: null,
    changePct: null,
    cumulative: indicatorCode === "PREV-1.1",
    cumulativeToDate: null,
    baseline: null,
    target: null,
    targetPeriod: null,
    status: value === null ? "no-data" : "no-target",
    comparable: true,
    suppressed: false,
    ...fields,
  });
  const goal = { baseline: 30, target: 120, targetPeriod: "2028-S2" };
  const trends: TrendPoint[] = [
    trend("PREV-1.1", "", "", "2025-S1", 38, { ...goal, cumulativeToDate: 38, status: "on-track" }),
    trend("PREV-1.1", "", "", "2025-S2", applied ? null : 4, { ...goal, suppressed: applied, cumulativeToDate: applied ? null : 42, status: applied ? "no-data" : "behind" }),
    trend("PREV-1.1", "", "", "2026-S1", 64, { ...goal, previous: applied ? null : 4, change: applied ? null : 60, changePct: applied ? null : 1500, cumulativeToDate: 106, status: "on-track" }),
    trend("PREV-1.2", "hourKind=GENDER_HOURS", es ? "Horas con enfoque de género" : "Hours on gender topics", "2025-S1", 30.5),
    trend("PREV-1.2", "hourKind=GENDER_HOURS", es ? "Horas con enfoque de género" : "Hours on gender topics", "2025-S2", null),
    trend("PREV-1.2", "hourKind=GENDER_HOURS", es ? "Horas con enfoque de género" : "Hours on gender topics", "2026-S1", 52.75, { comparable: false }),
  ];

  const completeness: CompletenessCell[] = [];
  const statuses: Record<string, Array<[string, CompletenessCell["status"], boolean]>> = {
    EP: [["PREV-1.1", "complete", true], ["PREV-2.2", "complete", true], ["PREV-3.1", "complete", true], ["PART-1.2", "not-reported", false]],
    MGP: [["PREV-1.1", "late", true], ["PREV-2.2", "late", true], ["PREV-3.1", "not-reported", true], ["PART-1.2", "missing", true]],
    FAP: [["PREV-1.1", "refused", true], ["PREV-2.2", "refused", true], ["PREV-3.1", "missing", true], ["PART-1.2", "missing", true]],
  };
  for (const [institution, cells] of Object.entries(statuses)) {
    for (const [indicatorCode, status, expected] of cells) {
      completeness.push({
        institution,
        indicatorCode,
        period: PERIOD,
        expected,
        received: status !== "missing",
        accepted: status === "complete" || status === "late" || status === "not-reported",
        late: status === "late",
        missing: status === "missing" || status === "not-reported",
        status,
        deadline: "2026-07-15",
      });
    }
  }

  return {
    period: PERIOD,
    language,
    generatedAt: "2026-07-20T15:00:00.000Z",
    dataAsOf: "2026-07-18T09:30:00.000Z",
    catalogVersion: "2021.1",
    catalogWordingPending: true,
    suppression: { applied, k: 5 },
    submissions: {
      included: [
        { institution: "EP", period: PERIOD, version: 2, fileName: INJECTION.fileName, sha256: "a".repeat(64), receivedAt: "2026-07-10T14:02:00.000Z", late: false, warnings: 1 },
        { institution: "MGP", period: PERIOD, version: 1, fileName: "MGP 2026-S1.xlsx", sha256: "b".repeat(64), receivedAt: "2026-07-16T08:00:00.000Z", late: true, warnings: 0 },
      ],
      excluded: [
        { institution: "EP", period: PERIOD, fileName: "EP-v1.xlsx", sha256: "c".repeat(64), reason: "superseded", detail: INJECTION.plus },
        { institution: "FAP", period: PERIOD, fileName: "FAP.xlsx", sha256: "d".repeat(64), reason: "refused", detail: INJECTION.tab },
        { institution: null, period: null, fileName: INJECTION.html, sha256: "e".repeat(64), reason: "refused", detail: INJECTION.cr },
      ],
    },
    indicators,
    deliverables: [
      { period: PERIOD, indicatorCode: "PREV-3.1", indicator: es ? "Elaboración de Directivas." : "Directives drafted.", institution: "EP", status: "APPROVED", statusLabel: es ? "Aprobado" : "Approved", progress: 100, approvalDate: "2026-03-15", reference: INJECTION.hyperlink },
      { period: PERIOD, indicatorCode: "PREV-3.1", indicator: es ? "Elaboración de Directivas." : "Directives drafted.", institution: "MGP", status: "IN_PREPARATION", statusLabel: es ? "En elaboración" : "In preparation", progress: 40, approvalDate: null, reference: INJECTION.at },
      { period: PERIOD, indicatorCode: "PREV-3.1", indicator: es ? "Elaboración de Directivas." : "Directives drafted.", institution: "FAP", status: "UNDER_REVIEW", statusLabel: es ? "En revisión" : "Under review", progress: 70, approvalDate: null, reference: INJECTION.cr },
    ],
    roster,
    rosterConsistency: [consistency("EP", "*", 44, 44), consistency("EP", "category=CADETES", 11, 10)],
    parity,
    personnel,
    trends,
    completeness,
    areas: [
      {
        code: "PREV",
        name: es ? "Prevención" : "Prevention",
        indicators: [
          { code: "PREV-1.1", text: indicators[0]!.indicator, measure: "people", unit: es ? "personas" : "people" },
          { code: "PREV-1.2", text: es ? "Horas lectivas con enfoque de género." : "Teaching hours on gender topics.", measure: "hours", unit: es ? "horas lectivas" : "teaching hours" },
          { code: "PREV-2.2", text: es ? "Número de artículos o eventos desarrollados." : "Number of articles or events developed.", measure: "count", unit: es ? "artículos o eventos" : "articles or events" },
          { code: "PREV-3.1", text: es ? "Elaboración de Directivas." : "Directives drafted.", measure: "status", unit: es ? "estado del entregable" : "deliverable status" },
        ],
      },
      {
        code: "PART",
        name: es ? "Participación" : "Participation",
        indicators: [{ code: "PART-1.2", text: es ? "Porcentaje de participación femenina." : "Share of women deployed.", measure: "percentage", unit: "%" }],
      },
    ],
    institutions: [
      { code: "EP", name: es ? "Ejército del Perú" : "Peruvian Army" },
      { code: "MGP", name: es ? "Marina de Guerra del Perú" : "Peruvian Navy" },
      { code: "FAP", name: es ? "Fuerza Aérea del Perú" : "Peruvian Air Force" },
    ],
  };
}

/** Every number the pack publishes from a ReportData: what the workbook and the page must show, and nothing else. */
export function publishedNumbers(data: ReportData): number[] {
  const out: number[] = [];
  const add = (...v: Array<number | null>) => v.forEach((x) => x !== null && out.push(x));
  for (const s of data.indicators) add(s.value);
  for (const d of data.deliverables) add(d.progress);
  for (const r of data.roster) add(r.people);
  for (const r of data.rosterConsistency) add(r.reported, r.listed);
  for (const p of data.parity) add(p.women, p.men, p.total, p.womenSharePct, p.targetPct, p.unWomenSharePct, p.peruUnWomenSharePct);
  for (const p of data.personnel) add(p.women, p.men, p.total, p.womenSharePct);
  for (const t of data.trends) add(t.value, t.change, t.changePct, t.cumulative ? t.cumulativeToDate : null, t.baseline, t.target);
  for (const s of data.submissions.included) add(s.version, s.warnings);
  return out;
}
