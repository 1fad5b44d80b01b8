// The Docker Swarm service of a segmented run, as the Engine API's ServiceSpec: what
// `docker service create --detach --replicas N --restart-condition none --network host
//  --env SEGMENT={{.Task.Slot}} --mount type=bind,... IMAGE sh -c SCRIPT` sends.
import { segmentScript } from '../segment-command.ts';

/** Where the results folder is mounted in every task. */
export const SWARM_RESULTS_MOUNT = '/results';
/** Where the folder holding the scenario and thresholds copies is mounted (inside /app so `import 'loadcert'` resolves). */
export const SWARM_CONFIG_MOUNT = '/app/loadcert-config';

/** Inputs of the service. */
export interface SwarmPlan {
  readonly name: string;
  readonly replicas: number;
  readonly image: string;
  /** Host folder of the results (bind-mounted read-write); on a multi-node swarm, a shared folder. */
  readonly resultsDir: string;
  /** Host folder holding the scenario copy and thresholds.json (bind-mounted read-only). */
  readonly configDir: string;
  readonly scenarioName: string;
  readonly hasThresholds: boolean;
  readonly startAt: number;
  readonly baseUrl?: string;
  readonly allowHosts?: readonly string[];
  /** Id of the engine's `host` network. */
  readonly hostNetworkId: string;
}

/** The ServiceSpec (Engine API 1.41) of the run: replicated mode, task slots 1..N select the segments. */
export function swarmServiceSpec(p: SwarmPlan) {
  const script = segmentScript({
    count: p.replicas, indexVar: 'SEGMENT', firstIndex: 1,
    scenario: `${SWARM_CONFIG_MOUNT}/${p.scenarioName}`,
    thresholds: p.hasThresholds ? `${SWARM_CONFIG_MOUNT}/thresholds.json` : undefined,
    resultsDir: SWARM_RESULTS_MOUNT, startAt: p.startAt, baseUrl: p.baseUrl, allowHosts: p.allowHosts,
  });
  return {
    Name: p.name,
    Labels: { 'app.kubernetes.io/name': 'loadcert', 'loadcert.run': p.name },
    TaskTemplate: {
      ContainerSpec: {
        Image: p.image,
        Command: ['/bin/sh', '-c', script],
        Dir: '/app',
        // Replicated mode: {{.Task.Slot}} is 1..N (in replicated-job mode it gave a node id, as measured with this machine's Docker engine).
        Env: ['SEGMENT={{.Task.Slot}}'],
        Mounts: [
          { Type: 'bind' as const, Source: p.resultsDir, Target: SWARM_RESULTS_MOUNT },
          { Type: 'bind' as const, Source: p.configDir, Target: SWARM_CONFIG_MOUNT, ReadOnly: true },
        ],
      },
      RestartPolicy: { Condition: 'none' as const },
      Networks: [{ Target: p.hostNetworkId }],
    },
    Mode: { Replicated: { Replicas: p.replicas } },
  };
}
