// A tiny static file server for www/ on 127.0.0.1, with the headers a real deployment should send:
// correct MIME types (application/wasm for streaming compilation), a strict Content-Security-Policy
// and no caching surprises. Usage: node scripts/serve.mjs [port] [root]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
const root = resolve(process.argv[3] ?? "www");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};
// 'wasm-unsafe-eval' allows WebAssembly compilation only; no JS eval, no inline script.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function startServer({ port: p = port, root: r = root, quiet = false } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://x");
      let path = normalize(decodeURIComponent(url.pathname));
      if (path.endsWith("/")) path += "index.html";
      const file = join(r, path);
      if (!file.startsWith(r)) throw Object.assign(new Error("outside root"), { status: 403 });
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error("not a file"), { status: 404 });
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Embedder-Policy": "require-corp",
        "Cache-Control": "no-cache",
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e.status ?? (e.code === "ENOENT" ? 404 : 500), { "Content-Type": "text/plain" });
      res.end(String(e.message));
    }
  });
  return new Promise((ok) =>
    server.listen(p, "127.0.0.1", () => {
      const addr = `http://127.0.0.1:${server.address().port}/`;
      if (!quiet) console.log(`medproof: serving ${r} at ${addr}`);
      ok({ server, url: addr });
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) startServer();
