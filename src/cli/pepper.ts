/**
 * Where the operator's pepper comes from, in order: --pepper-file, the PEPPER environment variable,
 * then .dev.vars (local mode only). With none, the CLI refuses to run: hashing with a wrong or empty key
 * would silently make every lookup answer "not affected".
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { type Pepper, parsePepper } from '../core/keyed-hash.ts';
import { OperatorError } from './operator-error.ts';

export class MissingPepper extends OperatorError {
  override name = 'MissingPepper';
}

export function readDevVars(path = '.dev.vars'): Record<string, string | undefined> {
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}

export function loadPepper(options: { pepperFile?: string | undefined; local: boolean; devVarsPath?: string }): Pepper {
  const fromFile = options.pepperFile ? readFileSync(options.pepperFile, 'utf8').trim() : undefined;
  const text = fromFile ?? process.env.PEPPER ?? (options.local ? readDevVars(options.devVarsPath).PEPPER : undefined);
  if (!text) {
    throw new MissingPepper(
      'No pepper: pass --pepper-file <file>, set PEPPER, or (local mode) run `npm start` once to create .dev.vars.',
    );
  }
  return parsePepper(text);
}

/** The first of dev1, dev2, … that is not in `used`. */
export function unusedKeyId(used: ReadonlySet<string>, prefix = 'dev'): string {
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** A fresh pepper in the PEPPER format: 32 random bytes under the given key id. */
export function newPepperText(keyId: string): string {
  const key = crypto.getRandomValues(new Uint8Array(32));
  return `${keyId}:${Buffer.from(key).toString('base64')}`;
}
