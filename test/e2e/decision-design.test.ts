import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, openBrowser, screenshot, startE2eServer, type BrowserSession, type E2eServer } from './harness/index.js';

/** 决策表: a designer makes a decision table and deploys it; a refused .dmn shows its problems on the decision. */

let server: E2eServer;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await openBrowser();
  page = browser.page;
  await logIn(page, server.url, 'designer', DEMO_PASSWORD);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Two outputs without names: dmn-js opens it, the engine refuses it (each output of several needs a name). */
const unnamedOutputs = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="e2e_fees" name="物业收费" namespace="http://gongzhi.example/dmn">
  <decision id="e2e_fee" name="收费标准">
    <decisionTable id="e2e_fee_table" hitPolicy="UNIQUE">
      <input id="e2e_fee_area" label="面积">
        <inputExpression id="e2e_fee_area_expr" typeRef="number"><text>area</text></inputExpression>
      </input>
      <output id="e2e_fee_out_amount" label="金额" typeRef="number" />
      <output id="e2e_fee_out_note" label="备注" typeRef="string" />
      <rule id="e2e_fee_rule_1">
        <inputEntry id="e2e_fee_rule_1_in"><text>&lt; 90</text></inputEntry>
        <outputEntry id="e2e_fee_rule_1_amount"><text>100</text></outputEntry>
        <outputEntry id="e2e_fee_rule_1_note"><text>"小户型"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="e2e_fees_diagram">
      <dmndi:DMNShape id="e2e_fee_shape" dmnElementRef="e2e_fee"><dc:Bounds height="80" width="180" x="320" y="180" /></dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;

describe('decision design', () => {
  it('creates a decision table, opens it and deploys it', async () => {
    await page.goto(`${server.url}/decision-design`);
    await page.getByTestId('decision-new').click();
    await page.getByTestId('decision-new-id').fill('e2e_grid_level');
    await page.getByTestId('decision-new-name').fill('网格分级');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('[data-element-id="e2e_grid_level"]').waitFor();
    await page.getByTestId('decision-views').getByText('决策表：网格分级').click();
    await page.locator('.tjs-table').waitFor();
    expect(await page.locator('.tjs-table').textContent()).toMatch(/输入[\s\S]*输出/);
    await screenshot(page, 'decision-design');
    await page.getByTestId('decision-deploy').click();
    await page.locator('.ant-message-success', { hasText: 'e2e_grid_level v1' }).waitFor();
  }, 90_000);

  it('imports a .dmn the engine refuses and shows each problem on its decision', async () => {
    await page.goto(`${server.url}/decision-design`);
    await page.getByTestId('decision-import-input').setInputFiles({ name: 'e2e-fees.dmn', mimeType: 'application/xml', buffer: Buffer.from(unnamedOutputs) });
    await page.locator('.ant-message-notice', { hasText: 'e2e-fees.dmn' }).waitFor();
    await page.getByTestId('decision-deploy').click();
    const problems = page.getByTestId('decision-deploy-problems');
    await problems.waitFor();
    expect(await problems.locator('li[data-element-id="e2e_fee_out_amount"]').textContent()).toMatch(/needs a name/);
    expect(await problems.locator('li[data-element-id="e2e_fee_out_note"]').count()).toBe(1);
    const overlay = page.locator('.gongzhi-deploy-problem-overlay[data-element-id="e2e_fee"]');
    await overlay.waitFor();
    expect(await overlay.textContent()).toContain('e2e_fee_out_note');
    await screenshot(page, 'decision-design-deploy-problem');
  }, 90_000);
});
