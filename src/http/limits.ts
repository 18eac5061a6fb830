import { bodyLimit } from 'hono/body-limit';
import { Problem } from './problem.ts';

/** Identifiers are short: a lookup body over 4 KB is not a lookup. */
export const MAX_BODY_BYTES = 4096;

export const lookupBodyLimit = () =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new Problem('too_large');
    },
  });
