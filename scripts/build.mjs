// `npm run build` (run by prepack): compiles src/ to dist/ (JavaScript and .d.ts) with tsconfig.build.json,
// makes the declarations' relative imports end in .js (as the compiled JavaScript's do), keeps only the
// declarations the public entry dist/index.d.ts reaches (the package exports nothing else), and copies the
// files the compiled code reads or starts next to itself: the report's templates and the worker entries.
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
const RELATIVE = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const reached = new Set();
const reach = (f) => {
  if (reached.has(f)) return;
  reached.add(f);
  for (const m of readFileSync(f, 'utf8').matchAll(RELATIVE)) {
    const target = resolve(dirname(f), m[1]).replace(/\.js$/, '.d.ts');
    if (!existsSync(target)) throw new Error(`build: ${relative(ROOT, f)} imports ${m[1]}, which has no declaration file`);
    reach(target);
  }
};
reach(join(DIST, 'index.d.ts'));
let dropped = 0;
for (const f of walk(DIST)) if (f.endsWith('.d.ts') && !reached.has(f)) { rmSync(f); dropped++; }
let copied = 0;
for (const f of walk(SRC)) {
  if (!ASSETS.test(f)) continue;
  cpSync(f, join(DIST, relative(SRC, f)));
  copied++;
}
console.log(`build: dist/ written (${reached.size} declaration files kept, their imports made .js; ${dropped} not reached from index.d.ts dropped; ${copied} assets copied)`);
