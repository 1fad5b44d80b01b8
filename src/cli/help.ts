// Help texts of the command line; README.md repeats the exit codes.
import { EXIT_CODES_TEXT } from '../contracts/errors.ts';

/** Top-level usage. */
export const MAIN_HELP = `loadcert - load testing and capacity certification

Usage:
  loadcert run <scenario.ts> [options]     run a scenario and certify it against its thresholds
  loadcert capacity <scenario.ts> [options]
                                           search the highest rate that holds every criterion, and its headroom
  loadcert target [options]                start the embedded demo system under test
  loadcert report <run-dir>                render the report of a stored run again
  loadcert compare <baseline-dir> <run-dir> [--max-regression PCT] [--confidence PCT]
                                           compare two runs; exit 99 on a regression beyond noise
  loadcert compare --baseline-from <history-dir> <run-dir>
                                           compare with the last CERTIFIED run of a published history
  loadcert init [dir] [options]            write a scenario, thresholds.json and a CI workflow for your system
  loadcert publish <run-dir> <history-dir> add a stored run to a history folder (index.html)
  loadcert merge <run-dir>... [--out DIR] [--thresholds FILE]
                                           merge the runs of all execution segments into one run and verdict
  loadcert k8s <scenario.ts> --parallelism N [options]
                                           write Kubernetes manifests: an Indexed Job, one segment per pod
  loadcert swarm <scenario.ts> --replicas N [options]
                                           run N segments as a Docker Swarm service, then merge them
  loadcert faults clear [--force]          undo fault effects (nft rules, paused/stopped containers, frozen
                                           processes) a killed loadcert left behind
  loadcert help [command]                  show help

Run 'loadcert <command> --help' for the options of a command.

${EXIT_CODES_TEXT}
`;

/** Usage of `loadcert run`. */
export const RUN_HELP = `Usage: loadcert run <scenario.ts> [options]

Runs the scenario's workloads against its baseUrl, samples resources, polls the health endpoints,
evaluates thresholds and writes results to reports/<timestamp>-<scenario>/ (summary.json,
timeseries.ndjson, report.html, junit.xml, summary.md).

Options:
  --base-url URL          target origin, overriding the scenario's baseUrl
  --demo-target           start the embedded demo target (loadcert target) on a free port and aim at it
  --thresholds FILE       thresholds file instead of the scenario's / ./thresholds.json
  --out DIR               results folder (default reports/<timestamp>-<scenario>); checked writable before the load;
                          a folder already holding a run (summary.json or timeseries.ndjson) is refused (104)
  --force                 replace the run already in --out whole (its contents are deleted first)
  --out json=FILE         also write every sample as k6's JSON output (repeatable; csv=FILE: k6's CSV);
                          with --workers each worker writes FILE.part-K, joined into FILE at the end
  --allow-host HOST       allow a target outside loopback on purpose (repeatable)
  --skip-preflight        start load even when the health endpoints fail
  --baseline DIR          compare with a previous run's folder in the report (checked before the load)
  --metrics-port PORT     serve the run's metrics at http://127.0.0.1:PORT/metrics while it runs
                          (Prometheus text format; latency as summaries with the run's percentiles)
  --metrics-host ADDR     listen on ADDR instead of 127.0.0.1 (with --metrics-port)
  --publish DIR           add the finished run to a history folder: DIR/runs/<id>/ (reports, summary.json),
                          DIR/history.json and DIR/index.html (date, commit, verdict, headline figures, links);
                          compare --baseline-from DIR takes its last CERTIFIED run. A failure to publish is
                          reported on stderr; the exit code stays the verdict's
  --execution-segment A:B run only this share of the load (k6's segments), e.g. 1/4:2/4, 0.25:0.5,
                          25%:50%, or 75% (= 0:3/4); VUs, connections and users split by k6's striping
                          so the segments' parts sum to the whole; arrival-rate iterations striped by
                          global index over the segments' shares of maxVUs (env LOADCERT_EXECUTION_SEGMENT)
  --execution-segment-sequence S
                          all the cuts, e.g. 0,1/4,2/4,3/4,1 (default 0,A,B,1; filled to start at 0 and
                          end at 1); every segment of one run must get the same sequence
                          (env LOADCERT_EXECUTION_SEGMENT_SEQUENCE)
  --start-at MS           start the load clock at this wall-clock instant (epoch ms), so all segments
                          start together; at most 10 min ahead and 5 s past, else exit 104
                          (env LOADCERT_START_AT). Combine segments with 'loadcert merge'.
  --workers N             run the workloads as N equal execution segments in worker_threads of this
                          process, merged every second; thresholds, abortOnFail, progress and reports
                          run once on the merged data (default: no worker threads, the load runs in
                          the main thread; not combined with --execution-segment)
  -h, --help              show this help

Ctrl-C (or SIGTERM) stops gracefully: in-flight requests finish, results are written and marked
aborted (exit 105). A second Ctrl-C exits at once. If scenario code blocks the event loop, loadcert
exits 105 after 10 s without progress. loadcert also stops (as for SIGTERM) when its parent process
exits, and the --demo-target process never outlives loadcert.
If DIR cannot be written at the end, the results go to a new folder <tmp>/loadcert-results-<name>-<random>
(named on stderr and in the summary; the exit code stays the verdict's, 1 if nothing could be written).

${EXIT_CODES_TEXT}
`;

/** Usage of `loadcert capacity`. */
export const CAPACITY_HELP = `Usage: loadcert capacity <scenario.ts> [options]

Searches the maximum sustainable load: steps the rate of the scenario's constant-arrival-rate
workload(s), each step a run judged on its own window (warm-up excluded) by the scenario's criteria:
rates grow x2 from the target until one breaks, then bisect between the highest that held and the
first that broke, until the interval is within --resolution or --budget is spent. A step the generator
could not drive (dropped iterations, generator saturated, send lateness past --late-line) is invalid,
never the system's success or failure; it is tried once more, then bounds the search like a break
("the generator was the limit" when no break is found below it). Workloads listed in the scenario's
capacity.scaleWith (users/connections/vus) scale in proportion. Writes steps/NN-<rate>rps/ (each a
full run folder), summary.json with a "capacity" section, report.html ("Capacity and headroom"),
junit.xml (one testcase per step).

Each step starts on a recovered system: before the first step a low-rate probe (--probe-rate % of the
start rate, or of the target when the search starts above it) measures the baseline p95 and error
rate over one --settle window; before every later step the probe runs until one whole --settle window
has p95 <= baseline x (1 + --recovery-tolerance) + 20 ms and an error rate <= baseline + 1 point.
Not back within --cooldown-limit ends the search with that finding ("did not recover within N s after
R/s"); the next step is not run. Each step records its wait.

Options:
  --workload NAME       searched workload (repeatable; default every constant-arrival-rate workload)
  --resolution PCT      stop when (first broke - highest held) / highest held <= PCT % (default 10)
  --budget DURATION     time budget of the whole search (default 5m); no step starts past it
  --step DURATION       measured window of each step (default 10s)
  --warmup DURATION     warm-up before each window, driven but not judged (default 3s)
  --start-rate R        first rate, per second (default the workloads' configured rate = the target)
  --max-rate R          highest rate tried, per second (default 20 x the target)
  --growth F            factor between rates going up (default 2)
  --cooldown-limit D    longest wait for the system to come back before a step (default 60s)
  --settle D            probe window that must be back at the baseline (default 2s)
  --recovery-tolerance PCT  p95 may exceed the baseline's by PCT % (+20 ms) (default 50)
  --probe-rate PCT      probe rate, % of the start rate or the target if lower (default 50; at least 1/s)
  --no-cooldown         start each step at once (the previous step's backlog may be measured)
  --late-line DURATION  a step in which the generator's event-loop delay (p99 of a second) passed it
                        is invalid: sends ran late (default 50ms)
  --max-vus N           force maxVUs of the searched workloads (default theirs, scaled with the rate)
  --base-url URL        override the scenario's baseUrl
  --demo-target         start the embedded demo target on a free port and search it
  --demo-target-args S  extra demo target options, e.g. "--max-concurrency 4 --service-ms 10"
  --thresholds FILE     thresholds file instead of the scenario's / thresholds.json
  --out DIR             results folder (default reports/<timestamp>-<scenario>); one already
                        holding a run is refused (104)
  --force               replace the run already in --out whole (its contents are deleted first)
  --allow-host HOST     allow a non-loopback target host (repeatable)
  --skip-preflight      do not probe the health endpoints before the first step
  -h, --help            show this help

Headroom = highest rate held / target rate. A thresholds entry on capacity_headroom (e.g.
"capacity_headroom": [{"threshold": "value>=1.5"}]) is judged here and is not applicable in 'loadcert run'.
The exit code is the verdict of the capacity summary (the capacity_headroom criteria and the chosen step):

${EXIT_CODES_TEXT}
`;
