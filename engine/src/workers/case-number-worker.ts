import type { Kysely } from 'kysely';
import { assignCaseNumber, checkCaseNumberPrefix } from './case-number-register.js';
import { describeInput, JobInput } from './job-input.js';
import type { JobWorker } from './job-worker.js';

export const CASE_NUMBER_TASK_TYPE = 'gongzhi.case-number';

/**
 * `gongzhi.case-number`: gives the case a human number `${prefix}-${year}-${seq}` (header `prefix`, year in China
 * time), into `caseNo` (header `resultVariable` to change). A case that already has a number keeps it.
 */
export function caseNumberWorker(deps: { db: Kysely<any> }): JobWorker {
  return {
    type: CASE_NUMBER_TASK_TYPE,
    async handle(job, context) {
      const input = new JobInput(CASE_NUMBER_TASK_TYPE, job);
      const resultVariable = input.resultVariable('caseNo');
      const prefix = input.requiredHeader('prefix', 'BM');
      const problem = checkCaseNumberPrefix(prefix);
      if (problem) throw input.headerError('prefix', problem);
      const existing = input.variable(resultVariable);
      if (existing !== undefined) {
        // Already numbered (an earlier pass through this task, or given at start): never take a second number.
        if (typeof existing !== 'string' || existing.trim() === '') {
          throw input.variableError(resultVariable, `already exists but is not a case number: ${describeInput(existing)}`);
        }
        return { [resultVariable]: existing };
      }
      const assignment = await assignCaseNumber(deps.db, {
        prefix,
        jobKey: job.key,
        processInstanceKey: job.processInstanceKey,
        now: context.now(),
      });
      return { [resultVariable]: assignment.caseNo };
    },
  };
}
