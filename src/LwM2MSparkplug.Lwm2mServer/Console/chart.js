// A small SVG line chart: series of numbers over the same sample times, each drawn as a line with its last value
// in the legend. No library: the console loads nothing from elsewhere.

import { element } from "./dom.js";

const width = 640;
const height = 180;
const margin = { left: 44, right: 10, top: 10, bottom: 22 };

/** series: [{ name, values, className }]; labels: one text per sample (e.g. clock times), oldest first. */
export function lineChart(series, labels, unit) {
  const count = Math.max(0, ...series.map(s => s.values.length));
  const top = Math.max(1, ...series.flatMap(s => s.values.filter(Number.isFinite)));
  const x = index => margin.left + (count <= 1 ? 0 : (index / (count - 1)) * (width - margin.left - margin.right));
  const y = value => margin.top + (1 - value / top) * (height - margin.top - margin.bottom);
  const svg = element("svg:svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": series.map(s => s.name).join(" and ") + ` (${unit})` });
  for (const fraction of [0, 0.5, 1]) {
    const value = top * fraction;
    svg.append(
      element("svg:line", { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), class: "grid" }),
      element("svg:text", { x: margin.left - 6, y: y(value) + 4, "text-anchor": "end", class: "axis" }, formatNumber(value)));
  }
  if (labels.length > 0) {
    svg.append(
      element("svg:text", { x: margin.left, y: height - 6, class: "axis" }, labels[0]),
      element("svg:text", { x: width - margin.right, y: height - 6, "text-anchor": "end", class: "axis" }, labels[labels.length - 1]));
  }
  for (const line of series) {
    // A missing sample (null: the source could not be read) breaks the line rather than drawing a false zero.
    for (const segment of segments(line.values)) {
      const points = segment.map(([index, value]) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(" ");
      svg.append(element("svg:polyline", { points, class: `line ${line.className}` }));
    }
  }
  const legend = element("div", { class: "legend" }, series.map(line =>
    element("span", { class: `key ${line.className}` }, `${line.name}: ${formatNumber(line.values.at(-1))} ${unit}`)));
  return element("figure", { class: "chart" }, svg, legend);
}

/** Runs of consecutive finite samples, as [index, value] pairs. */
function segments(values) {
  const runs = [];
  let run = [];
  values.forEach((value, index) => {
    if (Number.isFinite(value)) {
      run.push([index, value]);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) {
    runs.push(run);
  }
  return runs;
}

export function formatNumber(value) {
  if (!Number.isFinite(value)) {
    return "—";
  }
  return value >= 100 ? Math.round(value).toLocaleString() : value.toFixed(value >= 10 ? 1 : 2).replace(/\.?0+$/, "");
}
