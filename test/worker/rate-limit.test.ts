/**
 * The lookup limiter counts per client network: one bucket per IPv4 address, one per IPv6 /64, because
 * a customer's device can take any address of the /64 its provider gives it. Through HTTP against the
 * local Workers Rate Limiting binding (wrangler.toml: 10 lookups a minute), and the address parsing
 * itself in the same runtime, whose URL parser it relies on.
 */
import { describe, expect, it } from 'vitest';
import { clientNetwork } from '../../src/http/client-network.ts';
import { check } from './http.ts';

const LIMIT = 10;

const hex16 = () => crypto.getRandomValues(new Uint16Array(1))[0]!.toString(16);
const byte = () => crypto.getRandomValues(new Uint8Array(1))[0]!;

/** Uses up the limit from `ip`; every one of those lookups must have been answered. */
async function useUp(ip: string) {
  for (let i = 0; i < LIMIT; i++) {
    expect((await check({ incident: 'demo', email: 'nobody@example.com' }, { ip })).status).toBe(200);
  }
}

const lookupFrom = async (ip: string) => (await check({ incident: 'demo', email: 'nobody@example.com' }, { ip })).status;

describe('rate limit per network', () => {
  it('counts two addresses of one IPv6 /64 as one client, however they are written', async () => {
    const [a, b, c] = [hex16(), hex16(), hex16()];
    await useUp(`2001:db8:${a}:${b}:${c}::1`);
    // Another address of the same /64, in capitals, uncompressed and with a zone id.
    expect(await lookupFrom(`2001:0DB8:${a.toUpperCase()}:${b}:FFFF:0:0:2%eth0`)).toBe(429);
    expect(await lookupFrom(`2001:db8:${a}:${b}::${c}`)).toBe(429);
  });

  it('keeps two IPv6 /64s apart, even next to each other', async () => {
    const [a, b] = [hex16(), hex16()];
    const next = ((parseInt(b, 16) + 1) & 0xffff).toString(16);
    await useUp(`2001:db8:${a}:${b}::1`);
    expect(await lookupFrom(`2001:db8:${a}:${b}::1`)).toBe(429);
    expect(await lookupFrom(`2001:db8:${a}:${next}::1`)).toBe(200);
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address, and IPv4 addresses one by one', async () => {
    const [x, y, z] = [byte(), byte(), byte() & 0xfe];
    await useUp(`::ffff:10.${x}.${y}.${z}`);
    expect(await lookupFrom(`10.${x}.${y}.${z}`)).toBe(429);
    expect(await lookupFrom(`::FFFF:${((10 << 8) | x).toString(16)}:${((y << 8) | z).toString(16)}`)).toBe(429);
    expect(await lookupFrom(`10.${x}.${y}.${z + 1}`)).toBe(200);
  });
});

describe('clientNetwork', () => {
  const vectors: [string, string][] = [
    ['192.0.2.7', '192.0.2.7'],
    [' 192.0.2.7 ', '192.0.2.7'],
    ['255.255.255.255', '255.255.255.255'],
    ['0.0.0.0', '0.0.0.0'],
    ['2001:db8:0:1:aaaa::1', '2001:db8:0:1::/64'],
    ['2001:DB8:0:1:AAAA:0:0:1', '2001:db8:0:1::/64'],
    ['2001:0db8:0000:0001:ffff:ffff:ffff:ffff', '2001:db8:0:1::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:1:2:3:4:1.2.3.4', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['fe80::abcd%25', 'fe80:0:0:0::/64'],
    ['1::', '1:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::FFFF:C000:0207', '192.0.2.7'],
    ['0:0:0:0:0:ffff:c000:207', '192.0.2.7'],
    ['::ffff:0:c000:207', '0:0:0:0::/64'], // not mapped (RFC 2765's "translated" form): an IPv6 address
  ];
  it.each(vectors)('%s → %s', (address, network) => {
    expect(clientNetwork(address)).toBe(network);
  });

  const notAddresses = ['', 'local', 'not an ip', '1.2.3', '256.1.1.1', '01.2.3.4', '1.2.3.4.5', '2001:db8::1::2', '12345::', '2001:db8::g', '1:2:3:4:5:6:7:8:9', '::1]/x', '[::1]', 'example.com', '::ffff:1.2.3.256'];
  it.each(notAddresses)('%j is not an address', (text) => {
    expect(clientNetwork(text)).toBeNull();
  });
});
