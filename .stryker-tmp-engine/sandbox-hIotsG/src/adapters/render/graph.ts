/**
 * Graphviz compiled to WebAssembly renders the zone graph to SVG at report
 * time, so the HTML needs no script and no network. Async (the WASM module
 * loads once), hence an adapter.
 */
// @ts-nocheck

import { instance } from "@viz-js/viz";

let viz: ReturnType<typeof instance> | undefined;

export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  const v = await viz;
  const result = v.render(dot, { format: "svg", engine: "dot" });
  if (result.status !== "success") {
    throw new Error(`graphviz failed: ${result.errors.map((e) => e.message).join("; ")}`);
  }
  return result.output;
}
