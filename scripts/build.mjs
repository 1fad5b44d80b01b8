// `npm run build` (run by prepack): compiles src/ to dist/ (JavaScript and .d.ts) with tsconfig.build.json,
// makes the declarations' relative imports end in .js (as the compiled JavaScript's do), and copies the
// files the compiled code reads or starts next to itself: the report's templates and the worker entries.
import { cpSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
/** Files under src/ that are not TypeScript but are needed at run time, by how their names end. */
const ASSETS = /\.(hbs|mjs)$/;

function walk(dir, found = []) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, found);
    else found.push(p);
  }
  return found;
}

rmSync(DIST, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('build: tsc failed (see above)');
  process.exit(1);
}
let rewritten = 0;
for (const f of walk(DIST)) {
  if (!f.endsWith('.d.ts')) continue;
  const text = readFileSync(f, 'utf8');
  const out = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3');
  if (out !== text) { writeFileSync(f, out); rewritten++; }
}
let copied = 0;
for (const f of walk(SRC)) {
  if (!ASSETS.test(f)) continue;
  cpSync(f, join(DIST, relative(SRC, f)));
  copied++;
}
console.log(`build: dist/ written (${rewritten} declaration files' imports made .js, ${copied} assets copied)`);
