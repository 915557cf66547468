// chart.ts - bar charts as inline SVG (no library, no inline style: bars
// and labels are classed elements sized by attributes). Each chart has a
// title and a description for screen readers, and every bar a <title>
// with its value.
import { svg } from "./dom";

export type Bar = { label: string; value: number; text: string };

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 48;
const BOTTOM = 36;

export function barChart(title: string, bars: Bar[], className: string): SVGElement {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = (WIDTH - LEFT) / Math.max(1, bars.length);
  const scale = (HEIGHT - BOTTOM - 10) / max;
  const every = Math.max(1, Math.ceil(bars.length / 10)); // at most ten axis labels
  return svg("svg", { class: `chart ${className}`, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-label": title },
  svg("title", null, title),
  svg("line", { class: "axis", x1: LEFT, y1: HEIGHT - BOTTOM, x2: WIDTH, y2: HEIGHT - BOTTOM }),
  svg("text", { class: "tick", x: LEFT - 6, y: 14, "text-anchor": "end" }, String(max)),
  svg("text", { class: "tick", x: LEFT - 6, y: HEIGHT - BOTTOM, "text-anchor": "end" }, "0"),
  bars.map((bar, index) => {
    const height = bar.value * scale;
    const x = LEFT + index * step;
    return svg("g", { class: "bar", "data-label": bar.label, "data-value": bar.value },
      svg("rect", { x: x + step * 0.1, y: HEIGHT - BOTTOM - height, width: Math.max(1, step * 0.8),
        height: Math.max(0, height) }, svg("title", null, `${bar.label}: ${bar.text}`)),
      index % every === 0 ? svg("text", { class: "tick", x: x + step / 2, y: HEIGHT - BOTTOM + 16,
        "text-anchor": "middle" }, bar.label) : null);
  }));
}
