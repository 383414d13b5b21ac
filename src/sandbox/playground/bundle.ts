/**
 * The page's one script, built in memory at start-up: the renderer (`render/*.ts`, the same
 * modules the unit tests import) transpiled for the browser with the TypeScript compiler API and
 * linked by a ten-line module table, followed by the DOM glue (`static/*.js`, plain browser
 * JavaScript) — all inside one function scope. No build step, no bundler dependency, nothing on disk.
 *
 * Why the split: the renderer is where correctness and safety live (mrkdwn, entities, links), so it
 * is strict TypeScript with Node unit tests; the glue only touches the DOM, which the project's
 * tsconfig deliberately has no types for, and is exercised by the browser test.
 * @module
 */
import { readFile, readdir } from 'node:fs/promises';

const RENDER_DIR = new URL('./render/', import.meta.url);
const STATIC_DIR = new URL('./static/', import.meta.url);
/** Glue files in load order: helpers first, the app (which starts everything) last. */
export const GLUE_FILES = ['dom.js', 'composer.js', 'views.js', 'app.js'] as const;

export interface BrowserModule {
  /** `./name.js`, as the renderer's own imports spell it. */
  name: string;
  code: string;
}

/**
 * Transpiles the renderer modules to CommonJS-shaped functions; fails on an import outside the
 * folder (a Node module would not exist in the page).
 */
export async function transpileRenderer(dir: URL = RENDER_DIR): Promise<BrowserModule[]> {
  const ts = (await import('typescript')).default;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const modules: BrowserModule[] = [];
  for (const file of files) {
    const source = await readFile(new URL(file, dir), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, removeComments: true, esModuleInterop: false },
    });
    modules.push({ name: `./${file.replace(/\.ts$/, '.js')}`, code: outputText });
  }
  const names = new Set(modules.map((m) => m.name));
  for (const { name, code } of modules) {
    for (const [, spec] of code.matchAll(/\brequire\("([^"]+)"\)/g)) {
      if (!names.has(spec ?? '')) throw new Error(`render/${name.slice(2).replace(/\.js$/, '.ts')} imports ${spec}: the browser bundle holds only render/*.ts`);
    }
  }
  return modules;
}

/** `var SlackRender = …`: the modules linked by a small `require` table, `./index.js` exported. */
export function linkModules(modules: BrowserModule[]): string {
  const table = modules
    .map(({ name, code }) => `${JSON.stringify(name)}: function (exports, require) {\n${code}\n}`)
    .join(',\n');
  return [
    `var SlackRender = (function () {`,
    `var factories = {\n${table}\n};`,
    `var cache = {};`,
    `function require(name) {`,
    `  if (cache[name]) return cache[name].exports;`,
    `  var module = (cache[name] = { exports: {} });`,
    `  factories[name](module.exports, require);`,
    `  return module.exports;`,
    `}`,
    `return require('./index.js');`,
    `})();`,
  ].join('\n');
}

/** The renderer alone, as the page gets it (tests run it in a bare VM context). */
export async function buildRendererScript(): Promise<string> {
  return linkModules(await transpileRenderer());
}

/** The complete page script: renderer + glue, wrapped so nothing leaks into the page's globals. */
export async function buildBrowserScript(): Promise<string> {
  const renderer = await buildRendererScript();
  const glue = await Promise.all(GLUE_FILES.map(async (file) => `// ---- static/${file}\n${await readFile(new URL(file, STATIC_DIR), 'utf8')}`));
  return `(function () {\n'use strict';\n${renderer}\n${glue.join('\n')}\n})();\n`;
}
