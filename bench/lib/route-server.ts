// One route, GET /api/ping -> 200 {"ok":true}, served by node:http, or by node:https when --cert and --key
// (PEM files) are given; for bench/https.ts. Prints "listening on <url>" once listening on 127.0.0.1.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const body = Buffer.from('{"ok":true}');
const handler: http.RequestListener = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
};
const cert = arg('--cert');
const key = arg('--key');
const server = cert && key ? https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, handler) : http.createServer(handler);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on ${cert ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
