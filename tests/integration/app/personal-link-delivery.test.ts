/**
 * How each member's personal link travels, decided in src/app (PersonalLinkService.deliver) on a real
 * store, with a hand-written MeetingCalendar (recording sendMail, failing for one address) and a
 * hand-written DirectMessenger: nothing to a host-tenant member in the chat (the card there is theirs);
 * else e-mail from the organizer when Graph is configured and the member has an address; else a one-to-one
 * message by Entra object id to a member outside the chat; else nobody, named in the report with their link.
 * A check-in skips the excused; a reminder skips those who answered.
 * The end-to-end path through Graph is in lifecycle-with-graph.test.ts, through Teams in personal-links.test.ts.
 */
import { createServices } from '../../../src/app';
import type { DirectMessenger, EmailAddress, LinkMessage, MeetingCalendar, Repositories } from '../../../src/app/ports';
import { PersonalLinkService, type LinkMessageWriter } from '../../../src/app/personal-link-service';
import { loadConfig } from '../../../src/config';
import { DEFAULT_CHARTER_RULES } from '../../../src/domain/charter';
import { DomainError } from '../../../src/domain/errors';
import type { Group, Member } from '../../../src/domain/group';
import type { Meeting } from '../../../src/domain/meeting';
import type { PersonRef } from '../../../src/domain/person';
import { hmacLinkTokens } from '../../../src/links/personal-link-token';
import { minutesOptions } from '../../../src/minutes';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

const HOST = 'host-tenant';
const clock = { now: () => new Date('2026-11-25T09:00:00.000Z') };
const organizer: PersonRef = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };

let db: TestDatabase;
let store: OpenStore;
let repos: Repositories;
beforeAll(async () => {
  db = await createTestDatabase();
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  repos = createRepositories(store);
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

class RecordingCalendar implements Pick<MeetingCalendar, 'sendMail'> {
  readonly mails: Array<{ from: string; to: EmailAddress; subject: string; bodyHtml: string }> = [];
  constructor(private readonly failFor: string[] = []) {}
  sendMail(from: string, to: EmailAddress, subject: string, bodyHtml: string): Promise<void> {
    if (this.failFor.includes(to.address)) return Promise.reject(new Error(`mailbox unavailable: ${to.address}`));
    this.mails.push({ from, to, subject, bodyHtml });
    return Promise.resolve();
  }
}
const calendarOf = (c: RecordingCalendar) => c as unknown as MeetingCalendar;

/** Teams knows these people in the conversation, with their home tenants. */
class RecordingMessenger implements DirectMessenger {
  readonly sent: Array<{ accountId: string; tenantId: string; text: string; url: string }> = [];
  constructor(private readonly known: Array<{ aad: string; accountId: string; tenantId: string }>) {}
  find(person: PersonRef) {
    const k = this.known.find((x) => x.aad === person.aadObjectId);
    return Promise.resolve(k ? { accountId: k.accountId, tenantId: k.tenantId } : undefined);
  }
  send(accountId: string, tenantId: string, message: LinkMessage, url: string) {
    this.sent.push({ accountId, tenantId, text: message.paragraphs.join('\n'), url });
    return Promise.resolve();
  }
}

const write: LinkMessageWriter = ({ kind, personName, meetingTitle }) => ({ subject: `${kind}: ${meetingTitle}`, paragraphs: [`Hej ${personName}`], action: 'Svara' });

let n = 0;
async function aMeeting(): Promise<{ group: Group; meeting: Meeting; members: Map<string, Member> }> {
  const name = `Nätverk länkar ${++n}`;
  const person = (id: string, name: string, extra: Partial<PersonRef & { email: string }> = {}) => ({ id, name, ...extra });
  const group = await repos.groups.create(
    { tenantId: HOST, name, kind: 'network', conversationId: `19:links-${n}@thread.v2`, rules: DEFAULT_CHARTER_RULES, createdBy: organizer, createdAt: clock.now().toISOString() },
    [
      { tenantId: HOST, groupId: '', person: person('29:sara', 'Sara Herrman', { aadObjectId: 'aad-sara', email: 'sara@host.se' }), role: 'organizer', from: '2026-01-01' },
      // In the host tenant, no address: a one-to-one message.
      { tenantId: HOST, groupId: '', person: person('29:hakan', 'Håkan Sundberg', { aadObjectId: 'aad-hakan' }), role: 'member', from: '2026-01-01' },
      // From another organisation's tenant, no address: nobody can reach her.
      { tenantId: HOST, groupId: '', person: person('29:eva', 'Eva Grann', { aadObjectId: 'aad-eva' }), role: 'member', from: '2026-01-01' },
      // Imported from a roster file: a name and an address, no Teams account at all.
      { tenantId: HOST, groupId: '', person: person('', 'Pia Carlsson', { email: 'pia@amal.se' }), role: 'member', from: '2026-01-01' },
      { tenantId: HOST, groupId: '', person: person('', 'Pelle Extern', { email: 'pelle@extern.se' }), role: 'coopted', from: '2026-01-01' },
      // The mailbox fails; in the host tenant, so the bot's message is the way instead.
      { tenantId: HOST, groupId: '', person: person('29:titti', 'Titti Andersson', { aadObjectId: 'aad-titti', email: 'titti@broken.se' }), role: 'member', from: '2026-01-01' },
      // Left the group before the meeting: no link.
      { tenantId: HOST, groupId: '', person: person('29:olle', 'Olle Gammal', { aadObjectId: 'aad-olle', email: 'olle@host.se' }), role: 'member', from: '2025-01-01', to: '2026-06-30' },
    ],
  );
  const { value: meeting } = await repos.meetings.schedule({
    tenantId: HOST,
    groupId: group.id,
    title: `${name}: vintermöte`,
    startsAt: '2027-02-10T08:00:00.000Z',
    endsAt: '2027-02-10T11:00:00.000Z',
    scheduledBy: organizer,
    sourceKey: `links-${n}`,
    at: clock.now().toISOString(),
  });
  const members = new Map((await repos.groups.members(HOST, group.id)).map((m) => [m.person.name, m]));
  return { group, meeting, members };
}

const tokens = hmacLinkTokens('delivery-test-key-delivery-test-key');
const service = (calendar?: RecordingCalendar) =>
  new PersonalLinkService(repos, createServices(repos, clock, minutesOptions('delivery-test-key', 'https://radslag.example.org')).meetingRun, tokens, clock, {
    ...(calendar ? { calendar: calendarOf(calendar) } : {}),
    publicBaseUrl: 'https://radslag.example.org',
    hostTenantId: HOST,
  });
/** In the chat: Sara (host tenant) and Eva (a neighbour's tenant); Håkan and Titti are not. */
const messenger = () =>
  new RecordingMessenger([
    { aad: 'aad-sara', accountId: '29:sara', tenantId: 'HOST-TENANT' },
    { aad: 'aad-eva', accountId: '29:eva', tenantId: 'neighbour-tenant' },
  ]);
const tokenIn = (text: string) => /https:\/\/radslag\.example\.org\/p\/([A-Za-z0-9_.-]+)/.exec(text)![1]!;

it('sends nothing to a host member in the chat, mails members with an address, messages the host tenant’s others, and names who could not be reached', async () => {
  const { meeting, group, members } = await aMeeting();
  const calendar = new RecordingCalendar(['titti@broken.se']);
  const dm = messenger();
  const report = await service(calendar).deliver({ meeting, group, kind: 'notice', messenger: dm, write });

  expect({ ...report, mailed: [...report.mailed].sort(), messaged: [...report.messaged].sort(), links: report.links.map((l) => l.name) }).toEqual({
    mailed: ['Pelle Extern', 'Pia Carlsson'],
    messaged: ['Håkan Sundberg', 'Titti Andersson'],
    inChat: ['Sara Herrman'],
    unreachable: ['Eva Grann'],
    failed: [],
    links: ['Eva Grann'],
  });
  // Eva's link is for the editor to pass on: it names her and this meeting.
  expect(tokens.read(tokenIn(report.links[0]!.url), clock.now())).toEqual({ ok: true, claims: expect.objectContaining({ meetingId: meeting.id, memberId: members.get('Eva Grann')!.id, kind: 'notice' }) });
  expect(calendar.mails.every((m) => m.from === 'aad-sara')).toBe(true);
  expect(calendar.mails.map((m) => m.to).sort((a, b) => a.address.localeCompare(b.address))).toEqual([
    { name: 'Pelle Extern', address: 'pelle@extern.se' },
    { name: 'Pia Carlsson', address: 'pia@amal.se' },
  ]);
  // Outside the chat: Teams opens the one-to-one chat by Entra object id, in the host tenant.
  expect(dm.sent.map((s) => [s.accountId, s.tenantId]).sort()).toEqual([
    ['aad-hakan', HOST],
    ['aad-titti', HOST],
  ]);
  // Each link names its own member, meeting and kind.
  const pia = calendar.mails.find((m) => m.to.address === 'pia@amal.se')!;
  expect(pia.subject).toBe(`notice: ${meeting.title}`);
  const read = tokens.read(tokenIn(pia.bodyHtml), clock.now());
  expect(read).toEqual({ ok: true, claims: { tenantId: HOST, meetingId: meeting.id, memberId: members.get('Pia Carlsson')!.id, kind: 'notice', expiresAt: new Date('2027-02-10T11:00:00.000Z') } });
  expect(pia.bodyHtml).toContain(`<a href="https://radslag.example.org/p/${tokenIn(pia.bodyHtml)}">Svara</a>`);
});

it('without Graph, messages the host tenant’s members only, and counts a failed message as failed', async () => {
  const { meeting, group } = await aMeeting();
  const dm = messenger();
  dm.send = (accountId) => (accountId === 'aad-hakan' ? Promise.reject(new Error('403 from Teams')) : Promise.resolve());
  const errors: string[] = [];
  const links = new PersonalLinkService(repos, createServices(repos, clock, minutesOptions('delivery-test-key', 'https://radslag.example.org')).meetingRun, tokens, clock, { publicBaseUrl: 'https://x', hostTenantId: HOST, onError: (_e, what) => errors.push(what) });
  const report = await links.deliver({ meeting, group, kind: 'checkin', messenger: dm, write });
  expect(report.messaged).toEqual(['Titti Andersson']);
  expect(report.inChat).toEqual(['Sara Herrman']);
  expect(report.failed).toEqual(['Håkan Sundberg']);
  expect(report.unreachable.sort()).toEqual(['Eva Grann', 'Pelle Extern', 'Pia Carlsson']);
  expect(errors).toEqual([expect.stringContaining('messaging a personal link to member')]);
});

it('keeps two members without a Teams account apart: each link answers for its own roster row', async () => {
  const { meeting, group } = await aMeeting();
  const calendar = new RecordingCalendar();
  const links = service(calendar);
  await links.deliver({ meeting, group, kind: 'notice', write });
  const linkOf = (address: string) => tokenIn(calendar.mails.find((m) => m.to.address === address)!.bodyHtml);
  expect((await links.answer(linkOf('pia@amal.se'), { kind: 'notice', attending: false, note: 'Semester' })).ok).toBe(true);
  expect((await links.answer(linkOf('pelle@extern.se'), { kind: 'notice', attending: true })).ok).toBe(true);
  const answers = await repos.answers.notices(HOST, meeting.id);
  expect(answers.map((a) => [a.person.name, a.attending, a.via]).sort()).toEqual([
    ['Pelle Extern', true, 'link'],
    ['Pia Carlsson', false, 'link'],
  ]);
  expect(new Set(answers.map((a) => a.person.id)).size).toBe(2);
  // The page shows each their own answer.
  const pia = await links.open(linkOf('pia@amal.se'));
  expect(pia).toEqual({ ok: true, view: expect.objectContaining({ personName: 'Pia Carlsson', notice: { attending: false, note: 'Semester' } }) });
  // A notice link does not take a check-in.
  expect(await links.answer(linkOf('pia@amal.se'), { kind: 'checkin', mood: 'good', inRoom: false })).toEqual({ ok: false, refusal: 'wrongKind' });
  expect(await repos.answers.checkIns(HOST, meeting.id)).toEqual([]);
});

it('gives check-in links only to those not excused, and a reminder only to those who have not answered', async () => {
  const { meeting, group } = await aMeeting();
  const members = await repos.groups.members(HOST, group.id);
  const pia = members.find((m) => m.person.name === 'Pia Carlsson')!;
  const pelle = members.find((m) => m.person.name === 'Pelle Extern')!;
  // Pia is excused, Pelle will attend: both answered through their links (as their roster rows).
  await repos.answers.saveNotice(HOST, meeting.id, { person: { id: `member:${pia.id}`, name: 'Pia Carlsson' }, attending: false, answeredAt: clock.now().toISOString(), via: 'link' });
  await repos.answers.saveNotice(HOST, meeting.id, { person: { id: `member:${pelle.id}`, name: 'Pelle Extern' }, attending: true, answeredAt: clock.now().toISOString(), via: 'link' });

  const checkIn = new RecordingCalendar();
  await service(checkIn).deliver({ meeting, group, kind: 'checkin', write });
  expect(checkIn.mails.map((m) => m.to.address).sort()).toEqual(['pelle@extern.se', 'sara@host.se', 'titti@broken.se']);

  const reminder = new RecordingCalendar();
  const report = await service(reminder).deliver({ meeting, group, kind: 'notice', write, onlyUnanswered: true });
  expect(reminder.mails.map((m) => m.to.address).sort()).toEqual(['sara@host.se', 'titti@broken.se']);
  expect([...report.unreachable].sort()).toEqual(['Eva Grann', 'Håkan Sundberg']);
});

describe('a meeting that is no longer held', () => {
  const linkOf = (meeting: Meeting, member: Member) => tokens.issue({ tenantId: HOST, meetingId: meeting.id, memberId: member.id, kind: 'notice', expiresAt: new Date('2027-02-10T11:00:00.000Z') });

  it('refuses a cancelled meeting’s link (cancelled), on the page and the answer, and stores nothing', async () => {
    const { meeting, members } = await aMeeting();
    const token = linkOf(meeting, members.get('Håkan Sundberg')!);
    await repos.meetings.update(HOST, meeting.id, { cancelledAt: clock.now().toISOString() });
    const links = service();
    expect(await links.open(token)).toEqual({ ok: false, refusal: 'cancelled' });
    expect(await links.answer(token, { kind: 'notice', attending: true })).toEqual({ ok: false, refusal: 'cancelled' });
    expect(await repos.answers.notices(HOST, meeting.id)).toEqual([]);
  });

  it('answers gone when the meeting is deleted between the link’s check and the write', async () => {
    const { meeting, members } = await aMeeting();
    const token = linkOf(meeting, members.get('Håkan Sundberg')!);
    const stale = () => Promise.reject(new DomainError('CARD.STALE'));
    const links = new PersonalLinkService(repos, { answerNotice: stale, answerCheckIn: stale }, tokens, clock, { publicBaseUrl: 'https://x', hostTenantId: HOST });
    expect(await links.answer(token, { kind: 'notice', attending: false, substitute: 'Per Ersatt' })).toEqual({ ok: false, refusal: 'gone' });
  });
});
