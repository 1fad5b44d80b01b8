// junit.xml: one testcase per criterion (not applicable ones skipped with the reason) and per measurement failure.
import type { RunSummary } from '../contracts/summary-types.ts';
import { criterionRows } from './criteria.ts';
import { escapeXml as x } from './escape.ts';
import { formatFailureCauses } from '../results/failure-causes.ts';
import { resilienceRows } from './resilience-view.ts';

/** "\nfailure causes:" and one line per endpoint with failed requests naming its top causes; '' when none. */
function failureCauseLines(summary: RunSummary): string {
  const lines = (summary.loadcert.endpoints ?? []).filter((e) => e.failures?.length)
    .map((e) => `\n  ${e.scenario}/${e.name} ${e.method}: ${formatFailureCauses(e.failures)}`);
  return lines.length ? `\nfailure causes:${lines.join('')}` : '';
}

/** The JUnit XML document of a run (CI test-report format understood by GitHub, GitLab and Jenkins). */
export function renderJunit(summary: RunSummary): string {
  const m = summary.loadcert;
  const rows = criterionRows(summary.thresholds ?? []);
  const measurement = m.measurementFailures ?? [];
  const skipped = rows.filter((r) => r.result === 'not applicable').length + (summary.capacity?.steps ?? []).filter((s) => s.outcome === 'invalid').length;
  const failures = rows.filter((r) => !r.ok && r.result !== 'not applicable').length + measurement.length;
  const steps = summary.capacity?.steps ?? [];
  const tests = rows.length + measurement.length + steps.length;
  const seconds = ((m.durationMs || 0) / 1000).toFixed(3);
  const suite = `loadcert: ${m.scenario}`;
  const classname = `loadcert.${m.scenario}`;
  const props: Array<[string, string | undefined]> = [
    ['verdict', m.verdict], ['status', m.status], ['abortReason', m.abortReason], ['baseUrl', m.baseUrl],
    ['version', m.version], ['gitCommit', m.gitCommit], ['thresholdsFile', m.thresholdsFile],
  ];
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loadcert" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}">`,
    `  <testsuite name="${x(suite)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}" timestamp="${x(m.startTime)}">`,
    '    <properties>',
    ...props.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `      <property name="${k}" value="${x(String(v))}"/>`),
    '    </properties>',
  ];
  for (const r of rows) {
    const name = `${r.label} (${r.metric} ${r.expression})`;
    const open = `    <testcase classname="${x(classname)}" name="${x(name)}" time="0">`;
    if (r.result === 'not applicable') { out.push(open, `      <skipped message="${x(r.reason)}"/>`, '    </testcase>'); continue; }
    if (r.ok) { out.push(`${open}</testcase>`); continue; }
    const causes = /^http_req_failed\b/.test(r.metric) ? failureCauseLines(summary) : '';
    const message = r.result === 'not measured' ? `not measured: no data, target ${r.target}` : `measured ${r.measured}, target ${r.target}`;
    out.push(open,
      `      <failure type="${r.result === 'not measured' ? 'not-measured' : 'threshold'}" message="${x(message)}">${x(`${r.reason}\nmetric: ${r.metric}\nexpression: ${r.expression}\nmeasured: ${r.measured}\ntarget: ${r.target}${causes}`)}</failure>`,
      '    </testcase>');
  }
  for (const f of measurement)
    out.push(`    <testcase classname="${x(classname)}" name="${x(`measurement: ${f.source}`)}" time="0">`,
      `      <failure type="measurement" message="${x(f.cause)}">${x(`${f.kind} failure of ${f.source} at ${f.at}: ${f.cause}`)}</failure>`, '    </testcase>');
  // Capacity steps: a step that held or broke is evidence the search used (a pass; the headroom criteria gate); an invalid one proved nothing (skipped).
  for (const [i, st] of steps.entries()) {
    const name = `capacity step ${i + 1}: ${st.rps}/s ${st.outcome}${st.brokenBy ? ` (${st.brokenBy.metric} ${st.brokenBy.expression})` : ''}`;
    const open = `    <testcase classname="${x(`${classname}.capacity`)}" name="${x(name)}" time="${(st.windowMs / 1000).toFixed(3)}">`;
    const detail = `offered ${st.rps}/s, done ${st.achievedRps}/s, p95 ${st.p95Ms ?? '-'} ms, step verdict ${st.verdict}: ${st.reason}`;
    if (st.outcome === 'invalid') out.push(open, `      <skipped message="${x(`invalid: ${st.reason}`)}"/>`, '    </testcase>');
    else out.push(open, `      <system-out>${x(detail)}</system-out>`, '    </testcase>');
  }
  // Faults: their recovery is a criterion above; here what each did, for the CI log.
  const faults = resilienceRows(summary);
  const faultLines = faults.map((r) => `\nfault ${r.name}: ${r.action} ${r.target}, ${r.status}; ${r.window}; errors ${r.errors}, p95 ${r.p95}; detection ${r.detection}; recovery ${r.recovery}; alerts fired: ${r.alerts}${r.cleanup ? `; ${r.cleanup}` : ''}`).join('');
  out.push(`    <system-out>${x(`verdict: ${m.verdict}; status: ${m.status}${m.abortReason ? `; ${m.abortReason}` : ''}${faultLines}`)}</system-out>`,
    '  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}
