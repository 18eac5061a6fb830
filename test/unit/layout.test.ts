/**
 * Protects the layout src/README.md promises a newcomer: imports run one way between folders, the
 * domain core stays free of Hono and wording, the data layer stays D1 only (the Worker bundles it),
 * and no source file grows past 250 lines. The allowed directions below are the README's, in code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const src = join(root, 'src');

/** What each folder of src/ may import from (besides itself): values and types alike. */
const mayImport: Record<string, readonly string[]> = {
  core: [],
  i18n: ['core'],
  'answer-text': ['core', 'i18n'],
  data: ['core'],
  lookup: ['core', 'data', 'env', 'config'],
  http: ['core', 'i18n', 'lookup', 'views', 'env', 'config'],
  views: ['core', 'i18n', 'answer-text'],
  routes: ['core', 'i18n', 'answer-text', 'lookup', 'data', 'http', 'views', 'env', 'config'],
  cli: ['core', 'data', 'answer-text', 'i18n'],
  index: ['core', 'i18n', 'http', 'routes', 'env', 'config'],
  config: ['core', 'env'],
  env: [],
};

/** Types a page names (the rows it lists, the problem it explains) without depending on their code. */
const mayImportTypes: Record<string, readonly string[]> = {
  views: ['data', 'lookup', 'http'],
  http: ['env'],
};

/** Packages that must not reach a folder: the core is plain TypeScript the CLI imports as is. */
const forbiddenPackages: Record<string, RegExp> = {
  core: /^hono(\/|$)|^@hono\//,
  data: /^node:|^hono(\/|$)/,
  'answer-text': /^hono(\/|$)|^node:/,
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The folder of src/ a path belongs to: its first segment, or the file's name for top-level files. */
function folderOf(path: string): string {
  const first = relative(src, path).split('/')[0]!;
  return first.replace(/\.tsx?$/, '');
}

interface Import {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gms)) {
    found.push({ specifier: m[3]!, typeOnly: !!m[2] });
  }
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

const files = sources(src);

describe('src layout', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(new Set(files.map(folderOf))).toEqual(new Set(Object.keys(mayImport)));
  });

  it('imports run in the direction src/README.md states', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const { specifier, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = normalize(join(dirname(file), specifier));
        if (!target.startsWith(src)) continue;
        const to = folderOf(target);
        if (to === from) continue;
        const allowed = mayImport[from]!.includes(to) || (typeOnly && (mayImportTypes[from] ?? []).includes(to));
        if (!allowed) wrong.push(`${relative(root, file)} imports ${relative(root, target)}${typeOnly ? ' (type)' : ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps Hono out of the core, and Node and Hono out of the D1 data layer and the wording', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const banned = forbiddenPackages[folderOf(file)];
      if (!banned) continue;
      for (const { specifier } of importsOf(readFileSync(file, 'utf8'))) {
        if (banned.test(specifier)) wrong.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps every source file at 250 lines or fewer', () => {
    const long = files
      .map((file) => ({ file: relative(root, file), lines: readFileSync(file, 'utf8').trimEnd().split('\n').length }))
      .filter((f) => f.lines > 250);
    expect(long).toEqual([]);
  });
});
