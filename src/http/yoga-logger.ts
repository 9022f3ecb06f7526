import { inspect } from 'node:util';
import type { YogaLogger } from 'graphql-yoga';
import type { Logger } from '../logger.js';

/**
 * yoga's own log calls, as JSON lines of ours. yoga logs the errors it masks at error level: each
 * one goes out with its stack as a field (`err`), never as raw multi-line text.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const forward = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    const err = args.find((arg): arg is Error => arg instanceof Error);
    const text = args.filter((arg) => !(arg instanceof Error)).map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { breakLength: Infinity }))).join(' ');
    logger[level](err ? { err } : {}, `yoga${text ? `: ${text}` : ''}`);
  };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
