/** Parsing of numeric command-line options, the same everywhere: a bad value is a usage error (exit 2). */
import { CliError, EXIT } from './errors';

/** A whole number option within [min, max]; `name` without the dashes. */
export function intOption(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
    throw new CliError(`--${name} must be an integer ${range}, got "${text}"`, EXIT.USAGE);
  }
  return n;
}
