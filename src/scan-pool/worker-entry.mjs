// A worker thread's entry: TypeScript is loaded through tsx here, since a worker started by a test
// runner (or by any process not started with `--import tsx`) would not have it.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./scan-worker.ts');
export default worker.default;
