/**
 * Options several commands share, each parsed in one place. The parsers throw OperatorError rather than
 * commander's InvalidArgumentError, so a bad value reads as every other refusal of the CLI
 * ("Error: …", exit code 1) instead of commander's usage error.
 */
import { Option } from 'commander';
import { OperatorError } from '../redact.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A UTC day as YYYY-MM-DD. The date must exist as well as look right: the day after `--to` is computed
 * from it, and a day like 2026-13-45 would otherwise select nothing without saying why.
 *
 * @example day('--from')('2026-11-21') // '2026-11-21'
 */
export function day(flag: '--from' | '--to'): (value: string) => string {
  return (value) => {
    if (!DAY.test(value) || Number.isNaN(Date.parse(value))) throw new OperatorError(`${flag} must be a date like 2026-11-21 (got "${value}").`);
    return value;
  };
}

/** `--from <day>`: the first day of a selection, checked by `day`. */
export function fromOption(description: string): Option {
  return new Option('--from <day>', description).argParser(day('--from'));
}

/** `--to <day>`: the last day of a selection, checked by `day`. */
export function toOption(description: string): Option {
  return new Option('--to <day>', description).argParser(day('--to'));
}

/** The day after a YYYY-MM-DD, as the exclusive upper bound of an inclusive --to. */
export function dayAfter(value: string): string {
  return new Date(Date.parse(value) + 86_400_000).toISOString().slice(0, 10);
}
