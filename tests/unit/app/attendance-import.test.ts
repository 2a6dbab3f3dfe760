import { attendanceImportHandler, attendanceImportJobs } from '../../../src/app/attendance-import';
import type { AttendanceService } from '../../../src/app/attendance-service';
import type { Job, NewJob, Notifier, Repositories } from '../../../src/app/ports';
import type { Meeting } from '../../../src/domain/meeting';

const booked = (over: Partial<Meeting> = {}): Meeting => ({
  id: 'meeting-1',
  tenantId: 'tenant-1',
  teamsMeetingId: 'scheduled:meeting-1',
  conversationId: 'scheduled:meeting-1',
  groupId: 'group-1',
  createdAt: '2026-11-25T09:00:00.000Z',
  startsAt: '2027-02-10T08:00:00.000Z',
  endsAt: '2027-02-10T11:00:00.000Z',
  ...over,
});
const asRun = (job: NewJob): Job => ({ ...job, id: `job-${job.uniqueKey}`, status: 'running', attempts: 1 });

/** The handler over one meeting as the store now has it; what it enqueued and imported is recorded. */
function handlerFor(meeting: Meeting) {
  const enqueued: NewJob[] = [];
  const imported: string[] = [];
  const repos = {
    meetings: { get: (_tenant: string, id: string) => Promise.resolve(id === meeting.id ? meeting : undefined) },
    groups: { get: () => Promise.resolve(undefined) },
    jobs: { enqueue: (job: NewJob) => (enqueued.push(job), Promise.resolve({ value: asRun(job), created: true })) },
  } as unknown as Pick<Repositories, 'meetings' | 'groups' | 'jobs'>;
  const attendance = {
    importFor: (_tenant: string, id: string) => (imported.push(id), Promise.resolve({ kind: 'imported', added: 0 })),
  } as unknown as AttendanceService;
  const notifier = { post: () => Promise.resolve(), postToGroup: () => Promise.resolve() } as unknown as Notifier;
  return { run: attendanceImportHandler(repos, attendance, notifier), enqueued, imported };
}

describe('attendanceImportJobs', () => {
  it('puts one job at each offset after the scheduled end, its offset in the payload', () => {
    expect(attendanceImportJobs(booked(), [15, 120]).map((j) => [j.uniqueKey, j.runAt, j.payload])).toEqual([
      ['attendance-import:meeting-1:15', '2027-02-10T11:15:00.000Z', { meetingId: 'meeting-1', minutes: 15 }],
      ['attendance-import:meeting-1:120', '2027-02-10T13:00:00.000Z', { meetingId: 'meeting-1', minutes: 120 }],
    ]);
  });

  it('keys the jobs of a moved meeting by its new end, so they are not taken for the first ones', () => {
    expect(attendanceImportJobs(booked(), [15], undefined, '2027-02-10T11:00:00.000Z')[0]!.uniqueKey).toBe('attendance-import:meeting-1:15@2027-02-10T11:00:00.000Z');
  });
});

describe('the attendance import job', () => {
  it('imports when it runs after the meeting’s end', async () => {
    const [job] = attendanceImportJobs(booked(), [15]);
    const h = handlerFor(booked());
    await h.run(asRun(job!));
    expect(h.imported).toEqual(['meeting-1']);
    expect(h.enqueued).toEqual([]);
  });

  it('makes way for one after the new end when the meeting was moved later, without importing', async () => {
    const [job] = attendanceImportJobs(booked(), [120]);
    const moved = booked({ startsAt: '2027-02-17T08:00:00.000Z', endsAt: '2027-02-17T11:00:00.000Z' });
    const h = handlerFor(moved);
    await h.run(asRun(job!));
    expect(h.imported).toEqual([]);
    expect(h.enqueued.map((j) => [j.uniqueKey, j.runAt])).toEqual([['attendance-import:meeting-1:120@2027-02-17T11:00:00.000Z', '2027-02-17T13:00:00.000Z']]);
  });

  it('reads the offset of a job made before offsets were in the payload from its key', async () => {
    const job = { ...attendanceImportJobs(booked(), [15])[0]!, payload: { meetingId: 'meeting-1' } };
    const h = handlerFor(booked({ endsAt: '2027-03-01T11:00:00.000Z' }));
    await h.run(asRun(job));
    expect(h.enqueued.map((j) => j.runAt)).toEqual(['2027-03-01T11:15:00.000Z']);
  });

  it('imports a held meeting whatever its booking said, and nothing for a cancelled one', async () => {
    const [job] = attendanceImportJobs(booked(), [15]);
    const held = handlerFor(booked({ endsAt: '2027-03-01T11:00:00.000Z', endedAt: '2027-02-10T11:05:00.000Z' }));
    await held.run(asRun(job!));
    expect(held.imported).toEqual(['meeting-1']);
    const cancelled = handlerFor(booked({ cancelledAt: '2027-02-01T09:00:00.000Z' }));
    await cancelled.run(asRun(job!));
    expect([cancelled.imported, cancelled.enqueued]).toEqual([[], []]);
  });
});
