/**
 * The CLI's own operator-facing errors: written to be read as they are, naming files, lines, columns,
 * counts and commands but never a value from a customer file. src/cli/redact.ts prints these as they
 * are (bar its safety nets) and scrubs every other error's message.
 */
export class OperatorError extends Error {
  override name = 'OperatorError';
}
