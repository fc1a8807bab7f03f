// Checks Mermaid diagrams with Mermaid's own parser, all of a build in one Node process.
//
//   node parse.mjs <folder whose node_modules hold mermaid and jsdom>
//   stdin:  {"diagrams": ["graph TB\n  A --> B", ...]}
//   stdout: {"version": "11.17.2", "results": [{"ok": true} | {"ok": false, "line": 2, "message": "..."}]}
//
// Mermaid's parser needs a DOM (DOMPurify, text measuring): jsdom provides one.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const folder = path.resolve(process.argv[2] || ".");
const require = createRequire(path.join(folder, "noop.js"));

function fail(message) {
  process.stdout.write(JSON.stringify({ error: message }) + "\n");
  process.exit(3);
}

let JSDOM, mermaidEntry, version;
try {
  ({ JSDOM } = require("jsdom"));
} catch {
  fail("jsdom is not installed");
}
try {
  mermaidEntry = require.resolve("mermaid");
  version = require("mermaid/package.json").version;
} catch {
  fail("mermaid is not installed");
}

const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of [
  "window", "document", "Element", "HTMLElement", "SVGElement", "Node", "DOMParser",
  "navigator", "MutationObserver", "getComputedStyle",
]) {
  Object.defineProperty(globalThis, name, {
    value: name === "getComputedStyle" ? dom.window.getComputedStyle.bind(dom.window) : dom.window[name],
    configurable: true,
    writable: true,
  });
}

const { default: mermaid } = await import(pathToFileURL(mermaidEntry).href);
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { diagrams } = JSON.parse(input);

// The line of the diagram where parsing failed: jison errors carry it in `hash`, Langium-based
// diagrams in their message.
function lineOf(error) {
  const hash = error && error.hash;
  if (hash && hash.loc && Number.isInteger(hash.loc.first_line)) return hash.loc.first_line;
  if (hash && Number.isInteger(hash.line)) return hash.line + 1;
  const found = /line[:\s]+(\d+)/i.exec(String((error && error.message) || error));
  return found ? Number(found[1]) : 1;
}

const results = [];
for (const text of diagrams) {
  try {
    await mermaid.parse(text);
    results.push({ ok: true });
  } catch (error) {
    const message = String((error && error.message) || error).trim();
    results.push({ ok: false, line: lineOf(error), message });
  }
}
process.stdout.write(JSON.stringify({ version, results }) + "\n");
