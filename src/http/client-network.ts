/**
 * The network a client address stands for, as the rate limiter's key. An IPv4 address is one customer
 * (or one NAT). An IPv6 customer is handed a whole /64 by their provider, and the device picks a fresh
 * address in it whenever it likes (privacy extensions), so a limit per address would be a limit per
 * whim: IPv6 clients are limited per /64.
 *
 * Parsing leans on the platform: the WHATWG URL parser (the runtime's own) validates an IPv6 literal,
 * expands `::`, reads an embedded IPv4 tail and lowercases, then serialises one canonical form. What is
 * left here is taking the zone id off and keeping the first four groups.
 */

/** The leading 16-bit groups that make a /64. */
const PREFIX_GROUPS = 4;

/** ::ffff:a.b.c.d (RFC 4291, 2.5.5.2): an IPv4 client seen through a dual-stack socket. */
function mappedIpv4(groups: readonly number[]): string | null {
  if (groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return null;
  const [hi, lo] = [groups[6]!, groups[7]!];
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

/** The eight groups of an IPv6 literal, or null if it is not one. */
function ipv6Groups(text: string): number[] | null {
  let host: string;
  try {
    host = new URL(`http://[${text}]/`).hostname;
  } catch {
    return null;
  }
  // The serialiser writes lowercase hex groups, with at most one "::" and no IPv4 tail.
  const [head, tail] = host.slice(1, -1).split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  const groups = tail === undefined ? front : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * The rate-limit key for a client address: the IPv4 address itself (also when written IPv4-mapped), or
 * the IPv6 /64 as `<four groups>::/64`. Null when the text is not an IP address.
 *
 * @example
 * clientNetwork('2001:DB8:0:1:aaaa::1')  // '2001:db8:0:1::/64'
 * clientNetwork('2001:db8:0:1::2%eth0')  // '2001:db8:0:1::/64', the zone id names the interface, not the host
 * clientNetwork('::ffff:192.0.2.7')      // '192.0.2.7'
 * clientNetwork('192.0.2.7')             // '192.0.2.7'
 */
export function clientNetwork(address: string): string | null {
  const text = address.trim();
  if (IPV4.test(text)) return text;
  if (!text.includes(':')) return null;
  const zone = text.indexOf('%');
  const literal = zone === -1 ? text : text.slice(0, zone);
  // Only hex, colons and dots: the URL parser would also accept a host followed by a path.
  if (!/^[0-9a-f:.]+$/i.test(literal)) return null;
  const groups = ipv6Groups(literal);
  if (!groups) return null;
  return mappedIpv4(groups) ?? `${groups.slice(0, PREFIX_GROUPS).map((g) => g.toString(16)).join(':')}::/64`;
}
