/**
 * /note, /action, /actions with Done, and /adjuster through the real server, botbuilder and store, with a
 * fake Bot Connector standing in for Teams; and the open actions coming back at the group's next meeting.
 */
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { loadConfig } from '../../../src/config';
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

/** From Wednesday 25 November 2026, 10:00 in Stockholm, a millisecond further at each look (appointments are ordered by time). */
const NOW = new Date('2026-11-25T09:00:00.000Z');
let ticks = 0;
const h = useHarness({}, { now: () => new Date(NOW.getTime() + ticks++) });
let store: OpenStore;

beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown>; title?: string };
type CardJson = { body: unknown[]; actions?: Action[] };

beforeEach(() => {
  h.teams.clear();
  h.teams.meetingInfo = 404;
  h.teams.members = [people.sara, people.hakan, people.titti, people.pia, people.fredric];
  h.teams.defaultRoles.clear();
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  h.teams.defaultRoles.set(people.titti.aadObjectId, 'Presenter');
  h.teams.defaultRoles.set(people.hakan.aadObjectId, 'Attendee');
  h.teams.defaultRoles.set(people.pia.aadObjectId, 'Attendee');
});

const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const textOf = (a: Record<string, unknown>) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)));
const lastText = async (chat: Chat, from: Person, text: string, locale = 'en-US') => textOf((await say(chat, from, text, locale)).at(-1)!);
const press = async (chat: Chat, from: Person, action: Action) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: action.data, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
/** Every Action.Execute of a card, wherever it sits (card actions or an ActionSet in the body). */
const executesOf = (c: unknown): Action[] => {
  const found: Action[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push(o as unknown as Action);
      Object.values(o).forEach(walk);
    }
  };
  walk(c);
  return found;
};
const repos = () => createRepositories(store);
const meetingOf = async (chat: Chat) => (await repos().meetings.findByTeamsId(TENANT, chat.meetingId!))!;

describe('/note', () => {
  it('attaches the note to the agenda item in progress', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/start');
    await say(chat, people.sara, '/next');
    const text = await lastText(chat, people.sara, '/note Budgeten presenteras nästa gång');
    expect(text).toContain('Note');
    expect(text).toContain('Budgeten presenteras nästa gång');
    expect(text).toMatch(/Item 2 · Recorded by Sara Herrman/);
    const notes = await repos().notes.listForMeeting(TENANT, (await meetingOf(chat)).id);
    expect(notes.map((n) => [n.agendaItem, n.text, n.recordedBy.name])).toEqual([[2, 'Budgeten presenteras nästa gång', 'Sara Herrman']]);
  });

  it('stores a redelivered message once, and takes the Swedish /anteckning', async () => {
    const chat = aMeetingChat();
    const message = aMessage({ serviceUrl: h.serviceUrl, chat, from: people.titti, text: '/anteckning Protokollet läggs till handlingarna', locale: 'sv-SE', id: 'note-activity-1' });
    await postActivity(h.app, message);
    await postActivity(h.app, message);
    expect(cardText(cardOf(h.teams.sent().at(-1)))).toContain('Antecknat av Titti Andersson');
    expect(await repos().notes.listForMeeting(TENANT, (await meetingOf(chat)).id)).toHaveLength(1);
  });

  it('refuses an attendee and stores nothing', async () => {
    const chat = aMeetingChat();
    const text = await lastText(chat, people.hakan, '/note Jag vill också anteckna');
    expect(text).toContain("Only the meeting's organizer, its presenters and the appointed secretary can record notes here. Nothing was stored.");
    expect(await repos().notes.listForMeeting(TENANT, (await meetingOf(chat)).id)).toEqual([]);
  });

  it('explains an empty note with an example', async () => {
    const chat = aMeetingChat();
    expect(await lastText(chat, people.sara, '/note')).toMatch(/The note is empty\. Example: \/note /);
  });
});

describe('/action and /actions', () => {
  it('records an action with owner and due date, lists it, and Done marks it done once', async () => {
    const chat = aMeetingChat();
    const sent = await say(chat, people.sara, '/action Skicka direktivet till ledamöterna owner: Håkan Sundberg due: 2027-03-18');
    const recorded = cardOf(sent.at(-1)) as CardJson;
    expect(cardText(recorded)).toMatch(/Action[\s\S]*Skicka direktivet till ledamöterna[\s\S]*Owner[\s\S]*Håkan Sundberg[\s\S]*Due[\s\S]*2027-03-18/);
    await say(chat, people.sara, '/action Boka lokal till mars');

    const list = cardOf((await say(chat, people.hakan, '/actions')).at(-1)) as CardJson;
    const listText = cardText(list);
    expect(listText).toContain('Open actions');
    expect(listText.indexOf('Skicka direktivet')).toBeLessThan(listText.indexOf('Boka lokal'));

    const done = executesOf(recorded).find((a) => a.title === 'Done')!;
    expect(done.data).toMatchObject({ cardId: expect.any(String), actionId: expect.any(String) });
    const first = await press(chat, people.titti, done);
    expect(cardText(first.value)).toContain('Done by Titti Andersson');
    const [stored] = (await repos().actions.listOpen(TENANT, { meetingId: (await meetingOf(chat)).id })).filter((a) => a.text.startsWith('Skicka'));
    expect(stored).toBeUndefined();
    const after = await repos().actions.get(TENANT, String(done.data.actionId));
    // The same press again (Teams retries) and a later press by someone else change nothing.
    await press(chat, people.titti, done);
    await press(chat, people.sara, done);
    expect(await repos().actions.get(TENANT, String(done.data.actionId))).toEqual(after);
    expect(after).toMatchObject({ status: 'done', doneBy: { name: 'Titti Andersson' }, owner: 'Håkan Sundberg', due: '2027-03-18' });

    expect(cardText(cardOf((await say(chat, people.sara, '/actions')).at(-1)))).not.toContain('Skicka direktivet');
  });

  it('explains a due date that is not in the calendar with an example, and stores nothing', async () => {
    const chat = aMeetingChat();
    const text = await lastText(chat, people.sara, '/action Skicka direktivet due: 2027-02-30');
    expect(text).toContain('“2027-02-30” is not a valid due date. Dates are written YYYY-MM-DD');
    expect(text).toContain('Example: /action Send the revised directive to the members owner: Sara Herrman due: 2027-03-18');
    const sv = await lastText(chat, people.sara, '/åtgärd Skicka direktivet senast: fredag', 'sv-SE');
    expect(sv).toContain('Exempel: /åtgärd');
    // Refused as typed, before anything is looked up: not even the meeting was created.
    expect(await repos().meetings.findByTeamsId(TENANT, chat.meetingId!)).toBeUndefined();
  });

  it('refuses an attendee’s action and an attendee’s Done, but lets the owner mark it done', async () => {
    const chat = aMeetingChat();
    expect(await lastText(chat, people.pia, '/action Jag gör det owner: Pia Carlsson')).toContain('can record actions here. Nothing was stored.');
    const recorded = cardOf((await say(chat, people.sara, '/action Ta fram underlag ansvarig: Håkan Sundberg'))[0]) as CardJson;
    const done = executesOf(recorded)[0]!;
    const refused = await press(chat, people.pia, done);
    expect(refused).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Only the action\'s owner') });
    expect((await repos().actions.get(TENANT, String(done.data.actionId)))!.status).toBe('open');
    // Håkan is an attendee, but the action is his.
    expect(cardText((await press(chat, people.hakan, done)).value)).toContain('Done by Håkan Sundberg');
  });

  it('takes the Swedish /åtgärd with ansvarig: and senast:, and /åtgärder lists it', async () => {
    const chat = aMeetingChat();
    const text = await lastText(chat, people.sara, '/åtgärd Uppdatera riskregistret ansvarig: Titti Andersson senast: 2027-01-15', 'sv-SE');
    expect(text).toMatch(/Åtgärd[\s\S]*Uppdatera riskregistret[\s\S]*Ansvarig[\s\S]*Titti Andersson[\s\S]*Senast[\s\S]*2027-01-15/);
    expect(await lastText(chat, people.hakan, '/åtgärder', 'sv-SE')).toMatch(/Öppna åtgärder[\s\S]*Uppdatera riskregistret/);
  });
});

describe('open actions at the group’s next meeting', () => {
  it('come back after the agenda when the next meeting starts, until marked done', async () => {
    const group = aGroupChat();
    const name = `E-råd Dalsland ${Date.now()}`;
    await say(group, people.sara, `/setup ${name}`);
    const first = aMeetingChat();
    await say(first, people.sara, `/setup ${name}`);
    await say(first, people.sara, '/action Förankra scenarierna owner: Sara Herrman due: 2026-12-17');

    const second = aMeetingChat();
    await say(second, people.sara, `/setup ${name}`);
    // An action of this meeting itself is not "carried over".
    await say(second, people.sara, '/action Ny sak från idag');
    const started = await say(second, people.sara, '/start');
    const carried = started.at(-1)!;
    expect(cardText(cardOf(started[0]))).toContain('Agenda');
    expect(cardText(cardOf(carried))).toMatch(/Open actions from earlier meetings \(under item 1\)[\s\S]*Förankra scenarierna/);
    expect(cardText(cardOf(carried))).not.toContain('Ny sak från idag');
    // /start again posts nothing new.
    expect((await say(second, people.sara, '/start')).filter((a) => cardOf(a) && cardText(cardOf(a)).includes('earlier meetings'))).toEqual([]);

    // Done from the carried-over list: the list answers without it.
    const done = executesOf(cardOf(carried))[0]!;
    expect(cardText((await press(second, people.sara, done)).value)).not.toContain('Förankra scenarierna');
    const third = aMeetingChat();
    await say(third, people.sara, `/setup ${name}`);
    const next = await say(third, people.sara, '/start');
    expect(next.map((a) => cardText(cardOf(a))).join('\n')).toMatch(/earlier meetings[\s\S]*Ny sak från idag/);
    expect(next.map((a) => cardText(cardOf(a))).join('\n')).not.toContain('Förankra scenarierna');
  });
});

describe('/adjuster', () => {
  it('appoints by name or @mention, Swedish too, and refuses an attendee', async () => {
    const chat = aMeetingChat();
    expect(await lastText(chat, people.sara, '/adjuster Håkan Sundberg')).toContain('Håkan Sundberg is the adjuster of this meeting');
    const meeting = await meetingOf(chat);
    expect((await repos().adjusters.current(TENANT, meeting.id))?.person.name).toBe('Håkan Sundberg');
    // The secretary is a separate appointment.
    expect(await repos().secretaries.current(TENANT, meeting.id)).toBeUndefined();

    const sent = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/justerare <at>Titti Andersson</at>', mentions: [people.titti], locale: 'sv-SE' }));
    expect(sent.status).toBe(200);
    expect(cardText(cardOf(h.teams.sent().at(-1)))).toContain('Titti Andersson är justerare för mötet');
    expect((await repos().adjusters.current(TENANT, meeting.id))?.person.id).toBe(people.titti.id);

    expect(await lastText(chat, people.hakan, '/adjuster Pia Carlsson')).toContain("Only the meeting's organizer can appoint");
    expect((await repos().adjusters.current(TENANT, meeting.id))?.person.id).toBe(people.titti.id);
  });

  it('asks to choose when a name matches several people, and the choice appoints', async () => {
    const chat = aMeetingChat();
    const choose = cardOf((await say(chat, people.sara, '/adjuster Carlsson')).at(-1)) as CardJson;
    expect(cardText(choose)).toContain('Who should be the adjuster?');
    const fredric = choose.actions!.find((a) => a.title === 'Fredric Carlsson')!;
    expect(cardText((await press(chat, people.sara, fredric)).value)).toContain('Fredric Carlsson is the adjuster');
    expect((await repos().adjusters.current(TENANT, (await meetingOf(chat)).id))?.person.name).toBe('Fredric Carlsson');
  });
});

describe('/minutes and its approval', () => {
  const cardIn = (sent: Array<Record<string, unknown>>) => cardOf([...sent].reverse().find((a) => cardOf(a))) as CardJson;

  it('tells an attendee who makes the minutes before there are any, and explains words it does not take', async () => {
    const chat = aMeetingChat();
    expect(await lastText(chat, people.hakan, '/minutes')).toContain('No minutes have been made for this meeting yet: the secretary or the organizer makes them with /minutes.');
    expect(await lastText(chat, people.sara, '/minutes please')).toContain('/minutes takes no text, or “send”. You wrote “please”.');
    expect(await lastText(chat, people.sara, '/protokoll skicka', 'sv-SE')).toContain('Ingen justerare är utsedd för mötet.');
    // Refused requests store nothing.
    expect(await repos().minutes.latest(TENANT, (await meetingOf(chat)).id)).toBeUndefined();
  });

  it('stores one version while nothing changes, and a new one when something does', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/note Första anteckningen');
    expect(cardText(cardIn(await say(chat, people.sara, '/minutes')))).toContain('Version 1 · draft');
    expect(cardText(cardIn(await say(chat, people.sara, '/minutes')))).toContain('Version 1 · draft');
    // An attendee may read the latest version, not make one.
    expect(cardText(cardIn(await say(chat, people.hakan, '/minutes')))).toContain('Version 1 · draft');
    await say(chat, people.sara, '/note Andra anteckningen');
    expect(cardText(cardIn(await say(chat, people.sara, '/minutes')))).toContain('Version 2 · draft');
  });

  it('lets the adjuster ask for changes with a note; the next send makes a new version, and the old card cannot approve it', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/adjuster Håkan Sundberg');
    await say(chat, people.sara, '/decision Rådet godkänner planen');
    const first = cardIn(await say(chat, people.sara, '/minutes send'));
    const [approve, changes] = executesOf(first);
    const asked = await press(chat, people.hakan, { ...changes!, data: { ...changes!.data, note: 'Punkt 2: nämn arbetsgruppen' } });
    expect(cardText(asked.value)).toContain('Håkan Sundberg asked for changes');
    expect(cardText(asked.value)).toContain('Punkt 2: nämn arbetsgruppen');
    const meetingId = (await meetingOf(chat)).id;
    expect(await repos().minutes.latest(TENANT, meetingId)).toMatchObject({ version: 1, status: 'changesRequested', changesNote: 'Punkt 2: nämn arbetsgruppen' });
    // Approve on the same card now: refused, the version is no longer waiting.
    expect(JSON.stringify((await press(chat, people.hakan, approve!)).value)).toContain('Version 1 is not waiting for approval');

    await say(chat, people.sara, '/decision Arbetsgruppen leds av Titti Andersson');
    const second = cardIn(await say(chat, people.sara, '/minutes send'));
    expect(cardText(second)).toContain('Version 2 · sent for approval');
    const [approve2] = executesOf(second);
    expect(cardText((await press(chat, people.hakan, approve2!)).value)).toContain('Approved. Version 2 is locked');
    // Sending again without a change: refused, nothing new.
    expect(await lastText(chat, people.sara, '/minutes send')).toContain('Version 2 of the minutes is approved and nothing has changed since. Nothing was sent.');
    expect((await repos().minutes.latest(TENANT, meetingId))!.version).toBe(2);
  });

  it('refuses an approval card from another meeting, and card data that is not a version', async () => {
    const a = aMeetingChat();
    await say(a, people.sara, '/adjuster Håkan Sundberg');
    const sent = cardIn(await say(a, people.sara, '/minutes send'));
    const [approve] = executesOf(sent);
    const b = aMeetingChat();
    await say(b, people.sara, '/adjuster Håkan Sundberg');
    expect(JSON.stringify((await press(b, people.hakan, approve!)).value)).toContain("This card's minutes are not among this meeting's");
    // A version id that is not one: the card's data is named as wrong, with the field, and nothing is approved.
    const garbled = (await press(a, people.hakan, { ...approve!, data: { cardId: approve!.data.cardId, versionId: 42 } })).value;
    expect(garbled).toEqual(expect.stringMatching(/^This card's data is incomplete: versionId: .+\. Send the command again for a fresh card\.$/));
    expect((await repos().minutes.latest(TENANT, (await meetingOf(a)).id))!.status).toBe('sent');
  });
});
