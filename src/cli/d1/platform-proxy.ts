/**
 * Opens the project's D1 database from Node through wrangler's platform proxy, so the CLI runs the very
 * same data module (src/data/) as the Worker. Local mode uses the state `wrangler dev` uses.
 */
import { join } from 'node:path';

export interface D1Handle {
  readonly db: D1Database;
  close(): Promise<void>;
}

export async function openLocalD1(persistTo?: string): Promise<D1Handle> {
  // Loaded on demand: wrangler takes most of a second to load, which commands that do not use the
  // proxy (a local import) should not pay.
  const { getPlatformProxy } = await import('wrangler');
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: 'wrangler.toml',
    // wrangler --persist-to <dir> keeps its state under <dir>/v3; the proxy wants that inner folder.
    persist: persistTo ? { path: join(persistTo, 'v3') } : true,
    remoteBindings: false,
    envFiles: [],
  });
  return { db: proxy.env.DB, close: () => proxy.dispose() };
}

