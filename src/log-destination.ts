import { destination, type DestinationStream } from 'pino';

/** What stdout may hold back while its reader is slow or gone; newer lines are dropped past it. */
const MAX_BUFFERED_LOG_BYTES = 4 * 1024 * 1024;

export interface ProcessLogDestination {
  readonly stream: DestinationStream;
  /** Writes what is buffered if the reader takes it now, never waiting for it; logging ends (at exit by itself). */
  close(): void;
}

/**
 * The process's stdout as a log destination that can never block the thread that logs. pino's default
 * writes synchronously and, on a full pipe (a reader that stopped reading, or went away while another
 * process still holds the pipe), retries in `Atomics.wait` for ever, so that no timer, not even the
 * forced exit of a shutdown, could run again. Here lines are written asynchronously, kept up to
 * MAX_BUFFERED_LOG_BYTES while the reader is slow and dropped past it, and a reader gone (EPIPE)
 * ends logging quietly.
 */
export function processLogDestination(): ProcessLogDestination {
  let closing = false;
  // Reading process.stdout makes Node open fd 1 as a stream, which puts a pipe in non-blocking mode
  // (libuv): a write to a full pipe then fails with EAGAIN instead of stopping the thread in write(2).
  const fd = process.stdout.fd;
  const stream = destination({ dest: fd, sync: false, maxLength: MAX_BUFFERED_LOG_BYTES, retryEAGAIN: () => !closing });
  // EPIPE is handled by pino (logging stops); the rest (EAGAIN while closing) means the line is lost, not the process.
  stream.on('error', () => undefined);
  const close = () => {
    if (closing) return;
    closing = true;
    try {
      stream.flushSync();
    } catch {
      // The reader takes nothing now: what is left is dropped rather than waited for.
    }
    // Also stops pino's own flush at exit, which would retry on a full pipe for ever.
    stream.destroy();
  };
  // Before pino's flush at exit: every process.exit, wherever it is called, ends logging this way.
  process.prependListener('exit', close);
  return { stream, close };
}
