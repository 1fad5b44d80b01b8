// The layer rule of docs/architecture.md, enforced: every import of src/ (static, type-only, re-export,
// dynamic import() and import('x').T) points to a folder of the same or a lower layer, and the folder
// graph has no cycle. ALLOWED lists known exceptions; it is empty and should stay so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { folderCycles, importEdges, importsOf, upwardImports, type ImportEdge } from './import-graph.ts';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/** Layers from the bottom (0) up; every folder of src/ is in exactly one ('.' = the files directly in src/). */
export const LAYERS: readonly (readonly string[])[] = [
  ['contracts'],
  ['metrics', 'plan', 'config', 'stats', 'lifecycle'],
  ['executors', 'protocols', 'resources', 'preflight', 'thresholds', 'snapshot', 'live', 'target', 'faults'],
  ['verdict', 'results', 'resilience'],
  ['report'],
  ['run', 'workers', 'merge', 'capacity', 'orchestrate'],
  ['cli', 'init', 'history', '.'],
];

/** Known violations, exactly as reported; empty. */
const ALLOWED: readonly string[] = [];

const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

test('imports: every folder of src/ is in the layer table', () => {
  const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  assert.deepEqual(folders.filter((f) => !layerOf.has(f)), [], 'add the new folder to LAYERS here and to docs/architecture.md');
  assert.deepEqual([...layerOf.keys()].filter((f) => f !== '.' && !folders.includes(f)), [], 'a folder in LAYERS no longer exists');
});

test('imports: no import of src/ points to a higher layer or outside src/, none makes a folder cycle', () => {
  const edges = importEdges(SRC);
  assert.ok(edges.length > 500, `only ${edges.length} imports found: the walk is broken`);
  assert.ok(edges.some((e) => e.kind === 'dynamic') && edges.some((e) => e.kind === 'type'), 'dynamic and type-only imports are walked');
  const found = [...upwardImports(edges, layerOf), ...folderCycles(edges)];
  assert.deepEqual(found.filter((v) => !ALLOWED.includes(v)), [], 'imports break the layer rule (docs/architecture.md)');
  assert.deepEqual(ALLOWED.filter((v) => !found.includes(v)), [], 'an allowed violation is gone: remove it from ALLOWED');
});

test('import walk: finds every kind of import, judges an upward arrow and a cycle', () => {
  const kinds = importsOf('x.ts', [
    "import { a } from './a.ts';",
    "import type { B } from '../b/b.ts';",
    "export { c } from './c.ts';",
    "const d = await import('./d.ts');",
    "type E = import('./e.ts').E;",
    "import { f } from 'node:fs';",
  ].join('\n')).map((i) => `${i.kind} ${i.spec}`);
  assert.deepEqual(kinds, ['static ./a.ts', 'type ../b/b.ts', 're-export ./c.ts', 'dynamic ./d.ts', 'import-type ./e.ts']);
  const edges: ImportEdge[] = [
    { from: 'low/a.ts', to: 'high/b.ts', kind: 'type' },
    { from: 'high/b.ts', to: 'low/a.ts', kind: 'static' },
    { from: 'high/b.ts', to: 'high/c.ts', kind: 'static' },
  ];
  const layers = new Map([['low', 0], ['high', 1]]);
  assert.deepEqual(upwardImports(edges, layers), ['low/a.ts -> high/b.ts: low (layer 0) imports high (layer 1), above it']);
  assert.deepEqual(folderCycles(edges), ['folder cycle high <-> low: high/b.ts -> low/a.ts; low/a.ts -> high/b.ts']);
  assert.deepEqual(upwardImports([{ from: 'new/x.ts', to: 'low/a.ts', kind: 'static' }], layers), ['new/x.ts: folder new is in no layer']);
});
