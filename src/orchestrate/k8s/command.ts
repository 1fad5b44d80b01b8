// `loadcert k8s`: validates the scenario as `loadcert run` would, then writes run.yaml (ConfigMap, PVC,
// Indexed Job) and merge.yaml (merge Job) to a folder and prints how to apply them.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, ExitCode } from '../../contracts/errors.ts';
import { IssueList } from '../../config/checks.ts';
import { checkRunInputs } from '../check-inputs.ts';
import { K8S_HELP } from './help.ts';
import { buildK8sManifests, RESULTS_MOUNT, type K8sManifests } from './manifests.ts';
import { parseCount, parseDurationOption, resolveStartAt, runName } from '../options.ts';
import { parseCommandLine } from '../../config/command-line.ts';

/** Multi-document YAML of the given objects (plain JSON of each model, in order). */
export function toYaml(objects: ReadonlyArray<{ toJSON(): unknown }>): string {
  return objects.map((o) => stringify(o.toJSON(), { lineWidth: 0 })).join('---\n');
}

function parse(argv: string[]) {
  return parseCommandLine(argv, {
    parallelism: { type: 'string' },
    image: { type: 'string' },
    out: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    thresholds: { type: 'string' },
    'base-url': { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    'start-at': { type: 'string' },
    'start-delay': { type: 'string' },
    timeout: { type: 'string' },
    'storage-class': { type: 'string' },
    storage: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, 'k8s');
}

/** `loadcert k8s SCENARIO --parallelism N`: writes the manifests and returns 0, or throws ConfigError (104). */
export async function runK8sCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv);
  if (v.help) { process.stdout.write(K8S_HELP); return ExitCode.OK; }
  const issues = new IssueList('command line');
  if (positionals.length !== 1) issues.add('<scenario>', 'expected one scenario file', 'run: loadcert k8s scenarios/smoke.ts --parallelism 4');
  const n = parseCount(v.parallelism, '--parallelism', issues);
  const startAt = resolveStartAt(v['start-at'], v['start-delay'], '3m', issues);
  const timeoutMs = parseDurationOption(v.timeout, '1h', '--timeout', issues);
  const name = v.name ?? runName(positionals[0] ?? 'run');
  if (!/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(name)) issues.add('--name', `"${name}" is not a DNS-1123 label of at most 40 characters`, 'use lowercase letters, digits and -, e.g. --name checkout-load');
  if (v.storage !== undefined && !/^\d+(\.\d+)?([EPTGMK]i?|[mk])?$/.test(v.storage)) issues.add('--storage', `"${v.storage}" is not a Kubernetes quantity`, 'write e.g. --storage 1Gi');
  if (issues.issues.length) throw new ConfigError(issues.issues);

  const outDir = resolve(v.out ?? `k8s-${name}`);
  // The same checks as `loadcert run` (scenario, thresholds, hosts); its results folder is the manifests folder.
  const prep = await checkRunInputs({ scenarioFile: positionals[0], baseUrl: v['base-url'], thresholdsFile: v.thresholds, allowHosts: v['allow-host'], outDir });
  const manifests = buildK8sManifests({
    name, namespace: v.namespace, parallelism: n, image: v.image ?? 'loadcert:local',
    scenarioName: basename(prep.scenarioPath), scenarioText: readFileSync(prep.scenarioPath, 'utf8'),
    thresholdsText: prep.thresholdsFile ? readFileSync(prep.thresholdsFile, 'utf8') : undefined,
    startAt, timeoutSeconds: Math.ceil(timeoutMs / 1000), baseUrl: v['base-url'], allowHosts: v['allow-host'],
    storageClass: v['storage-class'], storage: v.storage ?? '1Gi',
  });
  writeFileSync(join(outDir, 'run.yaml'), toYaml(manifests.run));
  writeFileSync(join(outDir, 'merge.yaml'), toYaml([manifests.merge]));
  process.stdout.write(nextSteps(outDir, name, v.namespace, n, startAt, Math.ceil(timeoutMs / 1000), manifests));
  return ExitCode.OK;
}

function nextSteps(outDir: string, name: string, namespace: string | undefined, n: number, startAt: number, timeoutS: number, m: K8sManifests): string {
  const dir = relative(process.cwd(), outDir) || '.';
  const ns = namespace ? ` -n ${namespace}` : '';
  const left = Math.round((startAt - Date.now()) / 1000);
  return `wrote ${dir}/run.yaml (${m.run.map((o) => o.kind).join(', ')}) and ${dir}/merge.yaml (Job ${name}-merge)
${n} pods start their load at ${new Date(startAt).toISOString()} (in ${left} s): apply now, regenerate if that passes.
  kubectl apply${ns} -f ${dir}/run.yaml
  kubectl wait${ns} --for=condition=complete --timeout=${timeoutS}s job/${name}   # fails if a slice failed
  kubectl apply${ns} -f ${dir}/merge.yaml
  kubectl logs${ns} -f job/${name}-merge    # the merged verdict (the Job fails unless CERTIFIED)
Results: volume ${name}-results, ${RESULTS_MOUNT}/segment-0..${n - 1} and ${RESULTS_MOUNT}/merged.
`;
}
