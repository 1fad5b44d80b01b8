// Certificates for TLS tests, made by openssl in a fresh temp folder: a private CA, a server certificate
// it signs (for 127.0.0.1 and localhost), a client certificate it signs (mutual TLS), and a self-signed one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Paths (in `dir`) and PEM texts of the made certificates. */
export interface TestCerts {
  dir: string;
  caCert: string; caPath: string;
  serverCert: string; serverKey: string;
  clientCert: string; clientKey: string; clientCertPath: string; clientKeyPath: string;
  selfCert: string; selfKey: string;
}

function ossl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' }); // openssl is part of the machine: it fails loudly if missing
}

/** Makes the CA, server, client and self-signed certificates (1 day, EC P-256: quick to make). */
export function makeCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-certs-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ossl(['req', '-x509', ...ec, '-days', '1', '-subj', '/CN=loadcert test CA', '-keyout', 'ca.key', '-out', 'ca.pem'], dir);
  const sign = (name: string, cn: string, ext: string): void => {
    ossl(['req', ...ec, '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`], dir);
    writeFileSync(join(dir, `${name}.ext`), ext);
    ossl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
  };
  sign('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  sign('client', 'loadcert client', 'extendedKeyUsage=clientAuth\n');
  ossl(['req', '-x509', ...ec, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', 'self.key', '-out', 'self.pem'], dir);
  const r = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    caCert: r('ca.pem'), caPath: join(dir, 'ca.pem'),
    serverCert: r('server.pem'), serverKey: r('server.key'),
    clientCert: r('client.pem'), clientKey: r('client.key'), clientCertPath: join(dir, 'client.pem'), clientKeyPath: join(dir, 'client.key'),
    selfCert: r('self.pem'), selfKey: r('self.key'),
  };
}
