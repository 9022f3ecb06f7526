import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Anything that could carry a secret is censored by path as well: the Secret
 * type already prints `[redacted]`, this catches raw headers should one ever be logged.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'wolkvox-cdr-graph' },
    redact: {
      paths: ['token', '*.token', 'headers["wolkvox-token"]', '*.headers["wolkvox-token"]', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
