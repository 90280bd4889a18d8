// Builds the browser SDK files served from our own origin (monitoring/static/monitoring/sentry/)
// from the exact npm versions in package-lock.json. Run `npm ci && npm run build` here, then
// put the printed SHA-256 values in monitoring/browser.py (BUNDLES). See README.md.
import { createHash } from "node:crypto";
import { copyFileSync, readFileSync } from "node:fs";
import { build } from "esbuild";

const OUT = "../static/monitoring/sentry";
const version = JSON.parse(readFileSync("node_modules/@sentry/browser/package.json")).version;

const common = {
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Sentry",
  target: ["es2020"],
  legalComments: "none",
  banner: { js: `/*! @sentry/browser ${version} (MIT, see LICENSE) built by monitoring/browser/build.mjs */` },
  define: {
    __SENTRY_DEBUG__: "false",
    // Replay compresses in a worker loaded from our origin (workerUrl), never a blob: URL.
    __SENTRY_EXCLUDE_REPLAY_WORKER__: "true",
    __RRWEB_EXCLUDE_IFRAME__: "true",
    __RRWEB_EXCLUDE_SHADOW_DOM__: "true",
  },
};

await build({ ...common, entryPoints: ["entry.js"], outfile: `${OUT}/sentry.min.js` });
await build({ ...common, entryPoints: ["entry-replay.js"], outfile: `${OUT}/sentry-replay.min.js` });
copyFileSync("node_modules/@sentry/replay/build/npm/esm/worker-bundler.js", `${OUT}/replay-worker.min.js`);
copyFileSync("node_modules/@sentry/browser/LICENSE", `${OUT}/LICENSE`);

for (const name of ["sentry.min.js", "sentry-replay.min.js", "replay-worker.min.js"]) {
  const data = readFileSync(`${OUT}/${name}`);
  console.log(`${name} ${data.length} bytes sha256 ${createHash("sha256").update(data).digest("hex")}`);
}
