import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { openStore, type StoreConfig } from '../../src/store/store.js';

describe('openStore configuration errors', () => {
  it.each<[string, StoreConfig, RegExp]>([
    ['nothing', {}, /names no database/],
    ['memory: false alone', { memory: false }, /names no database/],
    ['two targets', { url: 'postgres://h/db', dataDir: '/tmp/x' }, /gives url and dataDir; give exactly one/],
    ['an empty url', { url: ' ' }, /url must be a non-empty string/],
    ['an empty dataDir', { dataDir: '' }, /dataDir must be a non-empty path/],
    ['a url that is no URL', { url: 'not a url' }, /url is not a valid URL/],
    ['another scheme', { url: 'mysql://root@localhost/db' }, /must start with postgres:\/\/ or postgresql:\/\/, not mysql:/],
  ])('rejects %s', async (_label, config, message) => {
    await expect(openStore(config)).rejects.toThrow(message);
  });

  it('names the server it cannot reach, without the password', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const failure = openStore({ url: `postgres://clerk:s3cret@127.0.0.1:${port}/gongzhi` });
    await expect(failure).rejects.toThrow(
      new RegExp(`Cannot connect to PostgreSQL at postgres://clerk@127.0.0.1:${port}/gongzhi: .*ECONNREFUSED`),
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
