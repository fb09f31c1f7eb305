/** Login, users, organisations, API keys (Bearer and HTTP Basic), and the hash-chained audit trail. */
import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStores } from '../../engine/test/support/test-stores.js';
import { basic, DEMO_ORGS, TestServer, SERVER_START_TIMEOUT } from './support/test-server.js';
import { CASE_JOB_TYPE, validIntake } from './support/api-case-fixture.js';

describe.each(testStores)('identity and audit on $name', (testStore) => {
  let t: TestServer;
  beforeAll(async () => (t = await TestServer.start({ testStore })), SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  describe('login', () => {
    it('returns a bearer token with the user, roles and permissions; a wrong password is 401 problem+json', async () => {
      const anonymous = t.client();
      const login = await anonymous.post('/v2/auth/login', { username: 'grid1', password: 'Gongzhi2026' });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({
        token: expect.any(String),
        user: { username: 'grid1', roles: ['staff'], orgId: DEMO_ORGS.grid1, groups: ['grid-worker', 'proxy-agent'] },
      });
      expect(new Date(login.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3600_000);
      expect(login.body.user.permissions).toContain('tasks:work');
      const me = await t.client(`Bearer ${login.body.token}`).get('/v2/auth/me');
      expect(me.body).toMatchObject({ kind: 'user', username: 'grid1', orgId: DEMO_ORGS.grid1 });

      const wrong = await anonymous.post('/v2/auth/login', { username: 'grid1', password: 'not-the-password1' });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(wrong.text).not.toMatch(/hash|scrypt/);
      const unknown = await anonymous.post('/v2/auth/login', { username: 'nobody-here', password: 'whatever123' });
      expect(unknown.status).toBe(401);
      // The same answer, so that it does not tell which usernames exist.
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });

    it('accepts HTTP Basic with a username and password, as Camunda self-managed does', async () => {
      const client = t.client(basic('integrator', 'Gongzhi2026'));
      const me = await client.get('/v2/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ kind: 'user', username: 'integrator' });
    });
  });

  describe('users', () => {
    it('lists users without secrets, creates staff in an organisation, and refuses a weak password or staff without one', async () => {
      const admin = await t.as('admin');
      const list = await admin.get('/v2/users');
      expect(list.status).toBe(200);
      const names = list.body.items.map((u: { username: string }) => u.username);
      expect(names).toEqual(expect.arrayContaining(['admin', 'grid1', 'grid2', 'community', 'designer', 'integrator', 'tester']));
      expect(list.text).not.toMatch(/scrypt\$|passwordHash|password_hash/);

      const created = await admin.post('/v2/users', { username: 'grid9', password: 'Wangge2026', displayName: '网格员 新人', roles: ['staff'], orgId: DEMO_ORGS.grid1Sibling, groups: ['grid-worker'] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username: 'grid9', roles: ['staff'], orgId: DEMO_ORGS.grid1Sibling });
      expect(JSON.stringify(created.body)).not.toContain('Wangge2026');
      const login = await t.client().post('/v2/auth/login', { username: 'grid9', password: 'Wangge2026' });
      expect(login.status).toBe(200);

      const duplicate = await admin.post('/v2/users', { username: 'grid9', password: 'Wangge2026', roles: ['staff'], orgId: DEMO_ORGS.grid1 });
      expect(duplicate.status).toBe(409);
      const weak = await admin.post('/v2/users', { username: 'weak', password: 'short', roles: ['designer'] });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].field).toMatch(/password/);
      const noOrg = await admin.post('/v2/users', { username: 'floating', password: 'Floating2026', roles: ['staff'] });
      expect(noOrg.status).toBe(400);
      expect(noOrg.body.errors[0].field).toMatch(/orgId/);
      const badRole = await admin.post('/v2/users', { username: 'boss', password: 'Boss20260', roles: ['superuser'] });
      expect(badRole.status).toBe(400);
      expect(badRole.body.errors[0].field).toMatch(/^\/roles\/0/);
    });

    it('disabling a user ends their session at once', async () => {
      const admin = await t.as('admin');
      const created = await admin.post('/v2/users', { username: 'leaver', password: 'Leaver2026', roles: ['designer'] });
      const token = (await t.client().post('/v2/auth/login', { username: 'leaver', password: 'Leaver2026' })).body.token;
      const leaver = t.client(`Bearer ${token}`);
      expect((await leaver.get('/v2/forms')).status).toBe(200);
      const disabled = await admin.patch(`/v2/users/${created.body.id}`, { disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabled).toBe(true);
      expect((await leaver.get('/v2/forms')).status).toBe(401);
      expect((await admin.patch('/v2/users/no-such-user', { disabled: true })).status).toBe(404);
    });
  });

  describe('organisations', () => {
    it('lists the street → community → grid tree and adds a grid where grids belong', async () => {
      const admin = await t.as('admin');
      const orgs = await admin.get('/v2/organizations');
      expect(orgs.status).toBe(200);
      expect(orgs.body.items.find((o: { id: string }) => o.id === DEMO_ORGS.grid1)).toMatchObject({ kind: 'grid', parentId: DEMO_ORGS.community });
      const tree = JSON.stringify(orgs.body.tree);
      expect(tree).toContain(DEMO_ORGS.street);
      expect(orgs.body.page.totalItems).toBe(orgs.body.items.length);

      const created = await admin.post('/v2/organizations', { id: 'st-hepingli-c01-g10', name: '和平社区第10网格', kind: 'grid', parentId: DEMO_ORGS.community });
      expect(created.status).toBe(201);
      const wrongNesting = await admin.post('/v2/organizations', { id: 'grid-under-street', name: '错层网格', kind: 'grid', parentId: DEMO_ORGS.street });
      expect(wrongNesting.status).toBe(400);
      expect((await admin.post('/v2/organizations', { id: 'st-hepingli-c01-g10', name: '重复', kind: 'grid', parentId: DEMO_ORGS.community })).status).toBe(409);
      // The new grid is in the community's scope straight away.
      const caseKey = await t.startCase({ orgId: 'st-hepingli-c01-g10', caseId: 'O-1' });
      expect((await (await t.as('community')).get(`/v2/process-instances/${caseKey}`)).status).toBe(200);
    });
  });

  describe('API keys', () => {
    it('shows the key once, stores only its hash, and authenticates as Bearer and as HTTP Basic until revoked', async () => {
      const admin = await t.as('admin');
      const created = await admin.post('/v2/api-keys', { name: '12345 热线对接', roles: ['integrator'] });
      expect(created.status).toBe(201);
      const { id, key } = created.body as { id: string; key: string };
      expect(key).toMatch(/^gzk_/);

      const list = await admin.get('/v2/api-keys');
      expect(list.body.items.find((k: { id: string }) => k.id === id)).toMatchObject({ name: '12345 热线对接', roles: ['integrator'] });
      expect(list.text).not.toContain(key);
      const stored = await t.store.db.executeQuery<{ key_hash: string }>(CompiledQuery.raw('SELECT key_hash FROM api_keys WHERE id = $1', [id]));
      expect(stored.rows[0].key_hash).toBe(createHash('sha256').update(key).digest('hex'));

      const bearer = t.client(`Bearer ${key}`);
      expect((await bearer.get('/v2/auth/me')).body).toMatchObject({ kind: 'apiKey', id, roles: ['integrator'] });
      const viaBasic = t.client(basic(id, key));
      const started = await viaBasic.post('/v2/process-instances', { processDefinitionId: 'api-case', variables: { caseId: 'K-1' }, startInstructions: [{ elementId: 'archive' }] });
      expect(started.status).toBe(200);
      const jobs = await viaBasic.post('/v2/jobs/activation', { type: CASE_JOB_TYPE, timeout: 10_000, maxJobsToActivate: 1 });
      expect(jobs.body.jobs).toHaveLength(1);
      expect((await viaBasic.post(`/v2/jobs/${jobs.body.jobs[0].jobKey}/completion`, {})).status).toBe(204);
      // An integrator key may not manage users.
      expect((await bearer.get('/v2/users')).status).toBe(403);

      expect((await admin.delete(`/v2/api-keys/${id}`)).status).toBe(204);
      expect((await bearer.get('/v2/auth/me')).status).toBe(401);
      expect((await viaBasic.get('/v2/auth/me')).status).toBe(401);
      expect((await admin.delete('/v2/api-keys/ak_0000000000000000')).status).toBe(404);
    });
  });

  describe('audit', () => {
    it('lists who did what to an instance and its task, in order, and verifies the chain; a tampered record breaks it', async () => {
      const caseKey = await t.startCase({ orgId: DEMO_ORGS.grid1, caseId: 'A-1' });
      const task = await t.userTaskOf(caseKey);
      const grid1 = await t.as('grid1');
      expect((await grid1.post(`/v2/user-tasks/${task.userTaskKey}/assignment`, { assignee: 'grid1' })).status).toBe(204);
      expect((await grid1.post(`/v2/user-tasks/${task.userTaskKey}/completion`, { variables: validIntake() })).status).toBe(204);
      const admin = await t.as('admin');
      expect((await admin.post(`/v2/process-instances/${caseKey}/cancellation`, {})).status).toBe(204);

      const trail = await admin.get(`/v2/audit?processInstanceKey=${caseKey}`);
      expect(trail.status).toBe(200);
      expect(trail.body.items.map((r: { action: string; actor: { name: string } }) => `${r.actor.name}: ${r.action}`)).toEqual([
        'admin: process-instance.create',
        'grid1: user-task.assign',
        'grid1: user-task.complete',
        'admin: process-instance.cancel',
      ]);
      for (const record of trail.body.items) expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
      const paged = await admin.get(`/v2/audit?processInstanceKey=${caseKey}&limit=2`);
      expect(paged.body.items).toHaveLength(2);
      const next = await admin.get(`/v2/audit?processInstanceKey=${caseKey}&after=${paged.body.items[1].seq}`);
      expect(next.body.items.map((r: { action: string }) => r.action)).toEqual(['user-task.complete', 'process-instance.cancel']);
      // Logins, user and key changes are there too.
      expect((await admin.get('/v2/audit?action=auth.login')).body.items.length).toBeGreaterThan(0);
      expect((await admin.get('/v2/audit?processInstanceKey=abc')).status).toBe(400);

      const verified = await admin.get('/v2/audit/verify');
      expect(verified.status).toBe(200);
      expect(verified.body.ok).toBe(true);
      expect(verified.body.records).toBeGreaterThanOrEqual(trail.body.items.at(-1).seq);

      const victim = trail.body.items[1].seq;
      await t.store.db.executeQuery(CompiledQuery.raw(`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = $1`, [victim]));
      const broken = await admin.get('/v2/audit/verify');
      expect(broken.body).toMatchObject({ ok: false, records: victim - 1, brokenAt: victim });
    });
  });
});
