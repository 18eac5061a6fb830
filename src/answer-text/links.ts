/** Addresses that answers print in full, so a reader can type them instead of following a link. */

/** The incident page, where anyone can check for themselves. */
export function portalLink(baseUrl: string, slug: string): string {
  return `${baseUrl}/i/${slug}`;
}
