/**
 * The support console's API (POST /api/v1/agent/check) under any body: a signed-in agent always gets a
 * clear answer, never a 5xx; anyone not signed in (no token, a forged or unsigned one, a made-up cookie)
 * gets 401 whatever they send, with or without Access configured.
 */
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { checkBody, headerText, jsonContentType, params, rawJsonText, RUNS, seedFuzzIncidents, TIMEOUT } from './fuzz-inputs.ts';
import { expectClearJson, postJson } from './fuzz-responses.ts';
import { fetchWith } from './http.ts';

beforeAll(seedFuzzIncidents);

afterEach(() => vi.restoreAllMocks());

describe('fuzzing POST /api/v1/agent/check', () => {
  it(`answers a signed-in agent clearly for any body, never a 5xx (${RUNS.agentSignedIn} cases)`, async () => {
    stubAccessCerts();
    const token = await accessToken({ email: 'fuzz-agent@example.com' });
    const agentEnv = { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: '1000000' };
    const body = fc.oneof(
      { weight: 3, arbitrary: checkBody.map((b) => ({ text: JSON.stringify(b), type: 'application/json' })) },
      { weight: 2, arbitrary: fc.tuple(rawJsonText(checkBody, ['incident', 'email', 'orderId', 'factor', 'locale']), jsonContentType).map(([text, type]) => ({ text, type })) },
    );
    await fc.assert(
      fc.asyncProperty(body, async ({ text: b, type }) => {
        const res = await fetchWith(postJson('/api/v1/agent/check', b, type, viaAccess(token)), agentEnv);
        await expectClearJson(res, 'affected');
        expect(res.status).not.toBe(401);
      }),
      params(RUNS.agentSignedIn),
    );
  }, TIMEOUT);

  it(`refuses (401) everyone not signed in, whatever they send (${RUNS.agentUnsigned} cases)`, async () => {
    stubAccessCerts();
    const credentials = fc.oneof(
      fc.constant({}),
      headerText.map((t) => viaAccess(t)),
      headerText.map((t) => ({ cookie: `agent_dev=${encodeURIComponent(t)}` })),
      fc.constant(viaAccess('eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jbyJ9.')),
    );
    await fc.assert(
      fc.asyncProperty(checkBody, credentials, fc.boolean(), async (body, headers, configured) => {
        const req = postJson('/api/v1/agent/check', JSON.stringify(body), 'application/json', headers);
        const res = await fetchWith(req, configured ? accessEnv : {});
        expect(res.status).toBe(401);
        const json = await expectClearJson(res, 'affected');
        expect(json.error).toBe('unauthorized');
      }),
      params(RUNS.agentUnsigned),
    );
  }, TIMEOUT);
});
