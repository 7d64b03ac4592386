import fs from "node:fs";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves the client build (build/client). Files under /assets/ carry a content hash in their
 * names, so browsers may cache them forever; anything else is revalidated.
 */
export function createStaticHandler(root: string): (request: Request) => Response | null {
  const base = path.resolve(root);
  return (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return null;
    const pathname = decodeURIComponent(new URL(request.url).pathname);
    const file = path.resolve(base, `.${pathname}`);
    // Refuse anything that resolves outside the build directory (../ tricks, absolute paths).
    if (!file.startsWith(base + path.sep)) return null;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const headers = new Headers({
      "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
      "Content-Length": String(stat.size),
      "Cache-Control": pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
    });
    const body = request.method === "HEAD" ? null : fs.readFileSync(file);
    return new Response(body, { status: 200, headers });
  };
}
