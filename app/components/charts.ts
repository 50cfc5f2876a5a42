import { lazy } from "react";

/**
 * polaris-viz's charts, fetched when a chart first renders rather than with the page: its code
 * (charts, d3, react-spring) is the largest part of the dashboard's scripts, and charts are drawn
 * only after hydration anyway (ClientChart), so the page's text paints without waiting for it.
 * Render these inside ClientChart, which suspends until the code has arrived.
 */
const polarisViz = () => import("@shopify/polaris-viz");

export const PolarisVizProvider = lazy(() => polarisViz().then((module) => ({ default: module.PolarisVizProvider })));
export const BarChart = lazy(() => polarisViz().then((module) => ({ default: module.BarChart })));
export const FunnelChartNext = lazy(() => polarisViz().then((module) => ({ default: module.FunnelChartNext })));
