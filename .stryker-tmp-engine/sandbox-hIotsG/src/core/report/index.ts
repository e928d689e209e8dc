/** The auditor's HTML report: data model, Graphviz source, and the page itself (pure; the SVG is rendered by an adapter). */
// @ts-nocheck

export * from "./model";
export { zoneGraphDot } from "./dot";
export { reportHtml, escapeHtml, inlineSvg } from "./html";
