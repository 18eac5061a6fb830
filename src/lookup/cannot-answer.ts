/** Thrown when the portal cannot give a trustworthy answer; the HTTP layer turns it into a 503. */
export class CannotAnswer extends Error {
  override name = 'CannotAnswer';
}
