/** The demo's clock and chance: office hours on the Chinese calendar, seeded draws, quotas, made-up residents. */
import { describe, expect, it } from 'vitest';
import { OfficeHours } from '../../engine/src/demo/office-hours.js';
import { QuotaDraw } from '../../engine/src/demo/quota-draw.js';
import { DemoDice } from '../../engine/src/demo/demo-dice.js';
import { DemoResidents, demoGrids, pickGrid } from '../../engine/src/demo/demo-residents.js';
import { isResidentIdNumber } from '../../engine/src/forms/resident-id-number.js';
import { isPhoneNumber } from '../../engine/src/forms/phone-number.js';

const china = (iso: string) => Date.parse(`${iso}+08:00`);
const iso = (epochMs: number) => new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 16);

describe('office hours', () => {
  const office = new OfficeHours();

  it('takes work to the next desk session of a working day, past 国庆 to the 调休 Saturday', () => {
    expect(iso(office.desk(china('2026-03-02T09:10:00')))).toBe('2026-03-02T09:30');
    expect(iso(office.desk(china('2026-03-02T11:00:00')))).toBe('2026-03-02T11:00');
    expect(iso(office.desk(china('2026-03-02T16:31:00')))).toBe('2026-03-03T09:30');
    // 国庆 2026: 1–7 October off; Saturday 10 October is a make-up working day, Sunday 11 is not.
    expect(iso(office.desk(china('2026-09-30T17:00:00')))).toBe('2026-10-08T09:30');
    expect(iso(office.desk(china('2026-10-09T17:00:00')))).toBe('2026-10-10T09:30');
    expect(iso(office.desk(china('2026-10-10T17:00:00')))).toBe('2026-10-12T09:30');
  });

  it('counts working days and office minutes on the same calendar', () => {
    // Friday 30 Jan 2026 + 1 working day is Monday 2 Feb, at the start of the day.
    expect(iso(office.workingDaysLater(china('2026-01-30T10:00:00'), 1, 0))).toBe('2026-02-02T09:00');
    // 春节 2026: 15–23 February off, Saturday 14 and 28 February worked.
    expect(iso(office.workingDaysLater(china('2026-02-13T10:00:00'), 1, 0))).toBe('2026-02-14T09:00');
    expect(iso(office.workingDaysLater(china('2026-02-14T10:00:00'), 1, 0))).toBe('2026-02-24T09:00');
    // 11:30 + 60 office minutes: half an hour before lunch, half an hour after.
    expect(iso(office.addOfficeMinutes(china('2026-03-02T11:30:00'), 60))).toBe('2026-03-02T14:00');
    expect(office.dateOf(china('2026-03-02T23:30:00'))).toBe('2026-03-02');
  });
});

describe('quota draw', () => {
  it('keeps the share of yeses nearest the target at every count', () => {
    const quota = new QuotaDraw(0.98);
    let yes = 0;
    for (let n = 1; n <= 300; n++) {
      if (quota.next()) yes++;
      expect(yes).toBe(Math.round(0.98 * n));
    }
  });

  it('answers yes where a no cannot happen, and refuses a target outside 0..1', () => {
    const quota = new QuotaDraw(0);
    expect(quota.next(false)).toBe(true);
    expect(quota.next()).toBe(false);
    expect(() => new QuotaDraw(1.5)).toThrow(/share from 0 to 1/);
  });
});

describe('seeded chance and made-up residents', () => {
  it('draws the same numbers for the same seed', () => {
    const a = new DemoDice(42);
    const b = new DemoDice(42);
    const draws = (d: DemoDice) => [d.integer(1, 100), d.weighted({ x: 1, y: 2 }), d.pick(['p', 'q', 'r']), d.sample([1, 2, 3, 4], 2).join()];
    expect(draws(a)).toEqual(draws(b));
    expect(() => a.weighted({})).toThrow(/more than 0/);
  });

  it('makes residents whose 身份证号 and phone numbers pass the forms’ checks, in the demo district', () => {
    const grids = demoGrids();
    expect(grids).toHaveLength(233);
    const dice = new DemoDice(7);
    const residents = new DemoResidents(dice, china('2026-11-20T14:00:00'));
    for (let i = 0; i < 200; i++) {
      const grid = pickGrid(dice, grids);
      const resident = residents.resident(grid);
      expect(isResidentIdNumber(resident.idNumber), resident.idNumber).toBe(true);
      expect(isPhoneNumber(resident.phone), resident.phone).toBe(true);
      expect(resident.address.startsWith(grid.streetName + grid.communityName)).toBe(true);
    }
  });
});
