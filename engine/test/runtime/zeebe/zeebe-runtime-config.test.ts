/** RUNTIME and ZEEBE_ADDRESS as the README documents them. */
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../src/server/server-config.js';

describe('RUNTIME', () => {
  it('is embedded unless set', () => {
    expect(readConfig({})).toMatchObject({ runtime: 'embedded', zeebeAddress: undefined });
  });

  it('zeebe takes the gateway from ZEEBE_ADDRESS (or zeebe-node’s ZEEBE_GATEWAY_ADDRESS)', () => {
    expect(readConfig({ RUNTIME: 'zeebe', ZEEBE_ADDRESS: 'zeebe:26500' })).toMatchObject({ runtime: 'zeebe', zeebeAddress: 'zeebe:26500' });
    expect(readConfig({ RUNTIME: 'zeebe', ZEEBE_GATEWAY_ADDRESS: 'gw:26500' }).zeebeAddress).toBe('gw:26500');
  });

  it('refuses zeebe without an address, and anything but embedded or zeebe, naming what is wrong', () => {
    expect(() => readConfig({ RUNTIME: 'zeebe' })).toThrow(new ConfigError('RUNTIME=zeebe needs ZEEBE_ADDRESS (host:port of the Zeebe gateway)'));
    expect(() => readConfig({ RUNTIME: 'camunda7' })).toThrow("RUNTIME must be 'embedded' or 'zeebe', but was 'camunda7'");
  });
});
