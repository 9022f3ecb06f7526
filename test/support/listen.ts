import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphServer } from '../../src/server.js';
import { closeAfterFile } from './cleanup.js';

/** Serves `server` on a real loopback port, as main.ts does; closed after the test file. */
export async function listen(server: GraphServer): Promise<string> {
  const http = createServer(server.handle);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closeAfterFile(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}
