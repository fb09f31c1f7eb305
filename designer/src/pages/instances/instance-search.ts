import dayjs from 'dayjs';
import { containing } from '../../app/like-pattern.js';
import type { ProcessInstanceState, SearchRequest } from '../../app/api-types.js';

/** What the instance list filters by, as it stands in the URL (so a filtered list can be linked and reloaded). */
export interface InstanceCriteria {
  q: string;
  process: string;
  state: ProcessInstanceState | '';
  incidents: boolean;
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

const STATES: readonly string[] = ['ACTIVE', 'COMPLETED', 'TERMINATED'];

export function instanceCriteria(params: URLSearchParams): InstanceCriteria {
  const state = params.get('state') ?? '';
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    q: params.get('q') ?? '',
    process: params.get('process') ?? '',
    state: STATES.includes(state) ? (state as ProcessInstanceState) : '',
    incidents: params.get('incidents') === '1',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: [10, 20, 50, 100].includes(size) ? size : 20,
  };
}

export function criteriaParams(criteria: InstanceCriteria): URLSearchParams {
  const out = new URLSearchParams();
  if (criteria.q) out.set('q', criteria.q);
  if (criteria.process) out.set('process', criteria.process);
  if (criteria.state) out.set('state', criteria.state);
  if (criteria.incidents) out.set('incidents', '1');
  if (criteria.from) out.set('from', criteria.from);
  if (criteria.to) out.set('to', criteria.to);
  if (criteria.page > 1) out.set('page', String(criteria.page));
  if (criteria.pageSize !== 20) out.set('size', String(criteria.pageSize));
  return out;
}

/** The v2 search: a number may be an instance key or part of a case number, so both are tried ($or). */
export function instanceSearchRequest(criteria: InstanceCriteria): SearchRequest {
  const filter: Record<string, unknown> = {};
  if (criteria.process) filter.processDefinitionId = criteria.process;
  if (criteria.state) filter.state = criteria.state;
  if (criteria.incidents) filter.hasIncident = true;
  const startDate: Record<string, string> = {};
  if (criteria.from) startDate.$gte = dayjs(criteria.from).startOf('day').toISOString();
  if (criteria.to) startDate.$lt = dayjs(criteria.to).add(1, 'day').startOf('day').toISOString();
  if (Object.keys(startDate).length > 0) filter.startDate = startDate;
  const q = criteria.q.trim();
  if (q) {
    const caseNumber = { businessKey: { $like: containing(q) } };
    if (/^\d{1,19}$/.test(q)) filter.$or = [{ processInstanceKey: q }, caseNumber];
    else Object.assign(filter, caseNumber);
  }
  return {
    filter,
    sort: [{ field: 'startDate', order: 'DESC' }],
    page: { from: (criteria.page - 1) * criteria.pageSize, limit: criteria.pageSize },
  };
}
