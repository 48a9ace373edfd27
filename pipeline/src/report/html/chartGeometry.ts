/** The plot area of a small chart and its scales: x spreads n slots evenly, y runs from 0 at the bottom to max. */
export interface Plot {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  x(i: number): number;
  y(v: number): number;
}

export function buildPlot(size: { width: number; height: number }, margin: { left: number; right: number; top: number; bottom: number }, slots: number, max: number): Plot {
  const left = margin.left;
  const right = size.width - margin.right;
  const top = margin.top;
  const bottom = size.height - margin.bottom;
  const top0 = max > 0 ? max : 1;
  const pad = slots > 1 ? 0 : (right - left) / 2;
  const step = slots > 1 ? (right - left) / (slots - 1) : 0;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    width: size.width,
    height: size.height,
    left,
    right,
    top,
    bottom,
    x: (i) => round(left + pad + i * step),
    y: (v) => round(bottom - (Math.max(v, 0) / top0) * (bottom - top)),
  };
}

/** Runs of consecutive slots that have a value: one path each, so a missing or hidden value leaves a gap. */
export function linePaths(points: ReadonlyArray<{ x: number; y: number } | null>): string[] {
  const paths: string[] = [];
  let run: string[] = [];
  for (const p of [...points, null]) {
    if (p) run.push(`${run.length === 0 ? "M" : "L"}${p.x} ${p.y}`);
    else {
      if (run.length > 1) paths.push(run.join(" "));
      run = [];
    }
  }
  return paths;
}
