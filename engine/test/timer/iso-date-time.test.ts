import { describe, it, expect } from 'vitest';
import { parseIsoDateTime } from '../../src/timer/iso-date-time.js';

describe('parseIsoDateTime', () => {
  it('reads UTC and offsets', () => {
    expect(parseIsoDateTime('2026-10-01T09:00:00Z')).toEqual({ epochMs: Date.parse('2026-10-01T09:00:00Z'), zone: 0 });
    expect(parseIsoDateTime('2026-10-01T09:00:00+08:00')).toEqual({ epochMs: Date.parse('2026-10-01T01:00:00Z'), zone: 480 });
    expect(parseIsoDateTime('2026-10-01T09:00:00+0800').epochMs).toBe(Date.parse('2026-10-01T01:00:00Z'));
    expect(parseIsoDateTime('2026-10-01T09:00:00-05').epochMs).toBe(Date.parse('2026-10-01T14:00:00Z'));
    expect(parseIsoDateTime('2026-10-01T09:00Z').epochMs).toBe(Date.parse('2026-10-01T09:00:00Z'));
    expect(parseIsoDateTime('2026-10-01T09:00:00.250Z').epochMs).toBe(Date.parse('2026-10-01T09:00:00.250Z'));
  });

  it('reads a time without zone as China time (UTC+8), not UTC as Zeebe does', () => {
    expect(parseIsoDateTime('2026-10-01T09:00:00')).toEqual({ epochMs: Date.parse('2026-10-01T01:00:00Z'), zone: 480 });
  });

  it('reads IANA zone ids in brackets, and FEEL’s @zone form', () => {
    expect(parseIsoDateTime('2026-10-01T09:00:00[Asia/Shanghai]')).toEqual({
      epochMs: Date.parse('2026-10-01T01:00:00Z'),
      zone: 'Asia/Shanghai',
    });
    expect(parseIsoDateTime('2026-10-01T09:00:00@Asia/Shanghai').epochMs).toBe(Date.parse('2026-10-01T01:00:00Z'));
    // Berlin: winter +01:00, summer +02:00.
    expect(parseIsoDateTime('2026-01-15T09:00:00[Europe/Berlin]').epochMs).toBe(Date.parse('2026-01-15T08:00:00Z'));
    expect(parseIsoDateTime('2026-07-15T09:00:00[Europe/Berlin]').epochMs).toBe(Date.parse('2026-07-15T07:00:00Z'));
  });

  it('lets the offset fix the instant when both offset and zone are given, keeping the zone', () => {
    expect(parseIsoDateTime('2022-01-01T10:00:00+02:00[Europe/Berlin]')).toEqual({
      epochMs: Date.parse('2022-01-01T08:00:00Z'),
      zone: 'Europe/Berlin',
    });
  });

  it('resolves local times in a daylight-saving gap and overlap as java.time does', () => {
    // 02:30 does not exist in Berlin on 2026-03-29: it moves one hour later, to 03:30 summer time.
    expect(parseIsoDateTime('2026-03-29T02:30:00[Europe/Berlin]').epochMs).toBe(Date.parse('2026-03-29T03:30:00+02:00'));
    // 02:30 happens twice on 2026-10-25: the earlier one (summer time) is taken.
    expect(parseIsoDateTime('2026-10-25T02:30:00[Europe/Berlin]').epochMs).toBe(Date.parse('2026-10-25T02:30:00+02:00'));
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseIsoDateTime('2028-02-29T00:00:00Z').epochMs).toBe(Date.parse('2028-02-29T00:00:00Z'));
    expect(() => parseIsoDateTime('2027-02-29T00:00:00Z')).toThrow(/2027-02 has no day 29/);
    expect(() => parseIsoDateTime('2100-02-29T00:00:00Z')).toThrow(/2100-02 has no day 29/);
  });

  it('rejects bad input with a message naming what is wrong', () => {
    expect(() => parseIsoDateTime('2026-10-01')).toThrow(/date without a time of day/);
    expect(() => parseIsoDateTime('2026-13-01T00:00:00Z')).toThrow(/month 13/);
    expect(() => parseIsoDateTime('2026-10-01T24:00:00Z')).toThrow(/hour 24/);
    expect(() => parseIsoDateTime('2026-10-01T09:60:00Z')).toThrow(/minute 60/);
    expect(() => parseIsoDateTime('2026-10-01T09:00:00+19:00')).toThrow(/offset \+19:00/);
    expect(() => parseIsoDateTime('2026-10-01T09:00:00[Mars/Olympus]')).toThrow(/unknown time zone 'Mars\/Olympus'/);
    expect(() => parseIsoDateTime('1 October 2026')).toThrow(/invalid date and time '1 October 2026'/);
    expect(() => parseIsoDateTime('2026-10-01 09:00:00')).toThrow(/invalid date and time/);
  });
});
