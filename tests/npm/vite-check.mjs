// Serves a Vite build (argv[2]) and checks in headless Chromium that the bundled package verifies
// the genuine demo pack.
import { launch, openPage, serve } from "../pages/browser.mjs";

const server = await serve(process.argv[2]);
const browser = await launch();
try {
  const { page } = await openPage(browser);
  await page.goto(server.url);
  await page.locator("#out[data-done]").waitFor({ timeout: 30_000 });
  const text = await page.locator("#out").textContent();
  console.log(`vite app in Chromium: ${text}`);
  if (text !== "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad verified") process.exit(1);
} finally {
  await browser.close();
  await server.close();
}
