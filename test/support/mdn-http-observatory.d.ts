/**
 * Types for the parts of MDN's HTTP Observatory scanner (@mdn/mdn-http-observatory, plain ESM JavaScript
 * with JSDoc, no .d.ts of its own) that test/support/observatory.ts imports. They describe what the
 * package's source does in 1.4.8, and only as much of it as the tests read.
 */

declare module '@mdn/mdn-http-observatory/src/types.js' {
  /** A response as the retriever keeps it (an axios response plus whether its certificate was verified). */
  export interface ScannedResponse {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    data?: unknown;
    verified: boolean;
    httpEquiv?: Map<string, string[]>;
    request?: unknown;
  }
  export interface RedirectEntry {
    url: URL;
    status: number;
  }
  export class Responses {
    auto: ScannedResponse | null;
    cors: ScannedResponse | null;
    http: ScannedResponse | null;
    https: ScannedResponse | null;
    httpRedirects: RedirectEntry[];
    httpsRedirects: RedirectEntry[];
  }
  /** Everything one scan fetched: what every test reads. */
  export class Requests {
    constructor(hostname: string);
    hostname: string;
    resources: { path: string | null };
    responses: Responses;
    session: import('@mdn/mdn-http-observatory/src/retriever/session.js').Session | null;
  }
  /** One test's verdict; its class's static `name` is the test's name. */
  export interface TestOutput {
    result: string | null;
    pass: boolean | null;
  }
}

declare module '@mdn/mdn-http-observatory/src/retriever/session.js' {
  export class Session {
    constructor(url: URL);
    url: URL;
    /** A tough-cookie CookieJar: the cookies test reads every cookie the session was given. */
    jar: { setCookieSync(cookie: string, url: string): unknown };
  }
}

declare module '@mdn/mdn-http-observatory/src/retriever/retriever.js' {
  import type { Requests } from '@mdn/mdn-http-observatory/src/types.js';
  export function retrieve(hostname: string, options?: { httpPort?: number; httpsPort?: number; path?: string }): Promise<Requests>;
}

declare module '@mdn/mdn-http-observatory/src/retriever/utils.js' {
  export function parseHttpEquivHeaders(html: string, baseUrl: string): Map<string, string[]>;
}

declare module '@mdn/mdn-http-observatory/src/constants.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export const ALL_TESTS: ((requests: Requests) => TestOutput)[];
}

declare module '@mdn/mdn-http-observatory/src/grader/grader.js' {
  export function getScoreModifier(expectation: string): number;
  export function getGradeForScore(score: number): { score: number; grade: string };
}

declare module '@mdn/mdn-http-observatory/src/grader/charts.js' {
  export const MINIMUM_SCORE_FOR_EXTRA_CREDIT: number;
}

declare module '@mdn/mdn-http-observatory/src/scanner/index.js' {
  import type { TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  /** Scans http:// and https:// on the host's default ports (or a "host:port"); 1.4.8 ignores options. */
  export function scan(hostname: string): Promise<{
    scan: { grade: string; score: number; statusCode: number; testsFailed: number };
    tests: Record<string, TestOutput & { scoreModifier: number }>;
  }>;
}
