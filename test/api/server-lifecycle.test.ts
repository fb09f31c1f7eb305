/** Health, security headers, the login rate limit, configuration from the environment, and a graceful close. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../engine/src/server/server-config.js';
import { TestServer, type ApiClient, SERVER_START_TIMEOUT } from './support/test-server.js';
import { CASE_JOB_TYPE } from './support/api-case-fixture.js';

describe('server lifecycle (PGlite)', () => {
  let t: TestServer;
  let integrator: ApiClient;
  beforeAll(async () => {
    t = await TestServer.start();
    // Logged in before the rate-limit test locks this client's logins.
    integrator = await t.as('integrator');
  }, SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  it('GET /healthz and /readyz answer without credentials', async () => {
    const health = await t.client().get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'UP' });
    const ready = await t.client().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'READY', store: 'pglite' });
  });

  it('logged what it did at start: deployments, demo logins, the address', () => {
    expect(t.logs.join('\n')).toMatch(/deployed 2 processes, 0 decisions, 1 forms/);
    expect(t.logs.join('\n')).toMatch(/grid1.*Gongzhi2026/);
    expect(t.logs.join('\n')).toContain(t.url);
    // The admin password was given, so it is not printed.
    expect(t.logs.join('\n')).not.toMatch(/created user 'admin' with the password/);
  });

  it('sends security headers on answers, errors and the docs page', async () => {
    for (const response of [await integrator.get('/v2/topology'), await t.client().get('/v2/topology'), await t.client().get('/healthz')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    }
    expect((await integrator.get('/v2/topology')).headers.get('cache-control')).toBe('no-store');
    expect((await t.client().get('/api/docs')).headers.get('x-content-type-options')).toBe('nosniff');
    expect((await t.client().get('/healthz')).headers.get('x-powered-by')).toBeNull();
  });

  it('serves a page at / saying where the API docs are when the designer is not built', async () => {
    const root = await t.client().get('/');
    expect(root.status).toBe(200);
    expect(root.text).toContain('/api/docs');
  });

  it('rate-limits failed logins: 429 with Retry-After, even for the right password while locked', async () => {
    const anonymous = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await anonymous.post('/v2/auth/login', { username: 'designer', password: `wrong-guess-${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const locked = await anonymous.post('/v2/auth/login', { username: 'designer', password: 'Gongzhi2026' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Tokens already issued still work.
    expect((await integrator.get('/v2/topology')).status).toBe(200);
  });

  it('closes gracefully: an in-flight request finishes, then nothing more is accepted', async () => {
    const before = Date.now();
    const inFlight = integrator.post('/v2/jobs/activation', { type: CASE_JOB_TYPE, timeout: 10_000, maxJobsToActivate: 1, requestTimeout: 1500 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closing = t.running.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ jobs: [] });
    expect(Date.now() - before).toBeGreaterThanOrEqual(1400);
    await closing;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
  });
});

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: 'data', demo: true, production: false, workers: true });
    expect(config.databaseUrl).toBeUndefined();
    expect(readConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h/db', GONGZHI_DEMO: '0' })).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h/db', demo: false });
  });

  it('in production: never seeds demo users, and refuses to start without an admin password and a JWT secret', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => readConfig({ NODE_ENV: 'production', GONGZHI_ADMIN_PASSWORD: 'Admin2026x' })).toThrow(/JWT_SECRET/);
    expect(() => readConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/GONGZHI_ADMIN_PASSWORD/);
    const config = readConfig({ NODE_ENV: 'production', GONGZHI_ADMIN_PASSWORD: 'Admin2026x', JWT_SECRET: 'x'.repeat(40), GONGZHI_DEMO: '1' });
    expect(config).toMatchObject({ production: true, demo: false });
  });

  it('names what is wrong with a bad PORT or a short JWT_SECRET', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
