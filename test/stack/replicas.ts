// Extra API replicas that a stack test starts for itself (on spare loopback ports) and always removes.
import { stackScript } from './stack-env.ts';

/** First spare port of the test replicas (LOADCERT_STACK_TEST_PORT, default 5090). */
export const TEST_PORT_BASE = Number(process.env.LOADCERT_STACK_TEST_PORT ?? 5090);

/** A replica started by a test. */
export interface TestReplica {
  name: string;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Starts container `name` on 127.0.0.1:`port` with extra environment and waits for /health. */
export async function startReplica(name: string, port: number, env: Record<string, string> = {}): Promise<TestReplica> {
  const kv = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  await stackScript('replica.sh', ['start', name, String(port), ...kv]);
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stackScript('replica.sh', ['stop', name]);
    },
  };
}
