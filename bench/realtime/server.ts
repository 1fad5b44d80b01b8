// Benchmark child: the demo target with the realtime extension, in its own process (own open-files budget).
import { createDemoTarget } from '../../src/target/index.ts';
import { createRealtimeExtension } from '../../src/target/realtime/index.ts';

const ext = createRealtimeExtension();
const target = await createDemoTarget({ extensions: [ext], documentCount: 100 });
process.stdout.write(`LISTENING ${target.url}\n`);
const stats = setInterval(() => process.stdout.write(`STATS ${JSON.stringify(ext.stats())}\n`), 2000);
const shutdown = (): void => { clearInterval(stats); void target.close().finally(() => process.exit(0)); };
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
