// Every file `loadcert init` writes, by path relative to the project folder.
import type { InitAnswers } from './answers.ts';
import { releaseScenario, smokeScenario } from './scenario-template.ts';
import { thresholdsFile } from './thresholds-template.ts';
import { CI_PATHS, GITHUB_WORKFLOW, GITLAB_CI } from './ci-templates.ts';

/** tsconfig.json of a generated project: the settings loadcert's own sources are checked with. */
export const PROJECT_TSCONFIG = `${JSON.stringify({
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true,
    allowImportingTsExtensions: true, noEmit: true, isolatedModules: true, verbatimModuleSyntax: true, types: ['node'],
  },
  include: ['scenarios'],
}, null, 2)}\n`;

/** scenarios/package.json: makes the scenario files ES modules whatever the project's own package.json says. */
export const SCENARIOS_PACKAGE = `${JSON.stringify({ type: 'module' }, null, 2)}\n`;

/** package.json of a new project (written only when the folder has none): loadcert (as `loadcertDep`, a spec npm installs) and the type checker as dev dependencies. */
export function projectPackage(name: string, loadcertDep: string): string {
  return `${JSON.stringify({
    name: name.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+/, '') || 'loadtests', private: true, type: 'module',
    scripts: { typecheck: 'tsc --noEmit', smoke: 'loadcert run scenarios/smoke.ts', certify: 'loadcert run scenarios/release.ts' },
    devDependencies: { loadcert: loadcertDep, typescript: '^5.9.3', '@types/node': '^20.19.43' },
  }, null, 2)}\n`;
}

/** Path -> content of each file for the answers. */
export function projectFiles(a: InitAnswers): Record<string, string> {
  const files: Record<string, string> = {
    [`scenarios/${a.name}.ts`]: releaseScenario(a),
    'thresholds.json': thresholdsFile(a),
    'tsconfig.json': PROJECT_TSCONFIG,
    'scenarios/package.json': SCENARIOS_PACKAGE,
  };
  if (a.name !== 'smoke') files['scenarios/smoke.ts'] = smokeScenario(a);
  if (a.ci === 'github') files[CI_PATHS.github] = GITHUB_WORKFLOW;
  if (a.ci === 'gitlab') files[CI_PATHS.gitlab] = GITLAB_CI;
  return files;
}
