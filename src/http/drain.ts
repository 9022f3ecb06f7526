import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const SHUTTING_DOWN = JSON.stringify({ errors: [{ message: 'The server is shutting down; send the request again (another instance will answer).', extensions: { code: 'UNAVAILABLE' } }] });

/**
 * The requests a node:http server has in flight, so that shutting down finishes them instead of
 * cutting their connections: once draining, new requests (on kept-alive connections) get a clean 503
 * at once, requests in flight get until the deadline, and those still running then get a 503 too.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  /** `handler`, counting its requests and refusing new ones while draining. */
  wrap(handler: Handler): Handler {
    return (req, res) => {
      if (this.draining) return unavailable(res);
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
      handler(req, res);
    };
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** Stops accepting, waits up to `timeoutMs` for requests in flight, answers the rest 503; resolves with how many were cut. */
  async close(server: Server, timeoutMs: number): Promise<number> {
    this.draining = true;
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const cut = this.inFlight.size;
    for (const res of this.inFlight) unavailable(res);
    server.closeAllConnections();
    return cut;
  }
}

function unavailable(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' }).end(SHUTTING_DOWN);
}
