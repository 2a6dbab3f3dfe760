import { movedReminderKey, noticeReminderHandler, noticeReminderJob } from '../../../src/app/notice-reminder';
import type { Group } from '../../../src/domain/group';
import type { Meeting } from '../../../src/domain/meeting';

const group = (noticeDays = 14): Group => ({
  id: 'group-1',
  tenantId: 'tenant-1',
  name: 'E-råd Fyrbodal',
  kind: 'council',
  conversationId: '19:group@thread.v2',
  rules: { noticeDays, preparationDaysBefore: 14, meetingsPerYear: 6 },
  createdBy: { id: '29:sara', name: 'Sara Herrman' },
  createdAt: '2026-11-25T09:00:00.000Z',
});
const meeting = (startsAt?: string): Meeting => ({
  id: 'meeting-1',
  tenantId: 'tenant-1',
  teamsMeetingId: 'scheduled:meeting-1',
  conversationId: 'scheduled:meeting-1',
  groupId: 'group-1',
  createdAt: '2026-11-25T09:00:00.000Z',
  ...(startsAt ? { startsAt } : {}),
});
const NOW = new Date('2026-11-25T09:00:00.000Z');

describe('noticeReminderJob', () => {
  it('is due at 09:00 Stockholm time (winter, UTC+1) on the day noticeDays before the meeting’s day', () => {
    expect(noticeReminderJob(meeting('2027-02-10T08:00:00.000Z'), group(), NOW)).toEqual({
      tenantId: 'tenant-1',
      kind: 'notice-reminder',
      uniqueKey: 'notice-reminder:meeting-1',
      runAt: '2027-01-27T08:00:00.000Z',
      payload: { meetingId: 'meeting-1' },
    });
  });

  it('follows summer time (UTC+2) and the group’s own notice period', () => {
    expect(noticeReminderJob(meeting('2027-06-10T07:00:00.000Z'), group(), NOW)?.runAt).toBe('2027-05-27T07:00:00.000Z');
    expect(noticeReminderJob(meeting('2027-06-10T07:00:00.000Z'), group(21), NOW)?.runAt).toBe('2027-05-20T07:00:00.000Z');
  });

  it('counts the Stockholm calendar day of a meeting just after midnight', () => {
    // 00:30 on 11 February in Stockholm is still 10 February in UTC.
    expect(noticeReminderJob(meeting('2027-02-10T23:30:00.000Z'), group(), NOW)?.runAt).toBe('2027-01-28T08:00:00.000Z');
  });

  it('is absent for a meeting booked with an approved exception to the notice rule', () => {
    const overridden = { ...meeting('2026-11-30T12:00:00.000Z'), override: { rule: 'NOTICE_PERIOD', reason: 'Budgeten', byName: 'Sara Herrman' } };
    expect(noticeReminderJob(overridden, group(), NOW)).toBeUndefined();
  });

  it('is due now when the deadline has passed, and absent without a start', () => {
    expect(noticeReminderJob(meeting('2026-11-30T12:00:00.000Z'), group(), NOW)?.runAt).toBe(NOW.toISOString());
    expect(noticeReminderJob(meeting(), group(), NOW)).toBeUndefined();
  });
});

describe('noticeReminderHandler', () => {
  /** `movedTo`: the meeting was moved to this start, so a reminder job for it exists; `payload`: the job's extra fields. */
  const run = async (m: Meeting, movedTo?: string, payload: Record<string, unknown> = {}) => {
    const posted: unknown[] = [];
    const jobs = { list: ({ uniqueKey }: { uniqueKey: string }) => Promise.resolve(movedTo && uniqueKey === movedReminderKey(m.id, movedTo) ? [{ id: 'job-2' }] : []) };
    const repos = { meetings: { get: () => Promise.resolve(m) }, groups: { get: () => Promise.resolve(group()) }, jobs };
    const notifier = { postToGroup: (_g: Group, message: unknown) => Promise.resolve(void posted.push(message)) };
    const handler = noticeReminderHandler(repos as never, notifier as never, { now: () => NOW });
    await handler({ id: 'job-1', tenantId: 'tenant-1', payload: { meetingId: m.id, ...payload } } as never);
    return posted;
  };

  it('reminds when the notice has not gone out', async () => {
    expect(await run(meeting('2026-11-30T12:00:00.000Z'))).toHaveLength(1);
  });

  it('stays silent for a cancelled meeting', async () => {
    expect(await run({ ...meeting('2026-11-30T12:00:00.000Z'), cancelledAt: '2026-11-25T08:00:00.000Z' })).toEqual([]);
  });

  it('stays silent once the notice rule was overridden, though the job was set before', async () => {
    expect(await run({ ...meeting('2026-11-30T12:00:00.000Z'), override: { rule: 'NOTICE_PERIOD', reason: 'Budgeten', byName: 'Sara Herrman' } })).toEqual([]);
  });

  it('stays silent for the booking’s job once the meeting was moved, and for a job of an earlier move; the new start’s job reminds', async () => {
    const moved = meeting('2026-11-30T12:00:00.000Z');
    expect(await run(moved, moved.startsAt)).toEqual([]);
    expect(await run(moved, undefined, { startsAt: '2026-11-29T12:00:00.000Z' })).toEqual([]);
    expect(await run(moved, moved.startsAt, { startsAt: moved.startsAt })).toHaveLength(1);
  });

  it('gives a moved meeting’s job a key and payload of its own start', () => {
    const job = noticeReminderJob(meeting('2027-02-10T08:00:00.000Z'), group(), NOW, true)!;
    expect(job).toMatchObject({ uniqueKey: movedReminderKey(job.payload.meetingId as string, '2027-02-10T08:00:00.000Z'), payload: { startsAt: '2027-02-10T08:00:00.000Z' } });
  });
});
