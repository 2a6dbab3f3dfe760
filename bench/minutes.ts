/**
 * The minutes budget: a meeting with 20 items, 30 decisions, 10 risks and 25 participants, stored through
 * the real repositories (SQLite in a temp folder, or DATABASE_URL), then `/minutes` (assembling the content
 * from the store and storing the version) and the .docx download, timed together. Median of 10 runs.
 */
import path from 'node:path';
import { createServices } from '../src/app';
import type { RequestContext } from '../src/app/context';
import type { Clock } from '../src/app/ports';
import { loadConfig } from '../src/config';
import { DEFAULT_CHARTER_RULES } from '../src/domain/charter';
import { minutesOptions } from '../src/minutes';
import { createRepositories, openStore } from '../src/store';

export async function measureMinutes(dir: string, databaseUrl?: string): Promise<{ medianMs: number; bytes: number }> {
  const store = await openStore(loadConfig({ env: { DATABASE_URL: databaseUrl ?? `sqlite:${path.join(dir, 'minutes.db')}` } }).store);
  try {
    const repos = createRepositories(store);
    const tenantId = 'bench-tenant';
    let tick = Date.parse('2027-02-11T08:00:00.000Z');
    const clock: Clock = { now: () => new Date((tick += 1000)) };
    const base = 'https://radslag.example.org';
    const services = createServices(repos, clock, minutesOptions('bench-signing-key', base));
    const sara = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };
    const people = Array.from({ length: 25 }, (_, i) => ({ id: `29:p${i}`, aadObjectId: `aad-p${i}`, name: `Ledamot ${i}`, email: `ledamot${i}@kommun${i % 14}.se` }));
    const conversationId = `19:bench-minutes-${Date.now()}@thread.v2`;
    const group = await repos.groups.create(
      { tenantId, name: `Benchråd ${Date.now()}`, kind: 'council', conversationId, rules: DEFAULT_CHARTER_RULES, createdBy: sara, createdAt: clock.now().toISOString() },
      [sara, ...people].map((person, i) => ({ tenantId, groupId: '', person, organisation: `Kommun ${i % 14}`, role: i === 0 ? 'organizer' : 'member', from: '2026-01-01' })),
    );
    const meeting = (await repos.meetings.ensure({ tenantId, teamsMeetingId: 'bench-minutes', conversationId, at: clock.now().toISOString() })).value;
    await repos.meetings.linkToGroup(tenantId, meeting.id, group.id);
    await repos.meetings.updateDetails(tenantId, meeting.id, { title: 'Benchmöte', startsAt: '2027-02-11T08:00:00.000Z', endsAt: '2027-02-11T12:00:00.000Z' });
    await repos.agendas.replace(
      tenantId,
      meeting.id,
      Array.from({ length: 20 }, (_, i) => ({ number: i + 1, type: (['I', 'D', 'A'] as const)[i % 3]!, title: `Punkt ${i + 1}: ett ärende med en beskrivande rubrik`, responsible: `Ledamot ${i}`, plannedStart: `${String(9 + Math.floor((i * 12) / 60)).padStart(2, '0')}:${String((i * 12) % 60).padStart(2, '0')}` })),
    );
    for (const [i, p] of people.entries()) {
      await repos.answers.saveCheckIn(tenantId, meeting.id, { person: p, mood: 'good', text: `Läget i kommun ${i % 14}: det mesta fungerar bra`, inRoom: false, answeredAt: clock.now().toISOString(), via: 'card' });
    }
    for (let i = 0; i < 30; i++) {
      await repos.decisions.record({ tenantId, meetingId: meeting.id, text: `Beslut ${i + 1}: rådet godkänner förslaget enligt bilaga ${i + 1}`, recordedBy: sara, recordedAt: clock.now().toISOString(), sourceKey: `d${i}`, agendaItem: (i % 20) + 1 });
    }
    const registerId = await repos.risks.ensureGroupRegister(tenantId, group.id);
    for (let i = 0; i < 10; i++) {
      const s = ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5;
      await repos.risks.raise({
        tenantId,
        registerId,
        meetingId: meeting.id,
        agendaItem: (i % 20) + 1,
        risk: { threat: `Hot ${i + 1}`, vulnerability: `Sårbarhet ${i + 1}`, consequence: `Konsekvens ${i + 1}`, probability: s, impact: 4, actionNeeded: true, action: `Åtgärd ${i + 1}` },
        raisedBy: sara,
        raisedAt: clock.now().toISOString(),
        sourceKey: `r${i}`,
      });
    }
    await repos.secretaries.appoint({ tenantId, meetingId: meeting.id, person: sara, appointedBy: sara, at: clock.now().toISOString() });
    const ctx: RequestContext = {
      tenantId,
      conversationId,
      teamsMeetingId: 'bench-minutes',
      caller: sara,
      locale: 'sv',
      directory: { meetingRoleOf: () => Promise.resolve('Organizer'), members: () => Promise.resolve([sara, ...people]) },
    };
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < 11; run++) {
      // Each run changes the records, so each stores a new version as a real /minutes would.
      await repos.notes.add({ tenantId, meetingId: meeting.id, agendaItem: 1, text: `Anteckning ${run}`, recordedBy: sara, recordedAt: clock.now().toISOString(), sourceKey: `n${run}` });
      const t0 = performance.now();
      const overview = await services.minutes.overview(ctx, 'sv');
      const file = await services.minutes.download(overview.links.docx.slice(`${base}/minutes/`.length));
      const ms = performance.now() - t0;
      if (!file.ok) throw new Error(`minutes download refused: ${file.refusal}`);
      bytes = file.file.body.length;
      if (run > 0) times.push(ms); // the first run warms up the JIT
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)]!, bytes };
  } finally {
    await store.close();
  }
}
