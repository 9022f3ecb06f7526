import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { GRAPHIQL_ASSETS_PATH } from './routes.js';

/** A static file, in every encoding we serve it in. */
export interface Asset {
  readonly path: string;
  readonly type: string;
  readonly plain: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer>;
  readonly br: Uint8Array<ArrayBuffer>;
}

export interface Assets {
  readonly script: Asset;
  readonly style: Asset;
  readonly icon: Asset;
}

let assets: Promise<Assets> | undefined;

/**
 * GraphiQL's 9 MB of script and style, as two files named by their content hash and compressed once
 * per process (in zlib's thread pool, on first use, so that servers that never serve GraphiQL pay
 * nothing): a browser downloads them compressed once and keeps them (immutable), and the page itself
 * is a few kilobytes. Nothing comes from a CDN.
 */
export function graphiqlAssets(): Promise<Assets> {
  return (assets ??= (async () => {
    const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
    // Monaco's workers run from blobs, as yoga's own page does it.
    const workers = `(function () {
  const blob = (source) => URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));
  const workers = { editorWorkerService: blob(${JSON.stringify(bundle.editorWorkerService)}), json: blob(${JSON.stringify(bundle.jsonWorker)}), graphql: blob(${JSON.stringify(bundle.graphqlWorker)}) };
  self['MonacoEnvironment'] = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
})();
`;
    // yoga's favicon is a 150 KB data: URL; as a file it is fetched once, not sent with every page.
    const icon = Buffer.from(bundle.favicon.slice(bundle.favicon.indexOf(',') + 1), 'base64');
    const [script, style, favicon] = await Promise.all([
      asset(Buffer.from(`${workers}${bundle.js};\n`), 'js', 'text/javascript; charset=utf-8'),
      asset(Buffer.from(bundle.css), 'css', 'text/css; charset=utf-8'),
      asset(icon, 'ico', 'image/x-icon'),
    ]);
    return { script, style, icon: favicon };
  })());
}

async function asset(content: Buffer, extension: string, type: string): Promise<Asset> {
  const plain = new Uint8Array(content);
  const hash = createHash('sha256').update(plain).digest('hex').slice(0, 16);
  const [gzipped, brotli] = await Promise.all([
    promisify(gzip)(plain, { level: 9 }),
    // Quality 6 compresses 9 MB in well under a second, within a few percent of quality 11.
    promisify(brotliCompress)(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } }),
  ]);
  return { path: `${GRAPHIQL_ASSETS_PATH}${hash}.${extension}`, type, plain, gzip: new Uint8Array(gzipped), br: new Uint8Array(brotli) };
}

/** The body to send for `request`: the smallest encoding it accepts. */
export function encoded(request: Request, asset: Asset): { body: Uint8Array<ArrayBuffer>; encoding?: 'br' | 'gzip' } {
  const accepted = request.headers.get('accept-encoding') ?? '';
  if (/\bbr\b/.test(accepted)) return { body: asset.br, encoding: 'br' };
  if (/\bgzip\b/.test(accepted)) return { body: asset.gzip, encoding: 'gzip' };
  return { body: asset.plain };
}
