// Help text of `loadcert k8s`.

/** Usage of `loadcert k8s`. */
export const K8S_HELP = `Usage: loadcert k8s <scenario.ts> --parallelism N [options]

Checks the scenario as 'loadcert run' does, then writes to DIR:
  run.yaml    ConfigMap <name>-config (scenario + thresholds), PersistentVolumeClaim <name>-results
              (ReadWriteMany) and the Indexed Job <name>: N pods, pod i runs execution segment i of
              0,1/N,...,1 (JOB_COMPLETION_INDEX selects it), all starting their load at one instant
              (--start-at), writing to /results/segment-i. backoffLimitPerIndex 0 and maxFailedIndexes 0:
              a failed slice is never replayed late, it fails the Job.
  merge.yaml  Job <name>-merge: loadcert merge /results/segment-* --out /results/merged (exit = verdict)
Apply run.yaml, wait for the Job to complete, then apply merge.yaml (the printed commands).

Options:
  --parallelism N         pods = segments (required, 1..1000)
  --image IMG             image with loadcert on PATH and /bin/sh (default loadcert:local; see docs/scaling-out.md)
  --out DIR               folder of the manifests (default k8s-<name>)
  --namespace NS          namespace of every object (default: kubectl's current one)
  --name NAME             Job name (default loadcert-<scenario>-<time>)
  --thresholds FILE       thresholds file put in the ConfigMap (default as for 'loadcert run')
  --base-url URL          target origin for every pod
  --allow-host HOST       allow a target outside loopback (repeatable; a cluster's target usually needs it)
  --start-delay DUR       start the load this long after the manifests are written (default 3m, at most 10m)
  --start-at MS           or at this epoch time in milliseconds
  --timeout DUR           activeDeadlineSeconds of the Job (default 1h)
  --storage-class SC      StorageClass of the results volume (must offer ReadWriteMany)
  --storage SIZE          size of the results volume (default 1Gi)
  -h, --help              show this help

Exit codes: 0 manifests written, 104 invalid scenario, thresholds or options.
`;
