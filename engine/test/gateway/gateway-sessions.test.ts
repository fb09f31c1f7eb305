import { describe, it, expect, afterEach } from 'vitest';
import { testStores } from '../support/test-stores.js';
import { GatewayFixture } from './gateway-fixture.js';

// zeebe-node's grpc-js ends every unary call with a RST_STREAM; Node's HTTP/2 server cuts off a session after
// ~1,000 of them. Before sessions were kept short, call 1,100 or so failed with INTERNAL.
describe('gateway sessions', () => {
  let fixture: GatewayFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('a busy zeebe-node client gets every one of thousands of calls answered', async () => {
    fixture = await GatewayFixture.start(testStores[0]);
    const zbc = fixture.zbc;
    let calls = 0;
    const answered: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (calls < 3000) {
          calls++;
          const topology = await zbc.topology();
          answered.push(topology.brokers.length);
        }
      }),
    );
    expect(answered).toHaveLength(3000);
    expect(answered.every((brokers) => brokers === 1)).toBe(true);
  });
});
