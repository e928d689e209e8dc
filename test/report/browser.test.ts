/**
 * The report opened in headless Chromium: graph and tables visible, and not
 * a single network request. Skipped (with the reason) only where
 * /usr/bin/chromium is absent; CI installs it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium } from "playwright-core";
import { REPO_ROOT, runCli } from "../support/cli";

const CHROMIUM = "/usr/bin/chromium";
const available = fs.existsSync(CHROMIUM);
if (!available) console.warn(`browser test skipped: ${CHROMIUM} not found (install Debian's chromium package to run it)`);
const maybe = available ? describe : describe.skip;

maybe("HTML report in headless Chromium", () => {
  test("renders the graph and the tables, and requests nothing from the network", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-report-"));
    const file = path.join(dir, "report.html");
    try {
      const r = await runCli(["report", "policies/telecom", "--html", file]);
      expect(r.code).toBe(0);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        const requests: string[] = [];
        page.on("request", (req) => {
          if (req.url() !== `file://${file}`) requests.push(req.url());
        });
        await page.goto(`file://${file}`, { waitUntil: "load" });
        const graph = page.locator("#graph svg.graph");
        await expect(graph.isVisible()).resolves.toBe(true);
        const box = await graph.boundingBox();
        expect(box && box.width > 800 && box.height > 300).toBe(true);
        // Graphviz drew zone nodes and red (vendor-facing) edges.
        expect(await page.locator("#graph svg g.node").count()).toBeGreaterThan(20);
        expect(await page.locator('#graph svg g.edge path[stroke="#d92d20"]').count()).toBeGreaterThan(0);
        for (const id of ["invariants", "exceptions", "zones", "flows", "services"]) await expect(page.locator(`#${id}`).isVisible()).resolves.toBe(true);
        expect(await page.locator("#flows tbody tr").count()).toBeGreaterThan(100);
        expect(await page.locator("#invariants tbody tr").count()).toBe(5);
        // The digest `ztseg compile` writes for the same policy (generated/ is kept current by `npm run demo`'s --check).
        const compiled = /^manifest-digest ([0-9a-f]{64})$/m.exec(fs.readFileSync(path.join(REPO_ROOT, "generated", "index.txt"), "utf8"))?.[1];
        expect(compiled).toMatch(/^[0-9a-f]{64}$/);
        await expect(page.locator("#digest").innerText()).resolves.toBe(compiled);
        expect(requests).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
