import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZBClient } from 'zeebe-node';
import { ConfigError, readConfig } from '../../src/server/server-config.js';
import { startServer } from '../../src/server/gongzhi-server.js';
import { testStores } from '../support/test-stores.js';
import { chain, end, processXml, serviceTask, start } from '../support/bpmn-xml.js';

describe('ZEEBE_GATEWAY_PORT', () => {
  it('is off unless set, a port number when set, and not with RUNTIME=zeebe', () => {
    expect(readConfig({}).zeebeGatewayPort).toBeUndefined();
    expect(readConfig({ ZEEBE_GATEWAY_PORT: '26500' }).zeebeGatewayPort).toBe(26500);
    expect(() => readConfig({ ZEEBE_GATEWAY_PORT: 'abc' })).toThrow(ConfigError);
    expect(() => readConfig({ ZEEBE_GATEWAY_PORT: '70000' })).toThrow("ZEEBE_GATEWAY_PORT must be a port number, but was '70000'");
    expect(() => readConfig({ ZEEBE_GATEWAY_PORT: '26500', RUNTIME: 'zeebe', ZEEBE_ADDRESS: 'x:1' })).toThrow(ConfigError);
  });

  it('makes the server serve the gateway beside the REST API, and stop it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongzhi-gw-'));
    mkdirSync(join(dir, 'processes'));
    mkdirSync(join(dir, 'forms'));
    writeFileSync(join(dir, 'processes', 'hello.bpmn'), processXml('hello', [start(), serviceTask('greet', 'greet'), end(), chain('start', 'greet', 'end')].join('')));
    const store = await testStores[0].open();
    const running = await startServer(
      { ...readConfig({}), port: 0, host: '127.0.0.1', demo: false, workers: false, processesDir: join(dir, 'processes'), formsDir: join(dir, 'forms'), staticDir: join(dir, 'none'), zeebeGatewayPort: 0 },
      { store, log: () => {} },
    );
    const zbc = new ZBClient(`127.0.0.1:${running.zeebeGatewayPort}`, { retry: false, loglevel: 'NONE', useTLS: false });
    try {
      expect(running.zeebeGatewayPort).toBeGreaterThan(0);
      // The processes the server deployed at start are there for Zeebe clients.
      const created = await zbc.createProcessInstance({ bpmnProcessId: 'hello', variables: {} });
      expect(created.version).toBe(1);
    } finally {
      await zbc.close();
      await running.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
