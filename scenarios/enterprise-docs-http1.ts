// The enterprise-docs release certification (enterprise-docs.ts) over HTTPS forced to HTTP/1.1: ALPN
// offers only http/1.1, as a client without HTTP/2 connects. Same workloads, criteria and environment.
import { defineScenario } from 'loadcert';
import certification from './enterprise-docs.ts';

export default defineScenario({
  ...certification,
  name: 'enterprise-docs-http1',
  description: 'Release certification of the enterprise-docs stack over HTTPS forced to HTTP/1.1',
  http: { ...certification.http, protocol: 'http1' },
});
