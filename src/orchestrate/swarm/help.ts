// Help text of `loadcert swarm`.
import { EXIT_CODES_TEXT } from '../../contracts/errors.ts';

/** Usage of `loadcert swarm`. */
export const SWARM_HELP = `Usage: loadcert swarm <scenario.ts> --replicas N [options]

Runs the scenario as N execution segments on the Docker Swarm of DOCKER_HOST: a replicated service
(--restart-condition none, host network, SEGMENT={{.Task.Slot}}) whose task k runs segment k of
0,1/N,...,1, all starting their load at one instant (--start-at). Each task writes to DIR/segment-k
(a bind mount: on a multi-node swarm DIR must be a shared folder at the same path on every node).
loadcert waits until every task ended (bounded by --timeout), removes the service, then runs
'loadcert merge' on the segments into DIR/merged and exits with its code.

Options:
  --replicas N            tasks = segments (required, 1..1000)
  --image IMG             image with loadcert on PATH and /bin/sh (default loadcert:local;
                          scripts/docker/build-demo-image.sh builds it)
  --out DIR               results folder (default reports/<timestamp>-<scenario>-swarm); one whose
                          segment-N/ or merged/ already holds a run is refused (104)
  --thresholds FILE       thresholds file (default as for 'loadcert run')
  --base-url URL          target origin for every task
  --allow-host HOST       allow a target outside loopback (repeatable)
  --start-delay DUR       start the load this long after the service is created (default 30s, at most 10m)
  --timeout DUR           give up waiting for the tasks after this long (default 1h; exit 1)
  -h, --help              show this help

${EXIT_CODES_TEXT}
  Swarm-specific: 1 when the engine is not a swarm manager, a task failed (its exit code is shown)
  or the tasks did not end within --timeout.
`;
