import { sql, type Kysely } from 'kysely';
import { chinaDayOf, yearOf } from '../calendar/china-day.js';

/** One case number handed out, and the job that took it. */
export interface CaseNumberAssignment {
  caseNo: string;
  prefix: string;
  year: number;
  seq: number;
  jobKey: number;
  processInstanceKey: number;
  assignedAt: number;
}

export interface CaseNumberRequest {
  prefix: string;
  jobKey: number;
  processInstanceKey: number;
  /** Epoch ms; the year is taken in China time. */
  now: number;
}

const PREFIX = /^[A-Z][A-Z0-9]{0,15}$/;

/** `BM-2026-000123`: six digits at least (a seventh appears after 999999 rather than wrapping). */
export function formatCaseNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export function checkCaseNumberPrefix(prefix: string): string | undefined {
  return PREFIX.test(prefix) ? undefined : `'${prefix}' must be 1 to 16 capital letters or digits, starting with a letter (e.g. BM)`;
}

/** A race lost to another holder of the same job: roll back the number taken and read the winner's. */
class AssignmentTaken extends Error {}

/**
 * The case number of a job: the one it was given before (a retried job keeps its number), else the next of its
 * prefix and year. Numbers are gap-free: the counter moves in the same transaction that records the assignment.
 */
export async function assignCaseNumber(db: Kysely<any>, request: CaseNumberRequest): Promise<CaseNumberAssignment> {
  const problem = checkCaseNumberPrefix(request.prefix);
  if (problem) throw new Error(`case number prefix ${problem}`);
  const year = yearOf(chinaDayOf(request.now));
  for (let attempt = 0; attempt < 3; attempt++) {
    const earlier = await findAssignment(db, request.jobKey);
    if (earlier) return earlier;
    try {
      return await db.transaction().execute(async (trx) => {
        const counter = await sql<{ last: number }>`
          INSERT INTO case_number_sequences (prefix, year, last) VALUES (${request.prefix}, ${year}, 1)
          ON CONFLICT (prefix, year) DO UPDATE SET last = case_number_sequences.last + 1
          RETURNING last`.execute(trx);
        const seq = Number(counter.rows[0].last);
        const caseNo = formatCaseNumber(request.prefix, year, seq);
        const inserted = await sql`
          INSERT INTO case_number_assignments (job_key, process_instance_key, prefix, year, seq, case_no, assigned_at)
          VALUES (${request.jobKey}, ${request.processInstanceKey}, ${request.prefix}, ${year}, ${seq}, ${caseNo}, ${request.now})
          ON CONFLICT (job_key) DO NOTHING RETURNING job_key`.execute(trx);
        if (inserted.rows.length === 0) throw new AssignmentTaken();
        return { caseNo, prefix: request.prefix, year, seq, jobKey: request.jobKey, processInstanceKey: request.processInstanceKey, assignedAt: request.now };
      });
    } catch (error) {
      if (!(error instanceof AssignmentTaken)) throw error;
    }
  }
  throw new Error(`case number for job ${request.jobKey}: the assignment kept changing under concurrent attempts`);
}

/** The number a job was given, if any. */
export async function findAssignment(db: Kysely<any>, jobKey: number): Promise<CaseNumberAssignment | undefined> {
  const rows = await sql<Record<string, any>>`
    SELECT job_key, process_instance_key, prefix, year, seq, case_no, assigned_at
    FROM case_number_assignments WHERE job_key = ${jobKey}`.execute(db);
  const r = rows.rows[0];
  if (!r) return undefined;
  return {
    caseNo: r.case_no,
    prefix: r.prefix,
    year: r.year,
    seq: Number(r.seq),
    jobKey: Number(r.job_key),
    processInstanceKey: Number(r.process_instance_key),
    assignedAt: Number(r.assigned_at),
  };
}
