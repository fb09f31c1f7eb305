/**
 * The designer's shell in a real browser against a real server: staff fill a task on a phone (field errors, a draft
 * that survives a reload, submit), the instance page shows the path taken and an incident, the language switch, and
 * role-aware navigation. Every page visited is saved as a screenshot under test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ADMIN_PASSWORD, DEMO_PASSWORD, E2eApi, logIn, screenshot, startE2eServer, withBrowser, type BrowserSession, type E2eServer } from './harness/index.js';
import { REPORT_BPMN, REPORT_FORM, REPORT_PROCESS_ID, ROUTING_BPMN, ROUTING_PROCESS_ID, VALID_ID_NUMBER } from './fixtures/grid-report.js';

const GRID1_ORG = 'st-hepingli-c01-g1';
const LONG = 180_000;

let server: E2eServer;
let admin: E2eApi;
/** The case grid1 works on, and the case that stops at the gateway. */
let reportCase = '';
let routingCase = '';
/** A second report, for the server's own field errors. */
let secondReport = '';

beforeAll(async () => {
  server = await startE2eServer();
  admin = await E2eApi.login(server.url, 'admin', ADMIN_PASSWORD);
  await admin.post('/v2/forms', REPORT_FORM);
  await admin.deploy([
    { name: 'e2e-grid-report.bpmn', content: REPORT_BPMN },
    { name: 'e2e-routing.bpmn', content: ROUTING_BPMN },
  ]);
  const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
  reportCase = (await admin.post('/v2/process-instances', { processDefinitionId: REPORT_PROCESS_ID, variables: { orgId: GRID1_ORG, caseNo: 'WG-2026-0001', dueAt } })).processInstanceKey;
  routingCase = (await admin.post('/v2/process-instances', { processDefinitionId: ROUTING_PROCESS_ID, variables: { orgId: GRID1_ORG } })).processInstanceKey;
  secondReport = (await admin.post('/v2/process-instances', { processDefinitionId: REPORT_PROCESS_ID, variables: { orgId: GRID1_ORG, caseNo: 'WG-2026-0002', dueAt } })).processInstanceKey;
  await admin.until('the report task', () => admin.post('/v2/user-tasks/search', { filter: { processInstanceKey: reportCase } }), (r) => r.items.length === 1);
  await admin.until('the routing incident', () => admin.post('/v2/incidents/search', { filter: { processInstanceKey: routingCase } }), (r) => r.items.length === 1);
}, LONG);

afterAll(async () => {
  await server?.close();
});

/** Collects what the page logs as errors, so a broken page fails the test that saw it. */
function watchErrors(session: BrowserSession): string[] {
  const errors: string[] = [];
  session.page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

describe('staff on a phone (375×812)', () => {
  it('opens a task, sees field errors, finds the draft after a reload, and submits', async () => {
    await withBrowser('task-phone', { phone: true }, async (session) => {
      const errors = watchErrors(session);
      const { page } = session;
      // Asked for /tasks, sent to log in, brought back to /tasks.
      await page.goto(`${server.url}/tasks`);
      await page.getByTestId('login-username').waitFor();
      await screenshot(page, 'login-phone');
      await logIn(page, server.url, 'grid1', DEMO_PASSWORD);
      await page.getByTestId('task-list-page').waitFor();
      const card = page.locator(`[data-testid="task-card"]`).filter({ hasText: 'WG-2026-0001' });
      await card.waitFor();
      expect(await card.getByTestId('due-tag').getAttribute('data-level')).toBe('ok');
      await screenshot(page, 'tasks-phone');
      // On a phone the navigation is a drawer: staff pages only.
      await page.getByTestId('nav-toggle').click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByTestId('nav-tasks').waitFor();
      expect(await drawer.getByTestId('nav-process-design').count()).toBe(0);
      await screenshot(page, 'nav-drawer-phone');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      // Nothing may stick out sideways on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      await card.getByTestId('task-open').click();
      await page.getByTestId('task-page').waitFor();
      await page.getByTestId('task-claim').click();
      await page.getByTestId('task-unclaim').waitFor();

      // Bad input: a one-character name, a phone that is no phone, the findings left out.
      await page.locator('#root_reporter').fill('张');
      await page.locator('#root_phone').fill('12345');
      await page.getByTestId('task-submit').click();
      const messages = page.locator('.ant-form-item-explain-error');
      await expect.poll(() => messages.allTextContents()).toEqual(
        expect.arrayContaining(['至少填写 2 个字符', '此项为必填项', expect.stringContaining('请输入有效的电话号码')]),
      );
      await screenshot(page, 'task-field-errors-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      // What was typed is kept as a draft: a reload brings it back.
      await page.locator('#root_summary').fill('楼道堆放杂物');
      await page.reload();
      await page.getByTestId('draft-restored').waitFor();
      expect(await page.locator('#root_reporter').inputValue()).toBe('张');
      expect(await page.locator('#root_phone').inputValue()).toBe('12345');
      expect(await page.locator('#root_summary').inputValue()).toBe('楼道堆放杂物');
      await screenshot(page, 'task-draft-restored-phone');

      // Corrected, with a photo reference (the file stays on the phone; its name, size and SHA-256 go in).
      await page.locator('#root_reporter').fill('张伟');
      await page.locator('#root_phone').fill('13800138000');
      await page.locator('#root_idNumber').fill(VALID_ID_NUMBER);
      await page.locator('#root_summary').fill('楼道堆放杂物，已现场核实并拍照。');
      const photo = Buffer.from('not really a jpeg, but bytes all the same');
      await page.locator('input[type=file]').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByTestId('root_photo-file').waitFor();
      await page.getByTestId('task-submit').click();
      await page.waitForURL((url) => url.pathname === '/tasks');
      await page.getByTestId('task-list-page').waitFor();
      await screenshot(page, 'tasks-after-submit-phone');

      const done = await admin.until(
        'the verify task completed',
        () => admin.post('/v2/user-tasks/search', { filter: { processInstanceKey: reportCase, elementId: 'verify' } }),
        (r) => r.items[0]?.state === 'COMPLETED',
      );
      expect(done.items[0].assignee).toBe('grid1');
      const instance = await admin.get(`/v2/process-instances/${reportCase}`);
      expect(instance.variables).toMatchObject({ reporter: '张伟', phone: '13800138000', idNumber: VALID_ID_NUMBER });
      expect(JSON.parse(instance.variables.photo)).toEqual({ name: '现场.jpg', size: photo.length, sha256: createHash('sha256').update(photo).digest('hex') });
      // Submitted: the draft is gone.
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gongzhi.draft.')))).toEqual([]);
      expect(errors).toEqual([]);
    });
  }, LONG);
});

describe('the instance page', () => {
  it('shows the path taken: completed elements and flows marked, the current step highlighted', async () => {
    // Runs after the phone test has completed the first step.
    await admin.until('the review task', () => admin.get(`/v2/process-instances/${reportCase}`), (d) => d.activeElementIds.includes('review'));
    await withBrowser('instance-path', {}, async (session) => {
      const errors = watchErrors(session);
      const { page } = session;
      await logIn(page, server.url, 'admin', ADMIN_PASSWORD);
      await page.getByTestId('home-page').waitFor();
      await screenshot(page, 'home-admin');
      await page.getByTestId('nav-instances').click();
      await page.getByTestId('instance-list-page').waitFor();
      await page.getByTestId('instance-link').first().waitFor();
      await screenshot(page, 'instances');

      await page.goto(`${server.url}/instances/${reportCase}`);
      const diagram = page.getByTestId('bpmn-viewer');
      const element = (id: string) => diagram.locator(`[data-element-id="${id}"]`).first();
      await expect.poll(() => element('verify').getAttribute('class')).toContain('gz-completed');
      expect(await element('start').getAttribute('class')).toContain('gz-completed');
      expect(await element('f1').getAttribute('class')).toContain('gz-taken');
      expect(await element('f2').getAttribute('class')).toContain('gz-taken');
      expect(await element('review').getAttribute('class')).toContain('gz-active');
      expect(await element('f3').getAttribute('class')).not.toContain('gz-taken');
      expect(await element('end').getAttribute('class')).not.toContain('gz-completed');
      // The variables the staff submitted, and who did what.
      await page.getByTestId('variable-table').getByText('13800138000').waitFor();
      await page.getByRole('tab', { name: '操作日志' }).click();
      await page.getByTestId('audit-trail').getByText('user-task.complete').waitFor();
      await screenshot(page, 'instance-path');
      expect(errors).toEqual([]);
    });
  }, LONG);

  it('marks an incident in red, retries it, and lets an admin cancel the instance', async () => {
    await withBrowser('instance-incident', {}, async (session) => {
      const errors = watchErrors(session);
      const { page } = session;
      await logIn(page, server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(`${server.url}/instances/${routingCase}`);
      const gateway = page.getByTestId('bpmn-viewer').locator('[data-element-id="route"]').first();
      await expect.poll(() => gateway.getAttribute('class')).toContain('gz-incident');
      await page.getByRole('tab', { name: /异常/ }).click();
      await page.getByTestId('incident-list').getByText('route').first().waitFor();
      await screenshot(page, 'instance-incident');
      // Resolving without fixing the data makes the gateway fail again: the retry was sent and answered.
      const before = (await admin.post('/v2/incidents/search', { filter: { processInstanceKey: routingCase } })).items.length;
      await page.getByTestId('incident-retry').click();
      await page.getByText('已重试，失败的步骤将重新执行').waitFor();
      await admin.until('the retried incident', () => admin.post('/v2/incidents/search', { filter: { processInstanceKey: routingCase } }), (r) => r.items.length > before);

      await page.getByTestId('instance-cancel').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '确 定' }).or(page.locator('.ant-popconfirm').getByRole('button', { name: '确定' })).click();
      await expect.poll(() => page.getByTestId('instance-page').getAttribute('data-state')).toBe('TERMINATED');
      await screenshot(page, 'instance-canceled');
      expect(errors).toEqual([]);
    });
  }, LONG);
});

describe('navigation and language', () => {
  it('shows the design pages to a designer and hides them from staff, who get 403 by direct link', async () => {
    await withBrowser('nav-designer', {}, async (designer) => {
      await logIn(designer.page, server.url, 'designer', DEMO_PASSWORD);
      const nav = designer.page.getByTestId('main-nav');
      await nav.waitFor();
      for (const id of ['process-design', 'form-design', 'decision-design']) await nav.getByTestId(`nav-${id}`).waitFor();
      expect(await nav.getByTestId('nav-tasks').count()).toBe(0);
      await screenshot(designer.page, 'home-designer');
    });

    await withBrowser('nav-staff', {}, async (staff) => {
      await logIn(staff.page, server.url, 'window', DEMO_PASSWORD);
      const nav = staff.page.getByTestId('main-nav');
      await nav.getByTestId('nav-tasks').waitFor();
      await nav.getByTestId('nav-instances').waitFor();
      for (const id of ['process-design', 'form-design', 'decision-design']) expect(await nav.getByTestId(`nav-${id}`).count()).toBe(0);
      await screenshot(staff.page, 'home-staff');
      await staff.page.goto(`${server.url}/process-design`);
      await staff.page.locator('.ant-result-title', { hasText: '无权访问' }).waitFor();
      await screenshot(staff.page, 'forbidden');
      await staff.page.goto(`${server.url}/no-such-page`);
      await staff.page.locator('.ant-result-title', { hasText: '页面不存在' }).waitFor();
      await screenshot(staff.page, 'not-found');
      await staff.page.goto(`${server.url}/dashboards`);
      await staff.page.getByTestId('dashboard-page').waitFor();
      await staff.page.getByTestId('dashboard-empty').or(staff.page.getByTestId('dashboard-figure').first()).waitFor();
      await screenshot(staff.page, 'dashboards');
    });
  }, LONG);

  it('switches between Chinese and English, and keeps the choice after a reload', async () => {
    await withBrowser('language', {}, async (session) => {
      const errors = watchErrors(session);
      const { page } = session;
      await logIn(page, server.url, 'window', DEMO_PASSWORD);
      const nav = page.getByTestId('main-nav');
      await expect.poll(() => nav.getByTestId('nav-tasks').textContent()).toBe('待办');
      await page.getByTestId('language-switch').click();
      await expect.poll(() => nav.getByTestId('nav-tasks').textContent()).toBe('Tasks');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.goto(`${server.url}/tasks`);
      await page.getByRole('heading', { name: 'Tasks' }).waitFor();
      await screenshot(page, 'tasks-english');
      await page.reload();
      await expect.poll(() => nav.getByTestId('nav-instances').textContent()).toBe('Instances');
      await page.getByTestId('language-switch').click();
      await expect.poll(() => nav.getByTestId('nav-instances').textContent()).toBe('实例');
      expect(errors).toEqual([]);
    });
  }, LONG);
});

describe("the server's word on a form", () => {
  it('shows the 422 field errors on their fields when the server is stricter than the page, and submits once fixed', async () => {
    const task = await admin.until('the second report task', () => admin.post('/v2/user-tasks/search', { filter: { processInstanceKey: secondReport } }), (r) => r.items.length === 1);
    const userTaskKey = task.items[0].userTaskKey;
    await withBrowser('server-errors', {}, async (session) => {
      const errors = watchErrors(session);
      const { page } = session;
      await logIn(page, server.url, 'grid1', DEMO_PASSWORD);
      await page.goto(`${server.url}/tasks/${userTaskKey}`);
      await page.locator('#root_reporter').fill('张伟');
      await page.locator('#root_phone').fill('13800138000');
      await page.locator('#root_summary').fill('已现场核实情况');
      // Meanwhile the designer tightens the form: the findings need 12 characters now. The page still has the old form.
      const stricter = structuredClone(REPORT_FORM);
      stricter.schema.properties.summary = { ...stricter.schema.properties.summary, minLength: 12 };
      await admin.post(`/v2/forms/${REPORT_FORM.id}/versions`, { title: stricter.title, schema: stricter.schema, uiSchema: stricter.uiSchema });
      await page.getByTestId('task-submit').click();
      const summaryError = page.locator('.rjsf-field', { has: page.locator('#root_summary') }).locator('.ant-form-item-explain-error');
      await expect.poll(() => summaryError.textContent()).toContain('12');
      await screenshot(page, 'task-server-errors');
      expect((await admin.get(`/v2/user-tasks/${userTaskKey}`)).state).toBe('CREATED');
      // Editing the field takes the server's complaint away; a longer text passes both.
      await page.locator('#root_summary').fill('已现场核实，楼道杂物已由物业清理完毕。');
      await expect.poll(() => summaryError.count()).toBe(0);
      await page.getByTestId('task-submit').click();
      await page.waitForURL((url) => url.pathname === '/tasks');
      await admin.until('the second report submitted', () => admin.get(`/v2/user-tasks/${userTaskKey}`), (t) => t.state === 'COMPLETED');
      expect(errors).toEqual([]);
    });
  }, LONG);
});
