/**
 * The scenario file a tester starts from when the browser has none for a process yet. The repository's own
 * processes/<id>.scenarios.yaml cannot be read from the page, so the template runs as it stands (start, then check
 * that nothing broke) and its comments show every kind of step, as the README documents the format.
 */

/** The file name the server reports problems against and a download is saved as. */
export function scenarioFileName(processId: string): string {
  return `${processId}.scenarios.yaml`;
}

const COMMENTS = {
  zh: {
    head: '模拟场景：每个场景在全新的内存库和虚拟时钟上运行，结果可重复',
    name: '新场景',
    start: '或 start: { message: { name, correlationKey, variables } }',
    mocks: '没有内置处理器的作业类型如何完成',
    steps: '可用的步骤（去掉 # 使用）：',
  },
  en: {
    head: 'Simulation scenarios: each runs on a fresh in-memory store and a virtual clock, so runs repeat exactly',
    name: 'New scenario',
    start: 'or start: { message: { name, correlationKey, variables } }',
    mocks: 'how jobs of types without a built-in worker complete',
    steps: 'the steps there are (remove the # to use one):',
  },
} as const;

/** YAML quoting for a process id: plain when it is a safe word, double-quoted (JSON string syntax) otherwise. */
function yamlScalar(text: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(text) ? text : JSON.stringify(text);
}

export function newScenarioTemplate(processId: string, language: 'zh' | 'en'): string {
  if (!processId.trim()) throw new Error('newScenarioTemplate: the process id is empty');
  const c = COMMENTS[language];
  return [
    `# ${c.head}`,
    `process: ${yamlScalar(processId)}`,
    '',
    'scenarios:',
    `  - name: ${c.name}`,
    `    start:                      # ${c.start}`,
    '      variables: {}',
    `    # mockJobs:                 # ${c.mocks}`,
    '    #   sms.send: { variables: { sent: true } }',
    '    steps:',
    '      - expect: { incidents: 0 }',
    `      # ${c.steps}`,
    '      # - expect: { waitingAt: [ELEMENT_ID] }',
    '      # - completeTask: { element: ELEMENT_ID, variables: {} }',
    '      # - completeJob: { type: JOB_TYPE, variables: {} }',
    '      # - throwError: { type: JOB_TYPE, errorCode: CODE }',
    '      # - publishMessage: { name: MESSAGE, correlationKey: KEY, variables: {} }',
    '      # - advanceTime: P3D',
    '      # - expect: { passed: [A], notPassed: [B], variables: { x: 1 }, incidents: 0 }',
    '      # - expect: { completed: true, endEvent: END_EVENT_ID }',
    '',
  ].join('\n');
}
