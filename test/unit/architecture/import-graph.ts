// Reads every relative import of a source tree with the TypeScript parser, and judges the folder graph
// against a layer table: imports point down (or sideways within a layer), and no folder cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import: the importing file, the imported file, both relative to the root, and the kind. */
export interface ImportEdge {
  from: string;
  to: string;
  kind: 'static' | 'type' | 're-export' | 'dynamic' | 'import-type';
}

/** Every relative module specifier of one file's text: import/export declarations (type-only too), import() calls and import('x').T types. */
export function importsOf(fileName: string, text: string): Array<{ spec: string; kind: ImportEdge['kind'] }> {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const out: Array<{ spec: string; kind: ImportEdge['kind'] }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) out.push({ spec: n.moduleSpecifier.text, kind: n.importClause?.isTypeOnly ? 'type' : 'static' });
    else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push({ spec: n.moduleSpecifier.text, kind: 're-export' });
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) out.push({ spec: n.arguments[0].text, kind: 'dynamic' });
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) out.push({ spec: n.argument.literal.text, kind: 'import-type' });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out.filter((i) => i.spec.startsWith('.'));
}

/** Every import between files below `root` (.ts, .mts, .mjs, .js), paths relative to `root` with '/' separators. */
export function importEdges(root: string): ImportEdge[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mts|mjs|js)$/.test(e.name)) files.push(p);
    }
  };
  walk(root);
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  return files.flatMap((f) => importsOf(f, readFileSync(f, 'utf8')).map(({ spec, kind }) => ({ from: rel(f), to: rel(resolve(dirname(f), spec)), kind })));
}

/** The top folder of a path relative to the root ('.' for a file directly in it; '..' when outside). */
export function folderOf(path: string): string {
  if (path.startsWith('../')) return '..';
  const i = path.indexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

/** One broken rule, as text naming the files (for the failure message and the allow-list). */
export type Violation = string;

/** Imports from a folder to a folder of a higher layer, an unknown folder, or outside the root. */
export function upwardImports(edges: readonly ImportEdge[], layerOf: ReadonlyMap<string, number>): Violation[] {
  const out: Violation[] = [];
  for (const e of edges) {
    const a = folderOf(e.from), b = folderOf(e.to);
    if (a === b) continue;
    const la = layerOf.get(a), lb = layerOf.get(b);
    if (la === undefined) out.push(`${e.from}: folder ${a} is in no layer`);
    else if (lb === undefined) out.push(`${e.from} -> ${e.to}: folder ${b} is in no layer`);
    else if (lb > la) out.push(`${e.from} -> ${e.to}: ${a} (layer ${la}) imports ${b} (layer ${lb}), above it`);
  }
  return [...new Set(out)];
}

/** Folder cycles (strongly connected groups of two or more folders), each as its folders and one import per arrow inside it. */
export function folderCycles(edges: readonly ImportEdge[]): Violation[] {
  const next = new Map<string, Map<string, ImportEdge>>();
  for (const e of edges) {
    const a = folderOf(e.from), b = folderOf(e.to);
    if (a === b) continue;
    if (!next.has(a)) next.set(a, new Map());
    if (!next.get(a)!.has(b)) next.get(a)!.set(b, e);
  }
  // Tarjan's strongly connected components
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const groups: string[][] = [];
  let i = 0;
  const strong = (v: string): void => {
    index.set(v, i); low.set(v, i); i++; stack.push(v); on.add(v);
    for (const w of next.get(v)?.keys() ?? []) {
      if (!index.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const g: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); g.push(w); } while (w !== v);
      if (g.length > 1) groups.push(g.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) strong(v);
  return groups.map((g) => {
    const arrows = g.flatMap((a) => g.filter((b) => next.get(a)?.has(b)).map((b) => `${next.get(a)!.get(b)!.from} -> ${next.get(a)!.get(b)!.to}`));
    return `folder cycle ${g.join(' <-> ')}: ${arrows.join('; ')}`;
  });
}
