import type { SharedSpans } from '../feed/window-engine.js';
import type { WindowData } from '../feed/window-store.js';
import { windowKey } from '../feed/windows.js';
import type { Logger } from '../logger.js';
import { activeSpan } from '../tracing/spans.js';
import { UpstreamUnavailableError } from '../upstream/errors.js';
import type { SharedTokenGate } from './shared-gate.js';
import type { SharedWindows } from './shared-windows.js';
import type { TimeRange } from '../domain/time/time-range.js';

/**
 * How a replica fills windows it does not hold: copies another replica stored, else wolkvox under
 * the shared token gate — and once it holds the token, it looks in Redis again and fetches only what
 * is still missing, so that N replicas asking for the same cold window cost one request. Without
 * Redis it fetches nothing: another replica may hold the token, and a private gate would break the
 * rule; the engine then serves the copies this replica holds and UPSTREAM_UNAVAILABLE for the rest.
 */
export class SharedSpanLoader implements SharedSpans {
  constructor(
    private readonly windows: SharedWindows,
    private readonly gate: SharedTokenGate,
    private readonly logger: Logger,
  ) {}

  async load(
    span: readonly TimeRange[],
    fetch: (windows: readonly TimeRange[]) => Promise<Map<number, WindowData>>,
    keep: (data: WindowData) => void,
    background = false,
  ): Promise<Map<number, WindowData>> {
    const found = await this.readShared(span, keep);
    if (found.size === span.length) return found;
    return this.gate.run(async () => {
      const missing = span.filter((window) => !found.has(windowKey(window)));
      for (const [key, data] of await this.readShared(missing, keep)) found.set(key, data);
      const still = missing.filter((window) => !found.has(windowKey(window)));
      if (still.length === 0) return found;
      const fetched = await fetch(still);
      // Stored before the token is given back: the next holder must find them.
      await this.windows.write([...fetched.values()]).catch((error: unknown) =>
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'fetched windows could not be shared through Redis; other replicas will fetch them'),
      );
      for (const [key, data] of fetched) found.set(key, data);
      return found;
    }, background ? 'background' : 'user');
  }

  private async readShared(windows: readonly TimeRange[], keep: (data: WindowData) => void): Promise<Map<number, WindowData>> {
    let found: Map<number, WindowData>;
    try {
      found = await this.windows.read(windows);
    } catch (error) {
      throw new UpstreamUnavailableError(`shared state (Redis) unreachable, so wolkvox is not asked from this replica: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    for (const data of found.values()) keep(data);
    activeSpan()?.addEvent('windows from Redis', { 'cdr.tier': 'redis', 'cdr.windows.asked': windows.length, 'cdr.windows.found': found.size });
    return found;
  }
}
