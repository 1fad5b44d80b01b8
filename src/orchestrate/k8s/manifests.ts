// Kubernetes objects of a segmented run: a ConfigMap (scenario + thresholds), a ReadWriteMany results
// volume, an Indexed Job whose pod `i` runs execution segment i, and a merge Job run after it.
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Job } from 'kubernetes-models/batch/v1/Job';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { equalSequence, segmentDir, segmentScript } from '../segment-command.ts';

/** Where the ConfigMap is mounted: inside the image's /app so the scenario's `import 'loadcert'` resolves. */
export const CONFIG_MOUNT = '/app/loadcert-config';
/** Where the results volume is mounted in every pod. */
export const RESULTS_MOUNT = '/results';

/** Everything the manifests are made of. */
export interface K8sPlan {
  /** Job name (DNS-1123 label); the other objects are named after it. */
  readonly name: string;
  readonly namespace?: string;
  /** Pods = segments. */
  readonly parallelism: number;
  readonly image: string;
  /** File name of the scenario inside the ConfigMap (e.g. smoke.ts) and its text. */
  readonly scenarioName: string;
  readonly scenarioText: string;
  /** thresholds.json text, when the run has a thresholds file. */
  readonly thresholdsText?: string;
  /** Common start instant (epoch ms) of every segment. */
  readonly startAt: number;
  /** Bound of the whole Job (activeDeadlineSeconds). */
  readonly timeoutSeconds: number;
  readonly baseUrl?: string;
  readonly allowHosts?: readonly string[];
  /** StorageClass of the results volume (must offer ReadWriteMany); the cluster default when absent. */
  readonly storageClass?: string;
  /** Size request of the results volume, e.g. 1Gi. */
  readonly storage: string;
}

/** The objects to apply first (ConfigMap, PVC, Job) and the merge Job to apply once the Job completed. */
export interface K8sManifests {
  readonly run: Array<ConfigMap | PersistentVolumeClaim | Job>;
  readonly merge: Job;
}

function labels(plan: K8sPlan, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'loadcert', 'app.kubernetes.io/instance': plan.name, 'app.kubernetes.io/component': component };
}

function meta(plan: K8sPlan, name: string, component: string) {
  return { name, ...(plan.namespace ? { namespace: plan.namespace } : {}), labels: labels(plan, component) };
}

function podSpec(plan: K8sPlan, command: string[]): IPodSpec {
  return {
    restartPolicy: 'Never',
    containers: [{
      name: 'loadcert',
      image: plan.image,
      command,
      workingDir: '/app',
      volumeMounts: [
        { name: 'config', mountPath: CONFIG_MOUNT, readOnly: true },
        { name: 'results', mountPath: RESULTS_MOUNT },
      ],
    }],
    volumes: [
      { name: 'config', configMap: { name: `${plan.name}-config` } },
      { name: 'results', persistentVolumeClaim: { claimName: `${plan.name}-results` } },
    ],
  };
}

/** Builds (and validates with kubernetes-models' validate()) every object of the run. */
export function buildK8sManifests(plan: K8sPlan): K8sManifests {
  const thresholds = plan.thresholdsText !== undefined ? `${CONFIG_MOUNT}/thresholds.json` : undefined;
  const configMap = new ConfigMap({
    metadata: meta(plan, `${plan.name}-config`, 'config'),
    data: { [plan.scenarioName]: plan.scenarioText, ...(plan.thresholdsText !== undefined ? { 'thresholds.json': plan.thresholdsText } : {}) },
  });
  const pvc = new PersistentVolumeClaim({
    metadata: meta(plan, `${plan.name}-results`, 'results'),
    spec: {
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: plan.storage } },
      ...(plan.storageClass ? { storageClassName: plan.storageClass } : {}),
    },
  });
  const script = segmentScript({
    count: plan.parallelism, indexVar: 'JOB_COMPLETION_INDEX', firstIndex: 0,
    scenario: `${CONFIG_MOUNT}/${plan.scenarioName}`, thresholds, resultsDir: RESULTS_MOUNT,
    startAt: plan.startAt, baseUrl: plan.baseUrl, allowHosts: plan.allowHosts,
  });
  const pods = podSpec(plan, ['/bin/sh', '-c', script]);
  // Spread the generators over nodes when the cluster can: two generators on one node share its NIC and cores.
  pods.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels(plan, 'segment') } }];
  const job = new Job({
    metadata: { ...meta(plan, plan.name, 'segment'), annotations: { 'loadcert.io/start-at': new Date(plan.startAt).toISOString(), 'loadcert.io/execution-segment-sequence': equalSequence(plan.parallelism).join(',') } },
    spec: {
      completionMode: 'Indexed',
      completions: plan.parallelism,
      parallelism: plan.parallelism,
      // No slice is ever replayed late: a failed pod fails its index, and one failed index fails the Job.
      backoffLimitPerIndex: 0,
      maxFailedIndexes: 0,
      activeDeadlineSeconds: plan.timeoutSeconds,
      template: { metadata: { labels: labels(plan, 'segment') }, spec: pods },
    },
  });
  const dirs = Array.from({ length: plan.parallelism }, (_, i) => segmentDir(RESULTS_MOUNT, i));
  const merge = new Job({
    metadata: meta(plan, `${plan.name}-merge`, 'merge'),
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 0,
      activeDeadlineSeconds: 600,
      template: {
        metadata: { labels: labels(plan, 'merge') },
        spec: podSpec(plan, ['loadcert', 'merge', ...dirs, '--out', `${RESULTS_MOUNT}/merged`, ...(thresholds ? ['--thresholds', thresholds] : [])]),
      },
    },
  });
  for (const o of [configMap, pvc, job, merge]) o.validate();
  return { run: [configMap, pvc, job], merge };
}
