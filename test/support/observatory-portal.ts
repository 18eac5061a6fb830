/**
 * The portal as MDN's HTTP Observatory scanner meets a deployed one, on this machine and offline: one
 * host name, plain HTTP and HTTPS on the same port, a certificate the scanner verifies, and plain HTTP
 * answered by the Worker itself (its redirect to https://, src/http/https-only.ts).
 *
 * - The name is amiaffected.test (.test never exists on the Internet). In this process only, it resolves
 *   to 127.0.0.1 (`resolvePortal`, given to the scanner's HTTP client, axios); every other name resolves
 *   as usual. It is not a loopback name, so the Worker treats it as a deployed host: it enforces HTTPS
 *   and offers no development sign-in, exactly as in production.
 * - The certificate is made for this run by openssl (installed by .ci/run) and trusted by this process
 *   only, through Node's default CA list (the scanner's TLS agents verify against that list and take no
 *   other). Verification stays on: a scanner that cannot verify a certificate marks HSTS and the
 *   redirection as failed ("hsts-invalid-cert", "redirection-invalid-cert", -20 each), so with an
 *   untrusted certificate no response could score an A+.
 * - HTTPS is `npm start` (scripts/start.ts: migrations, the demo incident, a pepper) on throwaway state,
 *   with `wrangler dev --local-protocol https` and this certificate.
 * - Plain HTTP is a second `wrangler dev` of the same Worker told `--upstream-protocol http`: its Worker
 *   sees http:// URLs, as a Worker behind Cloudflare sees a plain-HTTP visit, and answers them itself.
 *   A plain `wrangler dev` cannot play this part: its dev proxy rewrites a Location on its own host to
 *   its own scheme, turning the Worker's https:// redirect back into http://. This one listens with TLS
 *   so that its proxy keeps https://. It only redirects (or serves static files), so it needs no data.
 * - One port takes both schemes, as 80 and 443 are one host in production (the Worker's redirect keeps
 *   the port): a TLS handshake goes on to the HTTPS portal, plain HTTP to the second one.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type LookupFunction, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, getCACertificates, setDefaultCACertificates } from 'node:tls';
import axios from 'axios';
import { devEnv, freePort, inspectorArgs, stopGroup, waitUntilServing } from '../../scripts/lib/local-server.ts';
import { wranglerSpawn } from '../../src/cli/wrangler.ts';

export const HOST = 'amiaffected.test';

/** amiaffected.test → 127.0.0.1; any other name as the system resolves it. */
export const resolvePortal: LookupFunction = (hostname, options, callback) => {
  if (hostname !== HOST) return dnsLookup(hostname, options, callback);
  const address: LookupAddress = { address: '127.0.0.1', family: 4 };
  if (options.all) callback(null, [address]);
  else callback(null, address.address, address.family);
};

export interface ObservatoryPortal {
  /** The one port of https://amiaffected.test:<port> and http://amiaffected.test:<port>. */
  port: number;
  origin: string;
  /** The HTTPS portal's local D1 state, for the operator CLI (`--persist-to`). */
  stateDir: string;
  stop(): void;
}

function makeCertificate(dir: string): { key: string; cert: string } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  // The IP entry lets the readiness check below reach each portal at 127.0.0.1 directly.
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST},IP:127.0.0.1`, '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key, cert };
}

/** One port for both schemes: a connection that opens with a TLS handshake record (22) is HTTPS. */
function portSwitch(httpsPort: number, httpPort: number, ca: string): Promise<Server> {
  const server = createServer((client) => {
    client.once('data', (first) => {
      client.pause();
      const upstream =
        first[0] === 0x16
          ? connect(httpsPort, '127.0.0.1')
          : tlsConnect({ host: '127.0.0.1', port: httpPort, servername: HOST, ca });
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close);
      upstream.on('error', close);
      upstream.write(first);
      client.pipe(upstream).pipe(client);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export async function startObservatoryPortal(): Promise<ObservatoryPortal> {
  const dir = mkdtempSync(join(tmpdir(), 'amiaffected-observatory-portal-'));
  const stateDir = join(dir, 'state');
  const { key, cert } = makeCertificate(dir);
  const ca = readFileSync(cert, 'utf8');
  const trusted = getCACertificates('default');
  setDefaultCACertificates([...trusted, ca]);
  const previousLookup = axios.defaults.lookup;
  axios.defaults.lookup = resolvePortal as typeof axios.defaults.lookup;

  const children: ChildProcess[] = [];
  let server: Server | undefined;
  const stop = () => {
    server?.close();
    for (const child of children) stopGroup(child);
    axios.defaults.lookup = previousLookup;
    setDefaultCACertificates(trusted);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    const tls = ['--local-protocol', 'https', '--https-key-path', key, '--https-cert-path', cert];
    const https = spawn(process.execPath, ['scripts/start.ts', '--port', String(httpsPort), '--persist-to', stateDir, '--', ...tls, ...(await inspectorArgs())], {
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    children.push(https);
    const http = wranglerSpawn(
      ['dev', '--port', String(httpPort), '--ip', '127.0.0.1', '--persist-to', join(dir, 'http-state'), ...tls, '--upstream-protocol', 'http', ...(await inspectorArgs())],
      { stdio: ['ignore', 'ignore', 'inherit'], detached: true, env: devEnv() },
    );
    children.push(http);
    // The plain-HTTP portal is probed on a static file: it has no D1 tables, so its pages would answer 503.
    await Promise.all([waitUntilServing(`https://127.0.0.1:${httpsPort}/`, https), waitUntilServing(`https://127.0.0.1:${httpPort}/styles.css`, http)]);
    server = await portSwitch(httpsPort, httpPort, ca);
    const { port } = server.address() as { port: number };
    return { port, origin: `https://${HOST}:${port}`, stateDir, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
