import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BpmnModdle } from 'bpmn-moddle';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, openBrowser, repoRoot, screenshot, startE2eServer, type BrowserSession, type E2eServer } from './harness/index.js';
import { xmlFileText } from '../../designer/src/pages/process-design/xml-file-text.js';

/**
 * The OMG BPMN MIWG reference models (../shared/corpora/miwg-reference) go through the modeler as a designer would:
 * import the file, export it again; what comes out has the same elements (ids and types) and the same diagram
 * bounds and waypoints as what went in.
 */

const CORPUS = join(repoRoot, '..', 'shared', 'corpora', 'miwg-reference');
const files = readdirSync(CORPUS).filter((name) => name.endsWith('.bpmn')).sort();

interface Shape {
  type: string;
  name?: string;
  bounds?: string;
  waypoints?: string;
}

/** Every element with an id: its type, and for diagram elements where they are drawn. */
async function elementsOf(xml: string): Promise<Map<string, Shape>> {
  const moddle = new BpmnModdle();
  const { elementsById } = (await moddle.fromXML(xml)) as unknown as { elementsById: Record<string, any> };
  const out = new Map<string, Shape>();
  for (const [id, element] of Object.entries(elementsById)) {
    const shape: Shape = { type: element.$type };
    if (typeof element.name === 'string') shape.name = element.name;
    const b = element.bounds;
    if (b) shape.bounds = [b.x, b.y, b.width, b.height].join(',');
    if (element.waypoint) shape.waypoints = element.waypoint.map((p: { x: number; y: number }) => `${p.x},${p.y}`).join(' ');
    out.set(id, shape);
  }
  return out;
}

let server: E2eServer;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await openBrowser();
  page = browser.page;
  await logIn(page, server.url, 'designer', DEMO_PASSWORD);
  await page.goto(`${server.url}/process-design`);
  await page.locator('.djs-container').waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('MIWG reference models through the modeler', () => {
  it('finds the 21 reference models', () => {
    expect(files).toHaveLength(21);
  });

  it.each(files)('%s imports and exports with the same element ids, types and diagram bounds', async (name) => {
    const bytes = readFileSync(join(CORPUS, name));
    await page.getByTestId('process-import-input').setInputFiles({ name, mimeType: 'application/xml', buffer: bytes });
    // Imported with or without warnings (C.8.1 has unresolved references), the message names the file.
    await page.locator('.ant-message-notice', { hasText: name }).last().waitFor();
    if (name === files[0]) await screenshot(page, 'process-design-miwg-import');

    const download = page.waitForEvent('download');
    await page.getByTestId('process-export').click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    expect(exported).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);

    const before = await elementsOf(xmlFileText(new Uint8Array(bytes)));
    const after = await elementsOf(exported);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, shape] of before) expect(after.get(id), id).toEqual(shape);
  }, 60_000);

  it('reads an ISO-8859-1 file by its declaration and writes it back as UTF-8 with the same names', async () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="latin1" targetNamespace="http://example.org">
  <process id="latin1_process" name="Café Straße" isExecutable="false"><startEvent id="latin1_start" name="Début à été" /></process>
  <bpmndi:BPMNDiagram id="latin1_diagram"><bpmndi:BPMNPlane id="latin1_plane" bpmnElement="latin1_process">
    <bpmndi:BPMNShape id="latin1_start_di" bpmnElement="latin1_start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>`;
    const bytes = Buffer.from(xml, 'latin1');
    expect(bytes.includes(Buffer.from('Café', 'utf8'))).toBe(false);
    await page.getByTestId('process-import-input').setInputFiles({ name: 'latin1.bpmn', mimeType: 'application/xml', buffer: bytes });
    await page.locator('.ant-message-notice', { hasText: 'latin1.bpmn' }).last().waitFor();
    // No warning about the encoding: the text was decoded before bpmn-js saw it.
    expect(await page.locator('.ant-message-notice', { hasText: 'latin1.bpmn' }).last().textContent()).not.toMatch(/encoding/);
    await page.locator('g.djs-element[data-element-id="latin1_start"]').waitFor();
    expect(await page.getByTestId('process-canvas').textContent()).toContain("Début à été");
    const download = page.waitForEvent('download');
    await page.getByTestId('process-export').click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    expect(exported).toContain('name="Café Straße"');
    expect(exported).toContain('name="Début à été"');
  }, 60_000);
});
