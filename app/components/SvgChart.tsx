import type { ReactNode } from "react";
import { ChartFigure } from "./ChartFigure";

/**
 * The dashboard's charts, drawn as plain SVG by React on the server and again, identically, on
 * hydration: no chart library reaches the browser, nothing measures the window, and the chart is
 * in the first paint. The SVG scales to its box's width (viewBox), keeps the box's height, and
 * each bar carries a `<title>` (the browser's own tooltip) with its name and value.
 *
 * The chart is a figure named by `label`, and its one SVG is an image with the same name (the same
 * numbers are on the page as text beside the chart); `caption` (under it) says what the axes
 * measure.
 */

export interface ChartSeries {
  name: string;
  data: { key: string; value: number }[];
}

/** Fills of the series, in order (Polaris-like blue, teal, orange, purple). */
export const SERIES_COLORS = ["#2c6ecb", "#1b998b", "#e37d30", "#8a55c9"] as const;
const AXIS_TEXT = "#616161";
const GRID = "#e3e3e3";
const WIDTH = 640;
const FONT = 12;
const LEGEND_HEIGHT = 22;

/** Round maximum and tick step for an axis from 0 to `max` with about four steps. */
export function axisTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((multiple) => multiple * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step / 2; tick += step) ticks.push(Number(tick.toPrecision(12)));
  if (ticks.at(-1)! < max) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  return ticks;
}

/** A rough width of a label in the chart's font, to leave room for it. */
const textWidth = (text: string) => text.length * FONT * 0.58;

function Legend({ series, y }: { series: ChartSeries[]; y: number }) {
  let x = 0;
  return (
    <g>
      {series.map((entry, index) => {
        const at = x;
        x += 18 + textWidth(entry.name) + 16;
        return (
          <g key={entry.name} transform={`translate(${at},${y})`}>
            <rect width={12} height={12} rx={2} fill={SERIES_COLORS[index % SERIES_COLORS.length]} />
            <text x={18} y={10} fontSize={FONT} fill={AXIS_TEXT}>
              {entry.name}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function SvgFigure({ height, label, caption, children }: { height: number; label: string; caption?: string | undefined; children: ReactNode }) {
  return (
    <ChartFigure height={height} label={label} caption={caption}>
      <svg role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" height={height} preserveAspectRatio="xMinYMid meet" style={{ display: "block", overflow: "visible" }}>
        {children}
      </svg>
    </ChartFigure>
  );
}

interface BarChartProps {
  height: number;
  label: string;
  caption?: string | undefined;
  data: ChartSeries[];
  /** Horizontal: one row per key, bars grow to the right. Vertical: one column per key. */
  direction?: "horizontal" | "vertical";
  /** Stacked: the series' bars of a key on top of each other; grouped (default): side by side. */
  type?: "grouped" | "stacked";
  /** Shown when there is more than one series, unless turned off. */
  showLegend?: boolean;
  formatValue: (value: number) => string;
}

/** Bars of one or more series over the same keys. */
export function SvgBarChart({ height, label, caption, data, direction = "vertical", type = "grouped", showLegend = true, formatValue }: BarChartProps) {
  const keys = [...new Set(data.flatMap((series) => series.data.map((point) => point.key)))];
  const valueOf = (series: ChartSeries, key: string) => series.data.find((point) => point.key === key)?.value ?? 0;
  const totals = keys.map((key) => (type === "stacked" ? data.reduce((sum, series) => sum + valueOf(series, key), 0) : Math.max(0, ...data.map((series) => valueOf(series, key)))));
  const ticks = axisTicks(Math.max(0, ...totals));
  const max = ticks.at(-1)!;
  const legend = showLegend && data.length > 1;
  const top = legend ? LEGEND_HEIGHT + 6 : 4;
  const title = (series: ChartSeries, key: string) => (data.length > 1 ? `${key} · ${series.name}: ${formatValue(valueOf(series, key))}` : `${key}: ${formatValue(valueOf(series, key))}`);
  const color = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length];

  if (direction === "horizontal") {
    const left = Math.min(WIDTH * 0.4, Math.max(...keys.map(textWidth), 20) + 8);
    const bottom = FONT + 10;
    const plotWidth = WIDTH - left - 8;
    const rowHeight = (height - top - bottom) / Math.max(1, keys.length);
    const barsPerRow = type === "stacked" ? 1 : data.length;
    const barHeight = Math.min(24, (rowHeight * 0.7) / barsPerRow);
    const x = (value: number) => left + (value / max) * plotWidth;
    return (
      <SvgFigure height={height} label={label} caption={caption}>
        {legend && <Legend series={data} y={0} />}
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={top} y2={height - bottom} stroke={GRID} />
            <text x={x(tick)} y={height - 4} fontSize={FONT} fill={AXIS_TEXT} textAnchor="middle">
              {formatValue(tick)}
            </text>
          </g>
        ))}
        {keys.map((key, row) => {
          const rowTop = top + row * rowHeight;
          const barsTop = rowTop + (rowHeight - barHeight * barsPerRow) / 2;
          let stackedAt = 0;
          return (
            <g key={key}>
              <text x={left - 8} y={rowTop + rowHeight / 2 + FONT / 3} fontSize={FONT} fill={AXIS_TEXT} textAnchor="end">
                {key}
              </text>
              {data.map((series, index) => {
                const value = valueOf(series, key);
                const from = type === "stacked" ? stackedAt : 0;
                stackedAt += value;
                return (
                  <rect key={series.name} x={x(from)} y={type === "stacked" ? barsTop : barsTop + index * barHeight} width={Math.max(0, x(from + value) - x(from))} height={barHeight - 2} rx={2} fill={color(index)}>
                    <title>{title(series, key)}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </SvgFigure>
    );
  }

  const left = Math.max(...ticks.map((tick) => textWidth(formatValue(tick)))) + 8;
  const bottom = FONT + 10;
  const plotHeight = height - top - bottom;
  const columnWidth = (WIDTH - left) / Math.max(1, keys.length);
  const barsPerColumn = type === "stacked" ? 1 : data.length;
  const barWidth = Math.min(40, (columnWidth * 0.75) / barsPerColumn);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  // Every n-th key is written under its column, so the labels never overlap.
  const every = Math.max(1, Math.ceil((Math.max(...keys.map(textWidth), 1) + 8) / columnWidth));
  return (
    <SvgFigure height={height} label={label} caption={caption}>
      {legend && <Legend series={data} y={0} />}
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={WIDTH} y1={y(tick)} y2={y(tick)} stroke={GRID} />
          <text x={left - 6} y={y(tick) + FONT / 3} fontSize={FONT} fill={AXIS_TEXT} textAnchor="end">
            {formatValue(tick)}
          </text>
        </g>
      ))}
      {keys.map((key, column) => {
        const center = left + (column + 0.5) * columnWidth;
        const barsLeft = center - (barWidth * barsPerColumn) / 2;
        let stackedAt = 0;
        return (
          <g key={key}>
            {column % every === 0 && (
              <text x={center} y={height - 4} fontSize={FONT} fill={AXIS_TEXT} textAnchor="middle">
                {key}
              </text>
            )}
            {data.map((series, index) => {
              const value = valueOf(series, key);
              const from = type === "stacked" ? stackedAt : 0;
              stackedAt += value;
              return (
                <rect key={series.name} x={type === "stacked" ? barsLeft : barsLeft + index * barWidth} y={y(from + value)} width={Math.max(0, barWidth - 2)} height={Math.max(0, y(from) - y(from + value))} fill={color(index)}>
                  <title>{title(series, key)}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </SvgFigure>
  );
}

interface FunnelChartProps {
  height: number;
  label: string;
  caption?: string | undefined;
  /** The stages in order; each bar's height is its share of the first stage. */
  stages: { key: string; value: number }[];
  formatValue: (value: number) => string;
  /** A share in percent (0–100) as the page writes it. */
  formatPercentage: (percent: number) => string;
  /** Words of the tooltip: the share of the first stage that reached a stage, and the share of the stage before that did not. */
  tooltipLabels: { reached: string; dropped: string };
}

/** Shipments reaching each stage, as a share of the first stage, with the share written above each bar. */
export function SvgFunnelChart({ height, label, caption, stages, formatValue, formatPercentage, tooltipLabels }: FunnelChartProps) {
  const first = stages[0]?.value ?? 0;
  const top = FONT * 2 + 10;
  const bottom = FONT + 10;
  const plotHeight = height - top - bottom;
  const columnWidth = WIDTH / Math.max(1, stages.length);
  const barWidth = columnWidth * 0.7;
  return (
    <SvgFigure height={height} label={label} caption={caption}>
      <line x1={0} x2={WIDTH} y1={height - bottom} y2={height - bottom} stroke={GRID} />
      {stages.map((stage, index) => {
        const share = first > 0 ? (stage.value / first) * 100 : 0;
        const previous = index === 0 ? first : (stages[index - 1]?.value ?? 0);
        const dropped = previous > 0 ? (Math.max(0, previous - stage.value) / previous) * 100 : 0;
        const barHeight = (share / 100) * plotHeight;
        const center = (index + 0.5) * columnWidth;
        return (
          <g key={stage.key}>
            <text x={center} y={height - bottom - barHeight - FONT - 8} fontSize={FONT + 2} fontWeight={600} fill="#303030" textAnchor="middle">
              {formatPercentage(share)}
            </text>
            <text x={center} y={height - bottom - barHeight - 6} fontSize={FONT} fill={AXIS_TEXT} textAnchor="middle">
              {formatValue(stage.value)}
            </text>
            <rect x={center - barWidth / 2} y={height - bottom - barHeight} width={barWidth} height={barHeight} rx={3} fill={SERIES_COLORS[0]}>
              <title>{`${stage.key}: ${tooltipLabels.reached} ${formatPercentage(share)}, ${tooltipLabels.dropped} ${formatPercentage(dropped)}`}</title>
            </rect>
            <text x={center} y={height - 4} fontSize={FONT} fill={AXIS_TEXT} textAnchor="middle">
              {stage.key}
            </text>
          </g>
        );
      })}
    </SvgFigure>
  );
}
