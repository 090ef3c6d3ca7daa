// Render www/icons/icon.svg to the PNG icons the web app manifest lists (192 and 512 px, and a
// maskable 512 px one with the safe-zone padding Android's launchers crop to), with headless
// Chromium. The PNGs are committed; run this again after changing the SVG:
//   node scripts/make-icons.mjs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, launch } from "../tests/pages/browser.mjs";

const svg = readFileSync(join(ROOT, "www/icons/icon.svg"), "utf8");
const browser = await launch();
try {
  for (const [name, size, inset] of [
    ["icon-192.png", 192, 0],
    ["icon-512.png", 512, 0],
    ["maskable-512.png", 512, 0.1],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const pad = Math.round(size * inset);
    await page.setContent(
      `<body style="margin:0;background:#0b4f6c"><div style="padding:${pad}px">` +
        `<img style="display:block;width:${size - 2 * pad}px;height:${size - 2 * pad}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"></div></body>`,
    );
    await page.screenshot({ path: join(ROOT, "www/icons", name), omitBackground: false });
    await page.close();
    console.log(`www/icons/${name}`);
  }
} finally {
  await browser.close();
}
