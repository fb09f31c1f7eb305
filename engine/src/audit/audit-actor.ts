import type { Principal } from '../identity/principal.js';
import type { AuditActor } from './audit-record.js';

/** The actor for what an authenticated caller did. */
export function auditActorOf(principal: Pick<Principal, 'kind' | 'id' | 'name'>): AuditActor {
  return { kind: principal.kind, id: principal.id, name: principal.name };
}

/** The actor for what the engine did by itself, e.g. systemActor('timer') or systemActor('gongzhi.notify'). */
export function systemActor(name: string): AuditActor {
  return { kind: 'system', id: 'system', name };
}
