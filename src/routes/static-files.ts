/**
 * The files of public/, served by the Worker itself from its bundle (wrangler.toml bundles them as text).
 * There is no asset store in front: the Worker had to run first for every path anyway, so that plain
 * HTTP is redirected before any file is served, and an asset router in front of it only added a hop to
 * every request, lookups included (locally it cost the lookup 14–40% of its throughput in three
 * measurements). index.ts mounts this router right after that redirect and before the page middleware,
 * whose headers and no-store are for dynamic responses.
 *
 * A file added to public/ needs its entry here (test/e2e/static-files.test.ts serves every one and
 * compares it with the file).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { Hono } from 'hono';
import agentScript from '../../public/agent.js';
import favicon from '../../public/favicon.svg';
import styles from '../../public/styles.css';
import type { AppBindings } from '../env.ts';
import { RESOURCE_HEADERS } from '../http/security-headers.ts';

/**
 * The headers of a static file: those of every resource that is not a document (nothing in it may run,
 * frame or be framed), and it may be cached for an hour (a deploy changes the ETag, and a revalidation
 * costs a 304).
 */
const FILE_HEADERS = { ...Object.fromEntries(RESOURCE_HEADERS), 'Cache-Control': 'public, max-age=3600' };

const FILES = {
  '/styles.css': { body: styles, type: 'text/css; charset=utf-8' },
  '/agent.js': { body: agentScript, type: 'text/javascript; charset=utf-8' },
  '/favicon.svg': { body: favicon, type: 'image/svg+xml' },
} as const;

export const staticFiles = new Hono<AppBindings>();
for (const [path, { body, type }] of Object.entries(FILES)) {
  const etag = `"${bytesToHex(sha256(utf8ToBytes(body))).slice(0, 32)}"`;
  const headers = { ...FILE_HEADERS, 'Content-Type': type, ETag: etag };
  // HEAD is answered by Hono from this GET route, without the body.
  staticFiles.get(path, (c) => {
    // If-None-Match: "*" or a list of tags, weak ones included (W/"…").
    const match = c.req.header('if-none-match')?.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
    return match ? c.body(null, 304, headers) : c.body(body, 200, headers);
  });
}
