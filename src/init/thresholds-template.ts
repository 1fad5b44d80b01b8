// The thresholds.json `loadcert init` writes: the release criteria as gates, the team's alert rules as alert entries.
import type { InitAnswers } from './answers.ts';

interface Entry { threshold: string; label: string; alert?: { severity: 'critical' | 'warning'; window?: string } }

/** thresholds.json for the answers: gates (success criteria) and alerts, only for what the scenario drives or samples. */
export function thresholdsFile(a: InitAnswers): string {
  const t: Record<string, Entry[]> = {};
  const add = (metric: string, e: Entry) => (t[metric] ??= []).push(e);
  // success criteria: the release is certified against these
  add('http_req_duration', { threshold: 'p(95)<2000', label: 'API response time, 95th percentile' });
  add('http_req_failed', { threshold: 'rate<0.005', label: 'API error rate' });
  if (a.health.length) add('availability', { threshold: 'rate>0.995', label: 'Uptime of the health endpoints' });
  add('server_timing{name:db}', { threshold: 'avg<100', label: 'Database query time, average (Server-Timing db)' });
  add('http_reqs', { threshold: `sustained(30s)>=${Math.floor(a.rate * 0.99)}`, label: `Throughput reached: ${a.rate} req/s held for 30 s` });
  add('iteration_errors', { threshold: 'count==0', label: 'Scenario code ran without throwing (iteration errors)' });
  add('dropped_iterations', { threshold: 'count==0', label: 'Offered load kept: no scheduled iteration dropped' });
  if (a.signalrHub && a.users > 0) {
    add('signalr_invoke_duration{method:EditDocument}', { threshold: 'p(95)<500', label: 'Collaboration: document edit round trip, 95th percentile' });
    add('signalr_invoke_failed', { threshold: 'rate<0.005', label: 'Collaboration: failed hub invocations' });
    add('signalr_errors', { threshold: 'count<1', label: 'Collaboration: SignalR errors' });
  }
  if (a.websocket && a.users > 0) add('ws_errors', { threshold: 'count<1', label: 'WebSocket: connection errors and unexpected closes' });
  // alert rules the team uses: raised in the report while they hold
  add('http_req_duration', { threshold: 'p(95)<5000', label: 'API response time above 5 s (95th percentile of a second)', alert: { severity: 'critical' } });
  add('host_memory_percent', { threshold: 'max<80', label: 'Host memory above 80 %', alert: { severity: 'critical' } });
  add('host_disk_free_percent', { threshold: 'min>10', label: 'Disk free below 10 %', alert: { severity: 'critical' } });
  add('host_cpu_percent', { threshold: 'value<70', label: 'Host CPU above 70 % sustained for 30 s', alert: { severity: 'warning', window: '30s' } });
  add('http_reqs{status:401}', { threshold: 'count<5', label: 'Spike of authentication failures: 5 or more HTTP 401 in a second', alert: { severity: 'warning' } });
  add('http_req_duration{name:search}', { threshold: 'p(95)<1000', label: 'Search latency degrading: 95th percentile above 1 s for 30 s', alert: { severity: 'warning', window: '30s' } });
  if (a.containers.length) {
    add('container_restarts', { threshold: 'max==0', label: 'Container restarts during the run' });
    add('container_oom_kills', { threshold: 'max==0', label: 'Containers killed for lack of memory during the run' });
    add('container_memory_percent', { threshold: 'max<80', label: 'Container memory above 80 % of its limit', alert: { severity: 'critical' } });
    add('container_restarts', { threshold: 'max==0', label: 'Container restarted', alert: { severity: 'warning' } });
    add('container_cpu_percent', { threshold: 'value<70', label: 'Container CPU above 70 % sustained for 30 s', alert: { severity: 'warning', window: '30s' } });
  }
  return `${JSON.stringify(t, null, 2)}\n`;
}
