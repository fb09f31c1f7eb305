/** Deployments over multipart (processes, decisions, forms) and the forms API, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentForm, TestServer, SERVER_START_TIMEOUT } from './support/test-server.js';
import { CASE_BPMN } from './support/api-case-fixture.js';

const bpmn = (id: string, jobType = 'api-extra-work', name = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-${id}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;

/** A service task without a job type: Zeebe rejects it naming the element. */
const BROKEN_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-broken" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="api-broken" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="noType" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="noType" />
  </bpmn:process>
</bpmn:definitions>
`;

const DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="api-drg" name="接口测试决策" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="api-priority" name="优先级">
    <decisionTable id="api-priority-table">
      <input id="in1" label="类别"><inputExpression id="in1-expr" typeRef="string"><text>category</text></inputExpression></input>
      <output id="out1" name="priority" typeRef="string" />
      <rule id="r1"><inputEntry id="r1-in"><text>"urgent"</text></inputEntry><outputEntry id="r1-out"><text>"high"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="r2-in"><text>-</text></inputEntry><outputEntry id="r2-out"><text>"normal"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
`;

const FORM = {
  id: 'api-visit',
  title: '走访记录',
  schema: {
    type: 'object',
    required: ['visitedAt', 'summary'],
    properties: {
      visitedAt: { type: 'string', format: 'date', title: '走访日期' },
      summary: { type: 'string', title: '情况摘要', minLength: 4 },
      phone: { type: 'string', format: 'phone', title: '联系电话', 'x-pii': true },
    },
  },
  uiSchema: { summary: { 'ui:widget': 'textarea' } },
};

describe('deployments and forms (PGlite)', () => {
  let t: TestServer;
  beforeAll(async () => (t = await TestServer.start()), SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  describe('POST /v2/deployments', () => {
    it('deploys a process with the Camunda v2 response shape; the same content keeps its version, new content gets the next', async () => {
      const designer = await t.as('designer');
      const first = await designer.post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'api-extra.bpmn', content: bpmn('api-extra') }]) });
      expect(first.status).toBe(200);
      expect(first.body.deploymentKey).toMatch(/^[0-9]+$/);
      expect(first.body.deployments).toEqual([
        {
          processDefinition: {
            processDefinitionId: 'api-extra',
            processDefinitionVersion: 1,
            processDefinitionKey: expect.stringMatching(/^[0-9]+$/),
            resourceName: 'api-extra.bpmn',
            tenantId: '<default>',
          },
        },
      ]);

      const same = await designer.post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'api-extra.bpmn', content: bpmn('api-extra') }]) });
      expect(same.status).toBe(200);
      expect(same.body.deployments[0].processDefinition).toEqual(first.body.deployments[0].processDefinition);

      const changed = await designer.post('/v2/deployments', undefined, {
        raw: deploymentForm([{ name: 'api-extra.bpmn', content: bpmn('api-extra', 'api-extra-work-v2') }]),
      });
      expect(changed.body.deployments[0].processDefinition.processDefinitionVersion).toBe(2);
      expect(changed.body.deployments[0].processDefinition.processDefinitionKey).not.toBe(first.body.deployments[0].processDefinition.processDefinitionKey);

      // The fixture deployed at start is unchanged content too: version 1 again.
      const fixture = await designer.post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'api-case.bpmn', content: CASE_BPMN }]) });
      expect(fixture.body.deployments[0].processDefinition).toMatchObject({ processDefinitionId: 'api-case', processDefinitionVersion: 1 });

      // The deployed definition is there to read, XML included.
      const admin = await t.as('admin');
      const key = changed.body.deployments[0].processDefinition.processDefinitionKey;
      const definition = await admin.get(`/v2/process-definitions/${key}`);
      expect(definition.body).toMatchObject({ processDefinitionId: 'api-extra', version: 2 });
      const xml = await admin.get(`/v2/process-definitions/${key}/xml`);
      expect(xml.status).toBe(200);
      expect(xml.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(xml.text).toContain('api-extra-work-v2');
    });

    it('deploys processes, decisions and forms together, with UTF-8 resource names', async () => {
      const designer = await t.as('designer');
      const response = await designer.post('/v2/deployments', undefined, {
        raw: deploymentForm([
          { name: '走访流程.bpmn', content: bpmn('api-visit-process', 'api-visit-work', '走访') },
          { name: 'api-priority.dmn', content: DMN },
          { name: 'api-visit.form.json', content: JSON.stringify(FORM) },
        ]),
      });
      expect(response.status).toBe(200);
      const kinds = response.body.deployments.map((d: Record<string, unknown>) => Object.keys(d)[0]).sort();
      expect(kinds).toEqual(['decisionDefinition', 'decisionRequirements', 'form', 'processDefinition']);
      const byKind = Object.fromEntries(response.body.deployments.map((d: Record<string, any>) => [Object.keys(d)[0], Object.values(d)[0]]));
      expect(byKind.processDefinition).toMatchObject({ processDefinitionId: 'api-visit-process', resourceName: '走访流程.bpmn' });
      expect(byKind.decisionDefinition).toMatchObject({ decisionDefinitionId: 'api-priority', version: 1, name: '优先级', decisionRequirementsId: 'api-drg' });
      expect(byKind.form).toMatchObject({ formId: 'api-visit', version: 1, formKey: expect.stringMatching(/^[0-9]+$/) });
    });

    it('refuses invalid resources with 400 listing {resourceName, elementId, line, message} for each problem', async () => {
      const designer = await t.as('designer');
      const response = await designer.post('/v2/deployments', undefined, {
        raw: deploymentForm([
          { name: 'broken.bpmn', content: BROKEN_BPMN },
          { name: 'not-xml.bpmn', content: '<bpmn:definitions' },
          { name: 'bad.form.json', content: '{"title": "no id"}' },
          { name: 'notes.txt', content: 'hello' },
        ]),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const errors = response.body.errors as Array<{ resourceName: string; elementId?: string; line?: number; message: string }>;
      const broken = errors.find((e) => e.resourceName === 'broken.bpmn' && e.elementId === 'noType');
      expect(broken?.message).toMatch(/job type|taskDefinition/i);
      expect(broken?.line).toBe(5);
      expect(errors.some((e) => e.resourceName === 'not-xml.bpmn')).toBe(true);
      expect(errors.find((e) => e.resourceName === 'bad.form.json')?.message).toMatch(/'id'/);
      expect(errors.find((e) => e.resourceName === 'notes.txt')?.message).toMatch(/extension/);
      for (const error of errors) expect(typeof error.message).toBe('string');
      // Nothing of the refused deployment was deployed.
      const search = await (await t.as('admin')).post('/v2/process-definitions/search', { filter: { processDefinitionId: 'api-broken' } });
      expect(search.body.items).toEqual([]);
    });

    it('wants files in the part "resources", as multipart/form-data', async () => {
      const designer = await t.as('designer');
      const noFiles = await designer.post('/v2/deployments', undefined, { raw: new FormData() });
      expect(noFiles.status).toBe(400);
      expect(noFiles.body.errors).toEqual([{ field: '/resources', message: 'no file' }]);
      const wrongPart = await designer.post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'x.bpmn', content: bpmn('x') }], 'files') });
      expect(wrongPart.status).toBe(400);
      expect(wrongPart.body.detail).toMatch(/resources/);
      const json = await designer.post('/v2/deployments', { resources: ['x'] });
      expect(json.status).toBe(415);
      expect(json.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('refuses a file over the upload limit with 413', async () => {
      const designer = await t.as('designer');
      const huge = '<!--' + 'x'.repeat(10 * 1024 * 1024 + 16) + '-->';
      const response = await designer.post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'huge.bpmn', content: huge }]) });
      expect(response.status).toBe(413);
      expect(response.body.title).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses XML with external entities instead of resolving them', async () => {
      const designer = await t.as('designer');
      const xxe = CASE_BPMN.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bpmn:definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>',
      ).replace('name="接口测试事项"', 'name="&secret;"');
      const response = await designer.post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'xxe.bpmn', content: xxe }]) });
      expect(response.status).toBe(400);
      expect(response.text).not.toContain('root:');
    });
  });

  describe('/v2/forms', () => {
    it('creates a form as version 1, lists and gets it, and saves new versions (the same content keeps its version)', async () => {
      const designer = await t.as('designer');
      const form = { ...FORM, id: 'api-survey', title: '入户调查' };
      const created = await designer.post('/v2/forms', form);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: 'api-survey', version: 1, formKey: expect.stringMatching(/^[0-9]+$/) });

      const list = await designer.get('/v2/forms');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'api-survey', version: 1, title: '入户调查' }),
          expect.objectContaining({ id: 'api-intake', version: 1, title: '居民事项登记' }),
        ]),
      );
      expect(list.body.page.totalItems).toBe(list.body.items.length);

      const got = await designer.get('/v2/forms/api-survey');
      expect(got.body).toMatchObject({ id: 'api-survey', version: 1, title: '入户调查', schema: form.schema, uiSchema: form.uiSchema, versions: [1] });

      const again = await designer.post('/v2/forms/api-survey/versions', { title: '入户调查', schema: form.schema, uiSchema: form.uiSchema });
      expect(again.status).toBe(201);
      const sameVersion = again.body.version;
      const changedSchema = { ...form.schema, required: ['visitedAt'] };
      const v2 = await designer.post('/v2/forms/api-survey/versions', { title: '入户调查（修订）', schema: changedSchema });
      expect(v2.status).toBe(201);
      expect(v2.body.version).toBe(sameVersion + 1);
      const repeat = await designer.post('/v2/forms/api-survey/versions', { title: '入户调查（修订）', schema: changedSchema });
      expect(repeat.body.version).toBe(v2.body.version);

      const latest = await designer.get('/v2/forms/api-survey');
      expect(latest.body).toMatchObject({ version: v2.body.version, title: '入户调查（修订）' });
      expect(latest.body.versions).toContain(1);
      const first = await designer.get('/v2/forms/api-survey?version=1');
      expect(first.body).toMatchObject({ version: 1, title: '入户调查' });
      expect((await designer.get('/v2/forms/api-survey?version=99')).status).toBe(404);
      expect((await designer.get('/v2/forms/no-such-form')).status).toBe(404);
    });

    it('refuses a bad schema with 400 and one error per problem, naming where', async () => {
      const designer = await t.as('designer');
      const response = await designer.post('/v2/forms', {
        id: 'api-bad',
        title: '有误的表单',
        schema: { type: 'object', properties: { age: { type: 'integer', minimun: 3 }, code: { type: 'string', pattern: '([' }, name: { type: 'string', 'x-pii': 'yes' } } },
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const fields = (response.body.errors as Array<{ field: string; message: string }>).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['/schema/properties/age/minimun', '/schema/properties/code/pattern', '/schema/properties/name/x-pii']));
      expect((await designer.get('/v2/forms/api-bad')).status).toBe(404);
    });

    it('checks the request: id slug, id matching the path, required title and schema, no unknown fields', async () => {
      const designer = await t.as('designer');
      const badId = await designer.post('/v2/forms', { ...FORM, id: 'Bad_Id' });
      expect(badId.status).toBe(400);
      expect(badId.body.errors[0].field).toBe('/id');
      const mismatch = await designer.post('/v2/forms/api-survey/versions', { ...FORM, id: 'api-other' });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.errors).toEqual([{ field: '/id', message: 'must match the path' }]);
      const missing = await designer.post('/v2/forms', { id: 'api-missing' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/schema', '/title']);
      const unknown = await designer.post('/v2/forms', { ...FORM, id: 'api-unknown', colour: 'red' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ field: '/colour', message: "unknown field 'colour'" }]);
      const badPath = await designer.get('/v2/forms/NOT_A_SLUG');
      expect(badPath.status).toBe(400);
    });

    it('records form saves and deployments in the audit trail', async () => {
      const admin = await t.as('admin');
      const saves = await admin.get('/v2/audit?action=form.save');
      expect(saves.body.items.map((r: { target: string }) => r.target)).toContain('form:api-survey');
      expect(saves.body.items[0].actor).toMatchObject({ kind: 'user', name: 'designer' });
      const deployments = await admin.get('/v2/audit?action=deployment.create');
      expect(deployments.body.items.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('POST /v2/resources/:resourceKey/deletion', () => {
    const deployAs = async (role: 'designer' | 'admin', content: string) =>
      (await (await t.as(role)).post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'api-deletable.bpmn', content }]) })).body.deployments[0].processDefinition;

    it('deletes a process version (200): starting it is 404, the previous version starts instead, and the next deployment takes a new version', async () => {
      const v1 = await deployAs('designer', bpmn('api-deletable', 'api-deletable-work', 'one'));
      const v2 = await deployAs('designer', bpmn('api-deletable', 'api-deletable-work', 'two'));
      expect(v2.processDefinitionVersion).toBe(v1.processDefinitionVersion + 1);
      const designer = await t.as('designer');
      const deleted = await designer.post(`/v2/resources/${v2.processDefinitionKey}/deletion`, {});
      expect(deleted.status).toBe(200);

      const admin = await t.as('admin');
      const byKey = await admin.post('/v2/process-instances', { processDefinitionKey: v2.processDefinitionKey });
      expect(byKey.status).toBe(404);
      const latest = await admin.post('/v2/process-instances', { processDefinitionId: 'api-deletable' });
      expect(latest.status).toBe(200);
      expect(latest.body.processDefinitionKey).toBe(v1.processDefinitionKey);
      // The instance of v1 runs: v1 cannot be deleted (Zeebe 8.6), 409.
      const running = await admin.post(`/v2/resources/${v1.processDefinitionKey}/deletion`, {});
      expect(running.status).toBe(409);
      expect(running.body.detail).toContain('there are still running instances');

      const listed = await admin.post('/v2/process-definitions/search', { filter: { processDefinitionId: 'api-deletable' } });
      expect(listed.body.items.map((d: { processDefinitionKey: string }) => d.processDefinitionKey)).toEqual([v1.processDefinitionKey]);
      const v3 = await deployAs('admin', bpmn('api-deletable', 'api-deletable-work', 'three'));
      expect(v3.processDefinitionVersion).toBe(v2.processDefinitionVersion + 1);
      const audit = await admin.get('/v2/audit?action=resource.delete');
      expect(audit.body.items.map((r: { target: string }) => r.target)).toContain(`resource:${v2.processDefinitionKey}`);
    });

    it('answers an unknown key 404, a malformed key or body 400, and a role without deploy 403 (deleting nothing)', async () => {
      const designer = await t.as('designer');
      const unknown = await designer.post('/v2/resources/4503599627370495/deletion', {});
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toBe('Expected to delete resource but no resource found with key `4503599627370495`');
      expect((await designer.post('/v2/resources/not-a-key/deletion', {})).status).toBe(400);
      expect((await designer.post('/v2/resources/0/deletion', {})).status).toBe(400);
      expect((await designer.post('/v2/resources/4503599627370495/deletion', { cascade: true })).status).toBe(400);

      const kept = await deployAs('designer', bpmn('api-kept', 'api-kept-work'));
      const staff = await t.as('staff');
      expect((await staff.post(`/v2/resources/${kept.processDefinitionKey}/deletion`, {})).status).toBe(403);
      const started = await (await t.as('admin')).post('/v2/process-instances', { processDefinitionKey: kept.processDefinitionKey });
      expect(started.status).toBe(200);
    });
  });
});
