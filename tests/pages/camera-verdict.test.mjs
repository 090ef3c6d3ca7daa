// The consumer's path end to end: Chromium's fake camera plays a video of a demo pack's QR code
// (the genuine pack, then the cloned pack), the Medicine view decodes it with the wasm decoder,
// finds the pack's proof bundle among the demo's static files, and shows the verdict the scenario
// expects. One browser per video: the fake camera's file is a launch argument.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, launch, openPage, screenshot, serve } from "./browser.mjs";
import { openView, realProblems, writeQrY4m } from "./fixtures.mjs";

const DEMO = join(ROOT, "www/demo/scenarios.json");
const scenarios = existsSync(DEMO) ? JSON.parse(readFileSync(DEMO, "utf8")) : [];

for (const id of ["genuine-pack", "cloned-serial"]) {
  const s = scenarios.find((x) => x.id === id);
  test(`camera: the ${id} demo pack, scanned, shows "${s?.expect.verdict}" (${s?.expect.code})`, { skip: !s && "no demo scenarios" }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "medproof-camera-"));
    const video = join(dir, `${id}.y4m`);
    writeQrY4m(video, s.input);
    const server = await serve();
    const browser = await launch(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${video}`]);
    try {
      const { page, context, problems } = await openPage(browser, { permissions: ["camera"], serviceWorkers: "block" });
      await openView(page, server.url, "medicine");
      await page.getByRole("button", { name: "Scan with camera" }).click();
      const scanned = page.locator("[data-testid='scanned-text']");
      await scanned.waitFor({ timeout: 20_000 });
      assert.equal(await scanned.textContent(), s.input);
      const card = page.locator(".verdict-card");
      await card.waitFor({ timeout: 60_000 });
      assert.equal(await card.getAttribute("data-verdict"), s.expect.verdict, await card.textContent());
      const codes = await card.locator("[data-code]").evaluateAll((els) => els.map((e) => e.dataset.code));
      assert.ok([await card.getAttribute("data-code"), ...codes].includes(s.expect.code), `${s.expect.code} among ${codes}`);
      await screenshot(page, `screenshots/camera-${id}`);
      assert.deepEqual(realProblems(problems), []);
      console.log(`camera -> ${s.input} -> ${s.expect.verdict} (${codes.join(", ")})`);
      await context.close();
    } finally {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
