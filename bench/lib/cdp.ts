/**
 * A minimal Chrome DevTools Protocol client over Node's global WebSocket: enough to drive the V8 profiler
 * of the Worker isolate that `wrangler dev --inspector-port` exposes. A library (chrome-remote-interface)
 * would add a dependency for three commands.
 */

export interface CdpSession {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

/**
 * The WebSocket address of the one target wrangler's inspector proxy lists at /json/list. The proxy
 * answers only once the Worker's runtime is up, so this polls until the deadline.
 */
export async function inspectorTarget(port: number, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/list`);
      if (res.ok) {
        const [target] = (await res.json()) as { webSocketDebuggerUrl?: string }[];
        if (target?.webSocketDebuggerUrl) return target.webSocketDebuggerUrl;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no inspector target on 127.0.0.1:${port} within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// Node's WebSocket (undici) takes an init object with headers; the DOM typings only know `protocols`.
type NodeWebSocket = new (url: string, init: { headers: Record<string, string> }) => WebSocket;

/**
 * Opens a session. wrangler's proxy refuses a client that sends a User-Agent (undici does) without an
 * Origin it allows, and loopback is one it allows.
 */
export async function connectCdp(url: string): Promise<CdpSession> {
  const ws = new (WebSocket as unknown as NodeWebSocket)(url, { headers: { Origin: 'http://127.0.0.1' } });
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot open the inspector WebSocket ${url}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  ws.addEventListener('message', (event) => {
    // Events (no id) are ignored: the profiler answers stop() with the whole profile as a response.
    const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const call = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!call) return;
    pending.delete(msg.id!);
    if (msg.error) call.reject(new Error(`${call.method}: ${msg.error.message}`));
    else call.resolve(msg.result);
  });
  ws.addEventListener('close', (event) => {
    // A closed socket would otherwise leave stop() waiting for ever, e.g. when a message is too large.
    for (const call of pending.values()) call.reject(new Error(`${call.method}: inspector closed (${event.code} ${event.reason})`));
    pending.clear();
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => ws.close(),
  };
}
