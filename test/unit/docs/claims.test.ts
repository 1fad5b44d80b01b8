// The docs claim only what exists: every `loadcert` command line in a code block of README.md and docs/
// names a real command and only options its --help lists, every `npm run X` is a script of package.json,
// and every repository path they cite is in the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Generated from the code (checked by generated.test.ts), so not a source of claims here. */
const GENERATED = new Set(['docs/cli.md', 'docs/metrics.md']);
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
  .filter((f) => !GENERATED.has(f));
const text = (f: string): string => readFileSync(join(ROOT, f), 'utf8');

/** Each command's --help, from the generated reference (`## loadcert NAME` then a text block). */
function helpTexts(): Map<string, string> {
  const cli = text('docs/cli.md');
  const out = new Map<string, string>();
  for (const m of cli.matchAll(/^## loadcert ?([a-z0-9-]*)\n\n```text\n([\s\S]*?)\n```/gm)) out.set(m[1] || '', m[2]);
  return out;
}

/** Lines of shell code blocks (sh, bash, shell or unlabelled), with the file they are in. */
function shellLines(): { file: string; line: string }[] {
  const lines: { file: string; line: string }[] = [];
  for (const file of DOCS) {
    for (const m of text(file).matchAll(/^```(sh|bash|shell|)\n([\s\S]*?)^```/gm)) {
      // a backslash at the end of a line continues the command on the next
      const joined = m[2].replace(/\\\n\s*/g, ' ');
      for (const line of joined.split('\n')) lines.push({ file, line: line.replace(/\s+#.*$/, '') });
    }
  }
  return lines;
}

/** The loadcert invocations of a shell line: command name and --options. */
export function invocations(line: string): { command: string; options: string[] }[] {
  const found: { command: string; options: string[] }[] = [];
  // a command starts a line or follows ; & | ( `do` `then` `$(`: not the word loadcert inside a sentence
  for (const m of line.matchAll(/(?:^\s*|[;&|(]\s*|\bdo\s+|\bthen\s+)(?:npx\s+)?(?:node\s+bin\/loadcert\.mjs|loadcert)\s+([^;&|]*)/g)) {
    const words = m[1].trim().split(/\s+/).filter(Boolean);
    const command = words[0] && !words[0].startsWith('-') && /^[a-z][a-z0-9-]*$/.test(words[0]) && !/\.(ts|js|mjs)$/.test(words[0]) ? words[0] : '';
    const options = words.filter((w) => /^--[a-z]/.test(w)).map((w) => w.replace(/=.*$/, ''));
    found.push({ command, options });
  }
  return found;
}

test('docs: every loadcert command line names a real command and only options its --help lists', () => {
  const help = helpTexts();
  assert.ok(help.size >= 5, 'docs/cli.md has the commands\' help (run `npm run docs:gen`)');
  const problems: string[] = [];
  let checked = 0;
  for (const { file, line } of shellLines()) {
    for (const inv of invocations(line)) {
      // `loadcert k8s ...` style commands with subcommands: the help of the command covers them
      const h = help.get(inv.command);
      if (h === undefined) {
        problems.push(`${file}: \`${line.trim()}\`: no command "${inv.command}" (commands: ${[...help.keys()].filter(Boolean).join(', ')})`);
        continue;
      }
      checked++;
      const all = `${h}\n${help.get('') ?? ''}`;
      for (const o of inv.options) if (o !== '--help' && !new RegExp(`${o}(?![a-z-])`).test(all)) problems.push(`${file}: \`${line.trim()}\`: ${o} is not an option of loadcert ${inv.command}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked >= 10, `command lines found in the docs: ${checked}`);
});

test('docs: every `npm run X` is a script of package.json', () => {
  const scripts = Object.keys((JSON.parse(text('package.json')) as { scripts: Record<string, string> }).scripts);
  const problems: string[] = [];
  for (const file of DOCS)
    for (const m of text(file).matchAll(/npm run ([a-z][a-z0-9:-]*[a-z0-9])/g))
      if (!scripts.includes(m[1])) problems.push(`${file}: npm run ${m[1]}`);
  assert.deepEqual(problems, []);
});

test('docs: every repository path they cite exists', () => {
  const problems: string[] = [];
  const ROOTS = /^(src|test|scripts|bench|docs|examples|targets|scenarios|deploy|\.ci|bin)\//;
  for (const file of DOCS) {
    for (const m of text(file).matchAll(/`([^`\s]+)`/g)) {
      const p = m[1].replace(/[,.:;)]+$/, '').replace(/^\.\//, '');
      // placeholders and patterns are not paths: <run>, *, {a,b}, $VAR, ...
      if (!ROOTS.test(p) || /[<>*{}$]|\.\.\./.test(p)) continue;
      const clean = p.replace(/:\d+$/, '').replace(/\(.*$/, '');
      if (!existsSync(join(ROOT, clean))) problems.push(`${file}: ${p}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('docs: the command-line parser of this test finds commands and options (self-check)', () => {
  assert.deepEqual(invocations('npx loadcert run scenarios/a.ts --demo-target --out=x'), [{ command: 'run', options: ['--demo-target', '--out'] }]);
  assert.deepEqual(invocations('node bin/loadcert.mjs capacity s.ts --step 3s && loadcert merge a b --out m'),
    [{ command: 'capacity', options: ['--step'] }, { command: 'merge', options: ['--out'] }]);
  assert.deepEqual(invocations('echo hello'), []);
  assert.deepEqual(invocations('deploy/   Dockerfile of the loadcert image'), []);
  assert.deepEqual(invocations('  loadcert k8s s.ts --image x'), [{ command: 'k8s', options: ['--image'] }]);
});

test('docs: the Layout of docs/development.md names every folder of src/', () => {
  const layout = /## Layout\n([\s\S]*)$/.exec(text('docs/development.md'))?.[1] ?? '';
  const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  assert.deepEqual(folders.filter((f) => !layout.includes(`src/${f}/`)), [], 'add these folders to the Layout');
});
