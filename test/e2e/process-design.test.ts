import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, E2eApi, logIn, openBrowser, screenshot, startE2eServer, type BrowserSession, type E2eServer } from './harness/index.js';

/**
 * 流程设计 and 表单设计 in the browser: a designer makes a form, draws a process whose user task uses it, deploys it,
 * and sees the server's refusal of a broken process on the element it names.
 */

let server: E2eServer;
let browser: BrowserSession;
let page: Page;
let admin: E2eApi;

beforeAll(async () => {
  server = await startE2eServer();
  admin = await E2eApi.login(server.url, 'admin', ADMIN_PASSWORD);
  browser = await openBrowser();
  page = browser.page;
  await logIn(page, server.url, 'designer', DEMO_PASSWORD);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Starts a new, empty process in the modeler with the given id and name. */
async function newProcess(id: string, name: string): Promise<void> {
  await page.getByTestId('process-new').click();
  // A diagram with changes asks first; the tests always discard.
  const discard = page.locator('.ant-modal-confirm .ant-btn-dangerous');
  if (await discard.isVisible().catch(() => false)) await discard.click();
  await page.getByTestId('process-new-id').fill(id);
  await page.getByTestId('process-new-name').fill(name);
  await page.locator('.ant-modal-footer .ant-btn-primary').click();
  await page.locator(`[data-testid="process-current"]`, { hasText: name }).waitFor();
  await page.locator('[data-element-id="StartEvent_1"]').waitFor();
}

/** Appends a task to the selected element through the context pad and turns it into the given kind. */
async function appendTask(kind: 'user-task' | 'service-task'): Promise<string> {
  await page.locator('.djs-context-pad [data-action="append.append-task"]').click();
  await page.locator('.djs-context-pad [data-action="replace"]').click();
  await page.locator(`.djs-popup [data-id="replace-with-${kind}"]`).click();
  // The replaced task is the selection; its id is the one the properties panel shows.
  await openGroup('general');
  return page.locator('#bio-properties-panel-id').inputValue();
}

/** Selects a shape on the canvas (a first click on a canvas without focus may only focus it). */
async function selectShape(id: string): Promise<void> {
  const shape = page.locator(`g.djs-element[data-element-id="${id}"]`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await shape.click({ position: { x: 30, y: 30 } });
    if ((await shape.getAttribute('class'))?.includes('selected')) return;
  }
  throw new Error(`cannot select ${id}`);
}

async function openGroup(id: string): Promise<void> {
  const group = page.locator(`[data-group-id="group-${id}"]`);
  const header = group.locator('.bio-properties-panel-group-header');
  if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
}

describe('process design', () => {
  it('a designer makes a form in 表单设计, draws a process with a user task linked to it, and deploys it', async () => {
    // 表单设计: a new form with a few fields, one dragged from the palette.
    await page.goto(`${server.url}/form-design`);
    await page.getByTestId('form-new').click();
    await page.getByTestId('form-id').fill('e2e-visit-report');
    await page.getByTestId('form-title').fill('入户走访记录');
    await page.getByTestId('palette-text').click();
    await page.getByTestId('prop-label').fill('居民姓名');
    await page.getByTestId('prop-key').fill('residentName');
    await page.getByTestId('prop-required').click();
    await page.getByTestId('palette-phone').click();
    await page.getByTestId('prop-key').fill('contactPhone');
    // Drag the date field from the palette onto the form.
    const source = await page.getByTestId('palette-date').boundingBox();
    const target = await page.getByTestId('field-list-root').boundingBox();
    await page.mouse.move(source!.x + 20, source!.y + 10);
    await page.mouse.down();
    await page.mouse.move(source!.x + 40, source!.y + 20, { steps: 4 });
    await page.mouse.move(target!.x + target!.width / 2, target!.y + target!.height - 6, { steps: 12 });
    await page.mouse.up();
    await page.getByTestId('field-date3').waitFor();
    await page.getByTestId('form-preview').getByText('居民姓名').waitFor();
    await screenshot(page, 'form-design');
    await page.getByTestId('form-save').click();
    await page.locator('.ant-message-success', { hasText: 'e2e-visit-report' }).waitFor();
    const form = await admin.get('/v2/forms/e2e-visit-report');
    expect(Object.keys(form.schema.properties)).toEqual(['residentName', 'contactPhone', 'date3']);
    expect(form.schema.required).toEqual(['residentName']);
    expect(form.schema.properties.contactPhone.format).toBe('phone');

    // 流程设计: start → user task (with the form) → end, then deploy.
    await page.goto(`${server.url}/process-design`);
    await newProcess('e2e_visit', '入户走访');
    await selectShape('StartEvent_1');
    const taskId = await appendTask('user-task');
    await openGroup('general');
    await page.locator('#bio-properties-panel-name').fill('填写走访记录');
    await openGroup('gongzhiForm');
    await page.locator('#bio-properties-panel-gongzhiFormKey option[value="gongzhi:form:e2e-visit-report"]').waitFor({ state: 'attached' });
    await page.selectOption('#bio-properties-panel-gongzhiFormKey', 'gongzhi:form:e2e-visit-report');
    await selectShape(taskId);
    await page.locator('.djs-context-pad [data-action="append.end-event"]').click();
    await screenshot(page, 'process-design');
    await page.getByTestId('process-deploy').click();
    await page.locator('.ant-message-success', { hasText: 'e2e_visit v1' }).waitFor();
    await page.getByTestId('process-version-e2e_visit-1').waitFor();

    // What was deployed is what was drawn: the task carries the form key, and a case of it asks for that form.
    const definitions = await admin.post('/v2/process-definitions/search', { filter: { processDefinitionId: 'e2e_visit' } });
    expect(definitions.items).toHaveLength(1);
    const xml: string = await admin.get(`/v2/process-definitions/${definitions.items[0].processDefinitionKey}/xml`);
    expect(xml).toContain('formKey="gongzhi:form:e2e-visit-report"');
    expect(xml).toContain('name="填写走访记录"');
    const started = await admin.post('/v2/process-instances', { processDefinitionId: 'e2e_visit' });
    const tasks = await admin.until(
      'the user task',
      () => admin.post('/v2/user-tasks/search', { filter: { processInstanceKey: started.processInstanceKey } }),
      (result: { items: unknown[] }) => result.items.length === 1,
    );
    expect(tasks.items[0]).toMatchObject({ elementId: taskId, formKey: 'gongzhi:form:e2e-visit-report' });
  }, 120_000);

  it('shows the server’s refusal of an invalid process on the element it names', async () => {
    await page.goto(`${server.url}/process-design`);
    await newProcess('e2e_broken', '缺少任务类型');
    await selectShape('StartEvent_1');
    const taskId = await appendTask('service-task');
    await page.getByTestId('process-deploy').click();
    const overlay = page.locator(`.gongzhi-deploy-problem-overlay[data-element-id="${taskId}"]`);
    await overlay.waitFor();
    expect(await overlay.textContent()).toMatch(/job type/);
    await page.locator(`.djs-element.gongzhi-deploy-problem[data-element-id="${taskId}"]`).waitFor();
    expect(await page.getByTestId('deploy-problems').locator(`li[data-element-id="${taskId}"]`).count()).toBe(1);
    await screenshot(page, 'process-design-deploy-problem');
    const definitions = await admin.post('/v2/process-definitions/search', { filter: { processDefinitionId: 'e2e_broken' } });
    expect(definitions.items).toHaveLength(0);

    // Fixing the element and deploying again clears the marks.
    await selectShape(taskId);
    await openGroup('taskDefinition');
    await page.locator('#bio-properties-panel-taskDefinitionType').fill('gongzhi.notify');
    await page.getByTestId('process-deploy').click();
    await page.locator('.ant-message-success', { hasText: 'e2e_broken v1' }).waitFor();
    expect(await overlay.count()).toBe(0);
  }, 90_000);
});
