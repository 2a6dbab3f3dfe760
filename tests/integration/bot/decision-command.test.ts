/**
 * /decision, /decisions, Undo and /secretary through the real server, botbuilder and store, with a fake
 * Bot Connector standing in for Teams.
 */
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { loadConfig } from '../../../src/config';
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { eventually } from '../../helpers/eventually';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

const h = useHarness();
let store: OpenStore;

beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});

afterAll(async () => {
  await store.close();
});

beforeEach(() => {
  h.teams.clear();
  h.teams.meetingInfo = 404;
  h.teams.defaultRoles.clear();
  h.teams.members = Object.values(people);
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  h.teams.defaultRoles.set(people.hakan.aadObjectId, 'Attendee');
  h.teams.defaultRoles.set(people.titti.aadObjectId, 'Presenter');
  h.teams.defaultRoles.set(people.pia.aadObjectId, 'Attendee');
});

const say = async (chat: Chat, from: (typeof people)[keyof typeof people], text: string, extra: Partial<Parameters<typeof aMessage>[0]> = {}) => {
  const before = h.teams.sent().length;
  const res = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, ...extra }));
  expect(res.status).toBe(200);
  return h.teams.sent().slice(before);
};

const lastCardText = (sent: Array<Record<string, unknown>>) => cardText(cardOf(sent[sent.length - 1]));

const decisionsOf = async (chat: Chat) => {
  const meeting = await createRepositories(store).meetings.findByTeamsId(TENANT, chat.meetingId!);
  return meeting ? createRepositories(store).decisions.listForMeeting(TENANT, meeting.id) : [];
};

describe('/decision', () => {
  it('records the organizer’s decision as §1, §2 and answers with a card showing number, text and recorder', async () => {
    const chat = aMeetingChat();
    const first = await say(chat, people.sara, '/decision E-rådet beslutar om ändring av förstudiedirektiv');
    expect(first).toHaveLength(1);
    const text = lastCardText(first);
    expect(text).toContain('Decision §1');
    expect(text).toContain('E-rådet beslutar om ändring av förstudiedirektiv');
    expect(text).toContain('Recorded by Sara Herrman');
    expect(text).toContain('Undo');
    expect(first[0]!.conversation).toMatchObject({ id: chat.conversationId });

    const second = await say(chat, people.titti, '/beslut Projektplanen godkänns', { locale: 'sv-SE' });
    expect(lastCardText(second)).toContain('Beslut §2');
    expect(lastCardText(second)).toContain('Antecknat av Titti Andersson');

    const stored = await decisionsOf(chat);
    expect(stored.map((d) => [d.number, d.text, d.recordedBy.name])).toEqual([
      [1, 'E-rådet beslutar om ändring av förstudiedirektiv', 'Sara Herrman'],
      [2, 'Projektplanen godkänns', 'Titti Andersson'],
    ]);
  });

  it('numbers each meeting on its own', async () => {
    const a = aMeetingChat();
    const b = aMeetingChat();
    await say(a, people.sara, '/decision A1');
    await say(a, people.sara, '/decision A2');
    expect(lastCardText(await say(b, people.sara, '/decision B1'))).toContain('Decision §1');
  });

  it('creates the meeting on first contact and fills title and times from Teams', async () => {
    h.teams.meetingInfo = { title: 'E-råd Fyrbodal', scheduledStartTime: '2026-12-17T08:00:00Z', scheduledEndTime: '2026-12-17T11:00:00Z', organizer: people.sara };
    const chat = aMeetingChat();
    await say(chat, people.sara, '/decision Dagordningen fastställs');
    // Teams' details arrive in the background, after the command was answered.
    const meeting = await eventually(async () => {
      const found = await createRepositories(store).meetings.findByTeamsId(TENANT, chat.meetingId!);
      expect(found?.title).toBeDefined();
      return found;
    });
    expect(meeting).toMatchObject({
      conversationId: chat.conversationId,
      title: 'E-råd Fyrbodal',
      startsAt: '2026-12-17T08:00:00.000Z',
      endsAt: '2026-12-17T11:00:00.000Z',
      organizerAadObjectId: people.sara.aadObjectId,
    });
    expect(h.teams.requests.filter((r) => r.path === `/v1/meetings/${chat.meetingId}`)).toHaveLength(1);
  });

  it('still records when Teams cannot give the meeting details', async () => {
    h.teams.meetingInfo = 503;
    const chat = aMeetingChat();
    expect(lastCardText(await say(chat, people.sara, '/decision Trots allt'))).toContain('Decision §1');
    const meeting = await createRepositories(store).meetings.findByTeamsId(TENANT, chat.meetingId!);
    expect(meeting?.title).toBeUndefined();
  });

  it('refuses an attendee politely, says who can record, and stores nothing', async () => {
    const chat = aMeetingChat();
    const sent = await say(chat, people.hakan, '/decision Jag bestämmer själv');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toMatch(/Only the meeting's organizer, its presenters and the appointed secretary can record decisions/);
    expect(sent[0]!.text).toMatch(/\/secretary @name/);
    expect(await decisionsOf(chat)).toHaveLength(0);
  });

  it('asks Teams for a person’s meeting role once and remembers it briefly', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/decision Ett');
    await say(chat, people.sara, '/decision Två');
    await say(chat, people.sara, '/risk Hot S=1 K=1');
    const lookups = h.teams.requests.filter((r) => r.path.startsWith(`/v1/meetings/${chat.meetingId}/participants/`));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.path).toBe(`/v1/meetings/${chat.meetingId}/participants/${people.sara.aadObjectId}`);
    expect(lookups[0]!.query.get('tenantId')).toBe(TENANT);
  });

  it('stores a redelivered activity (same id) once', async () => {
    const chat = aMeetingChat();
    const activity = aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/decision En gång', id: 'redelivered-1' });
    expect((await postActivity(h.app, activity)).status).toBe(200);
    expect((await postActivity(h.app, activity)).status).toBe(200);
    const stored = await decisionsOf(chat);
    expect(stored).toHaveLength(1);
    // Both deliveries get the same confirmation, of the same § number.
    expect(h.teams.sent().map((s) => cardText(cardOf(s)))).toEqual([expect.stringContaining('Decision §1'), expect.stringContaining('Decision §1')]);
  });

  it.each([
    ['no text', '/decision', /decision text is empty.*Example: \/decision /s],
    ['only spaces', '/decision    ', /decision text is empty/],
    ['2,001 characters', `/decision ${'x'.repeat(2001)}`, /2001 characters long; at most 2000/],
  ])('answers a decision with %s by naming the problem, storing nothing', async (_label, text, expected) => {
    const chat = aMeetingChat();
    const sent = await say(chat, people.sara, text);
    expect(sent[0]!.text).toMatch(expected);
    expect(await decisionsOf(chat)).toHaveLength(0);
  });

  it('explains in Swedish when the locale is Swedish', async () => {
    const sent = await say(aMeetingChat(), people.sara, '/beslut', { locale: 'sv-SE' });
    expect(sent[0]!.text).toMatch(/Fältet beslutstext är tomt\. Exempel: \/beslut /);
  });

  it('says that a decision needs a meeting in a chat that is not one', async () => {
    const sent = await say(aGroupChat(), people.sara, '/decision Utanför möte');
    expect(sent[0]!.text).toMatch(/Decisions belong to a meeting/);
  });

  it('ignores chatter in the meeting chat and works without an @mention', async () => {
    const chat = aMeetingChat();
    expect(await say(chat, people.hakan, 'Hej allihop, hörs jag?', { mentionBot: false })).toHaveLength(0);
    expect(await say(chat, people.hakan, 'decision utan snedstreck', { mentionBot: false })).toHaveLength(0);
    const sent = await say(chat, people.sara, '/decision Utan omnämnande', { mentionBot: false });
    expect(lastCardText(sent)).toContain('Decision §1');
  });

  it('takes a command word without slash from Teams’ command menu when the bot is @mentioned', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/decision Ett');
    expect(lastCardText(await say(chat, people.sara, 'decisions'))).toContain('Ett');
  });
});

describe('/decisions', () => {
  it('lists the meeting’s decisions in order, with an empty state first', async () => {
    const chat = aMeetingChat();
    expect(lastCardText(await say(chat, people.hakan, '/decisions'))).toContain('No decisions recorded in this meeting yet.');
    await say(chat, people.sara, '/decision Första');
    await say(chat, people.sara, '/decision Andra');
    const text = lastCardText(await say(chat, people.hakan, '/beslutslista', { locale: 'sv-SE' }));
    expect(text).toContain('Beslut i detta möte');
    expect(text.indexOf('Första')).toBeLessThan(text.indexOf('Andra'));
    expect(text).toContain('§1');
    expect(text).toContain('§2');
  });
});

describe('Undo', () => {
  it('retracts the decision: kept with its number, shown retracted to the presser and to everyone', async () => {
    const chat = aMeetingChat();
    const sent = await say(chat, people.sara, '/decision Fel beslut');
    const card = cardOf(sent[0]) as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
    const undo = card.actions.find((a) => a.verb === 'decision.retract')!;
    // Teams names the message that holds the pressed card: the one the connector gave the decision card.
    const cardMessage = h.teams.cardMessageId(chat.conversationId, undo.verb);
    expect(cardMessage).toBeDefined();
    const press = aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: undo.verb, data: undo.data, replyToId: cardMessage });

    const res = await postActivity(h.app, press);
    expect(res.status).toBe(200);
    const response = res.body as { statusCode: number; type: string; value: unknown };
    expect(response.statusCode).toBe(200);
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(response.value)).toContain('Retracted');
    expect(cardText(response.value)).not.toContain('Undo');
    const update = h.teams.updates();
    expect(update).toHaveLength(1);
    expect(update[0]!.path).toBe(`/v3/conversations/${chat.conversationId}/activities/${cardMessage}`);
    expect(cardText(cardOf(update[0]!.body as Record<string, unknown>))).toContain('Retracted by Sara Herrman');

    // The same press again changes nothing; the next decision takes §2, not §1.
    expect((await postActivity(h.app, press)).status).toBe(200);
    await say(chat, people.sara, '/decision Rätt beslut');
    const stored = await decisionsOf(chat);
    expect(stored.map((d) => [d.number, d.status])).toEqual([
      [1, 'retracted'],
      [2, 'active'],
    ]);
    const list = lastCardText(await say(chat, people.sara, '/decisions'));
    expect(list).toMatch(/1 in force, 1 retracted/);
  });

  it('refuses an attendee’s Undo and leaves the decision in force', async () => {
    const chat = aMeetingChat();
    const sent = await say(chat, people.sara, '/decision Står fast');
    const undo = (cardOf(sent[0]) as { actions: Array<{ verb: string; data: Record<string, unknown> }> }).actions[0]!;
    const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.hakan, verb: undo.verb, data: undo.data }));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String((res.body as { value: string }).value)).toMatch(/Only the meeting's organizer/);
    expect((await decisionsOf(chat))[0]!.status).toBe('active');
    expect(h.teams.updates()).toHaveLength(0);
  });

  it('answers damaged card data with a clear message', async () => {
    const chat = aMeetingChat();
    const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: 'decision.retract', data: { cardId: 42 } }));
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(String((res.body as { value: string }).value)).toMatch(/card's data is incomplete: cardId/);
  });
});

describe('/secretary', () => {
  it('lets the organizer appoint an attendee by @mention, who may then record', async () => {
    const chat = aMeetingChat();
    const appointed = await say(chat, people.sara, `/secretary <at>${people.hakan.name}</at>`, { mentions: [people.hakan] });
    expect(lastCardText(appointed)).toContain('Håkan Sundberg is the secretary of this meeting');
    expect(lastCardText(await say(chat, people.hakan, '/decision Sekreteraren antecknar'))).toContain('Decision §1');
    // Others still cannot, and are told who the secretary is.
    const refused = await say(chat, people.pia, '/decision Inte jag');
    expect(refused[0]!.text).toMatch(/The secretary of this meeting is Håkan Sundberg/);
  });

  it('appoints by a typed name that matches one member, folding case and accents', async () => {
    const chat = aMeetingChat();
    expect(lastCardText(await say(chat, people.sara, '/sekreterare hakan SUNDBERG', { locale: 'sv-SE' }))).toContain('Håkan Sundberg är sekreterare');
  });

  it('asks the organizer to choose when a name matches several people, and the choice appoints', async () => {
    const chat = aMeetingChat();
    const sent = await say(chat, people.sara, '/secretary Carlsson');
    const card = cardOf(sent[0]) as { actions: Array<{ title: string; verb: string; data: Record<string, unknown> }> };
    expect(card.actions.map((a) => a.title).sort()).toEqual(['Fredric Carlsson', 'Pia Carlsson']);
    const pia = card.actions.find((a) => a.title === 'Pia Carlsson')!;
    const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: pia.verb, data: pia.data }));
    expect(cardText((res.body as { value: unknown }).value)).toContain('Pia Carlsson is the secretary');
    expect(lastCardText(await say(chat, people.pia, '/decision Pia antecknar'))).toContain('Decision §1');
  });

  it('refuses an attendee who tries to appoint, and an unknown name', async () => {
    const chat = aMeetingChat();
    expect((await say(chat, people.hakan, '/secretary Håkan Sundberg'))[0]!.text).toMatch(/Only the meeting's organizer can appoint/);
    expect((await say(chat, people.sara, '/secretary Nobody Here'))[0]!.text).toMatch(/Nobody called “Nobody Here” is in this chat/);
  });
});
