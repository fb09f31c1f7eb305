import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.js';

/** maxFailures failed attempts within windowMs lock the subject until the window has passed them by. */
export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOCKOUT_POLICY: Readonly<LockoutPolicy> = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** What failures are counted against: the account tried, and the client trying (e.g. its IP address). */
export interface ThrottleSubject {
  kind: 'username' | 'client';
  value: string;
}

export function checkLockoutPolicy(policy: LockoutPolicy): LockoutPolicy {
  if (!Number.isInteger(policy.maxFailures) || policy.maxFailures < 1) {
    throw new Error(`lockout maxFailures must be a positive integer, got ${policy.maxFailures}`);
  }
  if (!Number.isInteger(policy.windowMs) || policy.windowMs < 1) {
    throw new Error(`lockout windowMs must be a positive integer, got ${policy.windowMs}`);
  }
  return policy;
}

/**
 * Counts failed logins in the store, so every server process sees the same count and a restart does not
 * reset it. Concurrent attempts may each pass the check before any failure is written, so a burst can get
 * a few more tries than maxFailures; after that the lock holds.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Kysely<any>,
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
  ) {
    checkLockoutPolicy(policy);
  }

  /** When the latest-ending lock on any of the subjects ends, or undefined when none is locked. */
  async lockedUntil(subjects: readonly ThrottleSubject[]): Promise<number | undefined> {
    const now = this.clock.now();
    let until: number | undefined;
    for (const subject of subjects) {
      // The maxFailures-th newest failure in the window: once it leaves the window, fewer than maxFailures remain.
      const row = await this.db
        .selectFrom('login_failures')
        .select('at')
        .where('subject_kind', '=', subject.kind)
        .where('subject', '=', subject.value)
        .where('at', '>', now - this.policy.windowMs)
        .orderBy('at', 'desc')
        .offset(this.policy.maxFailures - 1)
        .limit(1)
        .executeTakeFirst();
      if (row !== undefined) {
        const end = (row.at as number) + this.policy.windowMs;
        if (until === undefined || end > until) until = end;
      }
    }
    return until;
  }

  async recordFailure(subjects: readonly ThrottleSubject[]): Promise<void> {
    const now = this.clock.now();
    // Failures out of the window no longer count. Dropping all of them, not just these subjects', keeps the
    // table small even when an attacker sprays random usernames that are never tried again.
    await this.db.deleteFrom('login_failures').where('at', '<=', now - this.policy.windowMs).execute();
    if (subjects.length > 0) {
      await this.db
        .insertInto('login_failures')
        .values(subjects.map((s) => ({ subject_kind: s.kind, subject: s.value, at: now })))
        .execute();
    }
  }

  /** After a good login the account's count starts again; the client's does not, or an attacker could reset it with an account of their own. */
  async clear(subject: ThrottleSubject): Promise<void> {
    await this.db
      .deleteFrom('login_failures')
      .where('subject_kind', '=', subject.kind)
      .where('subject', '=', subject.value)
      .execute();
  }
}
