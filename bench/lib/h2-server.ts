// The HTTP/2 bench's server, run in its own process: node:http2 cleartext (h2c, prior knowledge) on
// 127.0.0.1 port 0, answering every stream 200 "ok"; prints its port on stdout, stops on SIGTERM.
import { createServer } from 'node:http2';
import type { AddressInfo } from 'node:net';

const server = createServer({ settings: { maxConcurrentStreams: 1000 } });
server.on('stream', (stream) => {
  stream.on('error', () => {});
  stream.respond({ ':status': 200, 'content-type': 'text/plain' });
  stream.end('ok');
});
server.on('sessionError', () => {});
server.listen(0, '127.0.0.1', () => console.log(String((server.address() as AddressInfo).port)));
process.on('SIGTERM', () => process.exit(0));
