import { AppProvider } from "@shopify/polaris/build/esm/components/AppProvider/AppProvider.js";
import englishTranslations from "@shopify/polaris/locales/en.json";
import fc from "fast-check";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { axisTicks, SvgBarChart, SvgFunnelChart } from "./SvgChart";

const markup = (chart: ReactElement) => renderToStaticMarkup(<AppProvider i18n={englishTranslations}>{chart}</AppProvider>);

/** Every bar of a chart: its tooltip, and its height and width in the SVG's units. */
function bars(html: string): { title: string; width: number; height: number }[] {
  return [...html.matchAll(/<rect ([^>]*)><title>([^<]*)<\/title><\/rect>/g)].map(([, attributes, title]) => ({
    title: title!.replace(/&#x27;/g, "'"),
    width: Number(/ width="([^"]+)"/.exec(` ${attributes}`)?.[1]),
    height: Number(/ height="([^"]+)"/.exec(` ${attributes}`)?.[1]),
  }));
}

describe("axisTicks", () => {
  it("starts at 0, rises in equal round steps and reaches the maximum, in at most six ticks", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (max) => {
        const ticks = axisTicks(max);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(6);
        const step = ticks[1]! - ticks[0]!;
        for (let index = 1; index < ticks.length; index += 1) expect(ticks[index]! - ticks[index - 1]!).toBeCloseTo(step, 6);
        // A step is 1, 2, 2.5 or 5 times a power of ten.
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
        expect([1, 2, 2.5, 5].some((round) => Math.abs(mantissa - round) < 1e-6)).toBe(true);
      }),
    );
  });

  it("gives an axis of 0 to 1 when there is nothing to draw", () => {
    expect(axisTicks(0)).toEqual([0, 1]);
  });
});

describe("SvgBarChart", () => {
  it("draws a named image with one bar per series and key, heights proportional to the values, each with its value as tooltip", () => {
    const html = markup(
      <SvgBarChart
        height={240}
        label="Shipments by carrier"
        caption="Shipments created per day"
        type="stacked"
        formatValue={(value) => `${value}`}
        data={[
          { name: "UPS", data: [{ key: "Mon", value: 30 }, { key: "Tue", value: 10 }] },
          { name: "DHL", data: [{ key: "Mon", value: 10 }] },
        ]}
      />,
    );
    expect(html).toContain('<figure aria-label="Shipments by carrier"');
    expect(html).toContain('role="img" aria-label="Shipments by carrier"');
    expect(html).toContain("Shipments created per day");
    const drawn = bars(html);
    expect(drawn.map((bar) => bar.title)).toEqual(["Mon · UPS: 30", "Mon · DHL: 10", "Tue · UPS: 10", "Tue · DHL: 0"]);
    // Stacked: Monday's bars are 3 : 1; Tuesday's UPS bar equals Monday's DHL bar; a missing value is no bar.
    expect(drawn[0]!.height / drawn[1]!.height).toBeCloseTo(3, 6);
    expect(drawn[2]!.height).toBeCloseTo(drawn[1]!.height, 6);
    expect(drawn[3]!.height).toBe(0);
  });

  it("draws horizontal bars whose widths follow the values", () => {
    const html = markup(
      <SvgBarChart height={160} label="Late by carrier" direction="horizontal" formatValue={(value) => `${value} %`} data={[{ name: "Late", data: [{ key: "FedEx", value: 8 }, { key: "USPS", value: 2 }] }]} />,
    );
    const drawn = bars(html);
    expect(drawn.map((bar) => bar.title)).toEqual(["FedEx: 8 %", "USPS: 2 %"]);
    expect(drawn[0]!.width / drawn[1]!.width).toBeCloseTo(4, 6);
  });
});

describe("SvgFunnelChart", () => {
  it("draws each stage as a share of the first, with the share that did not go on from the stage before", () => {
    const html = markup(
      <SvgFunnelChart
        height={220}
        label="Delivery funnel"
        formatValue={(value) => `${value}`}
        formatPercentage={(percent) => `${Math.round(percent)}%`}
        tooltipLabels={{ reached: "reached", dropped: "dropped" }}
        stages={[
          { key: "Shipped", value: 200 },
          { key: "In transit", value: 150 },
          { key: "Delivered", value: 120 },
        ]}
      />,
    );
    const drawn = bars(html);
    expect(drawn.map((bar) => bar.title)).toEqual([
      "Shipped: reached 100%, dropped 0%",
      "In transit: reached 75%, dropped 25%",
      "Delivered: reached 60%, dropped 20%",
    ]);
    expect(drawn[1]!.height / drawn[0]!.height).toBeCloseTo(0.75, 6);
  });
});
