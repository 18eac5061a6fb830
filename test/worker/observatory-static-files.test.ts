/**
 * The static files (styles, the console's script, the icon) get an A+ by the rules of MDN's HTTP
 * Observatory with no failing test, from the headers public/_headers gives them as Cloudflare applies
 * it. In the Workers tests static files are not served, so the file itself is graded.
 */
import { describe, expect, it } from 'vitest';
import headersFile from '../../public/_headers?raw';
import { grade } from './observatory-grader.ts';

describe('static files (public/_headers)', () => {
  /** The headers _headers gives a path, as Cloudflare applies them (rules in order, later values appended). */
  function staticHeaders(path: string): Headers {
    const headers = new Headers();
    let applies = false;
    for (const line of headersFile.split('\n')) {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      if (!/^\s/.test(line)) {
        const pattern = new RegExp(`^${line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
        applies = pattern.test(path);
        continue;
      }
      const colon = line.indexOf(':');
      if (applies && colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    return headers;
  }

  // In the Workers tests static files are not served (the request reaches the Worker), so the file is scored.
  it.each([
    ['/styles.css', 'text/css'],
    ['/agent.js', 'text/javascript'],
    ['/favicon.svg', 'image/svg+xml'],
  ])('%s gets an A+ with no failing test', (path, type) => {
    const headers = staticHeaders(path);
    headers.set('content-type', type);
    const g = grade({ headers });
    expect(g.failing).toEqual([]);
    expect(g).toMatchObject({ grade: 'A+', score: 130 });
  });
});
