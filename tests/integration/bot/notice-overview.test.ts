/**
 * The notice as a live overview, through the real bot and the fake Bot Connector: the card in the chat is
 * updated in place (same activity id) whether an answer came on the card or through a personal link; the
 * organizer's own view (per-user refresh) names who answered what, with notes and substitutes, and who
 * has not answered, while a member's does not; the remind button sends links only to those who have not
 * answered and are not in the chat; a second /notice asks first. Without Graph: links go in one-to-one chats.
 */
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { cardOf, cardText, type FakeMember } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

const NOW = new Date('2026-11-25T09:00:00.000Z');
const BASE = 'http://radslag.example.org';
const h = useHarness({ PUBLIC_BASE_URL: BASE }, { now: () => NOW });
let store: OpenStore;
beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());

/** A member from the host tenant who is on the roster but will not be in the chat. */
const pia: FakeMember = { id: '29:1PiaCarlssonQrs', name: 'Pia Carlsson', aadObjectId: '3e5a7c9b-1d2f-4a6c-8e0b-2c4d6f8a0b44', email: 'pia@amal.se', tenantId: TENANT };

type Action = { type: string; verb: string; title: string; data: Record<string, unknown> };
type CardJson = { body: unknown[]; actions?: Action[]; refresh?: { action: Action; userIds: string[] } };

const repos = () => createRepositories(store);
const say = async (chat: Chat, from: FakeMember, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const press = async (chat: Chat, from: FakeMember, action: Action, inputs: Record<string, unknown> = {}, replyToId?: string) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, ...(replyToId ? { replyToId } : {}) }));
  expect(res.status).toBe(200);
  return (res.body as { value: CardJson }).value;
};
const actionOf = (c: CardJson, verb: string, which = 0) => c.actions!.filter((a) => a.verb === verb)[which]!;
/** The personal link in each one-to-one card since `from`, by the id Teams was given. */
const linksSince = (from: number) =>
  new Map(
    h.teams
      .direct()
      .slice(from)
      .flatMap((d) => {
        const url = (cardOf(d.activity)?.actions as Array<{ type: string; url?: string }> | undefined)?.find((a) => a.type === 'Action.OpenUrl')?.url;
        return url?.startsWith(`${BASE}/p/`) ? [[d.memberId, url.slice(`${BASE}/p/`.length)] as const] : [];
      }),
  );

let n = 0;
/** A group set up with Sara (organizer), Håkan, Titti and Pia; a meeting booked; then only Sara and Håkan are in the chat. */
async function aNotice() {
  const chat = aGroupChat();
  const name = `E-råd Översikt ${++n}`;
  h.teams.members = [people.sara, people.hakan, people.titti, pia];
  await say(chat, people.sara, `/setup ${name}`);
  await say(chat, people.sara, `/schedule 2027-02-10 09:00-12:00 ${name}`);
  h.teams.members = [people.sara, people.hakan];
  const group = await repos().groups.findByName(TENANT, name);
  const [meeting] = await repos().meetings.listByGroup(TENANT, group!.id, '2027-01-01', '2028-01-01');
  h.teams.clear();
  const directBefore = h.teams.direct().length;
  const posted = await say(chat, people.sara, '/notice');
  const card = cardOf(posted[0]) as CardJson;
  const activityId = h.teams.sentIds()[0]!;
  return { chat, name, meetingId: meeting!.id, card, activityId, links: linksSince(directBefore), posted };
}

describe('the notice as a live overview', () => {
  it('sends links only to members outside the chat, and a card (its button the link), never the address as text', async () => {
    const { links, posted } = await aNotice();
    expect([...links.keys()].sort()).toEqual([people.titti.aadObjectId, pia.aadObjectId].sort());
    expect(JSON.stringify(posted)).not.toContain('/p/');
    for (const d of h.teams.direct()) expect(typeof d.activity.text === 'string' ? d.activity.text : '').not.toContain('/p/');
  });

  it('updates the chat’s card in place for a card answer and a link answer, and names them on the organizer’s view only', async () => {
    const { chat, meetingId, card, activityId, links } = await aNotice();
    // The refresh lists the organizer first, so the detailed view reaches her.
    expect(card.refresh!.userIds[0]).toBe(people.sara.id);

    // Håkan cannot attend and names a substitute, on the card.
    const mine = await press(chat, people.hakan, actionOf(card, 'notice.answer', 1), { note: 'Krockar med KS', substitute: 'Per Ersatt' }, activityId);
    expect(cardText(mine)).toContain('Your answer: I can’t attend (Krockar med KS) · substitute: Per Ersatt');
    let put = h.teams.updates().at(-1)!;
    expect(put.path).toBe(`/v3/conversations/${chat.conversationId}/activities/${activityId}`);
    expect(cardText(cardOf(put.body as Record<string, unknown>))).toContain('0 attending, 1 excused, 3 not answered yet');

    // Titti answers through her personal link: the same card is updated in place.
    const updatesBefore = h.teams.updates().length;
    const res = await fetch(`${h.app.url}/p/${links.get(people.titti.aadObjectId)!}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'notice', attending: 'yes', note: 'Kommer från Vänersborg' }).toString(),
    });
    expect(res.status).toBe(200);
    expect(h.teams.updates()).toHaveLength(updatesBefore + 1);
    put = h.teams.updates().at(-1)!;
    expect(put.path).toBe(`/v3/conversations/${chat.conversationId}/activities/${activityId}`);
    const shared = cardOf(put.body as Record<string, unknown>) as CardJson;
    expect(cardText(shared)).toContain('1 attending, 1 excused, 2 not answered yet');
    // Everyone's copy has counts, no names.
    expect(cardText(shared)).not.toContain('Titti Andersson');

    // The organizer's view: who answered what, how, and who has not answered.
    const saras = cardText(await press(chat, people.sara, shared.refresh!.action, {}, activityId));
    expect(saras).toContain('Titti Andersson — Kommer från Vänersborg · through a personal link');
    expect(saras).toContain('Håkan Sundberg — Krockar med KS · substitute: Per Ersatt');
    expect(saras.slice(saras.indexOf('Not answered yet'))).toEqual(expect.stringMatching(/Pia Carlsson[\s\S]*Sara Herrman|Sara Herrman[\s\S]*Pia Carlsson/));
    expect(saras).toContain('Remind those who have not answered');
    // A member's view: their own answer, nobody else's.
    const hakans = cardText(await press(chat, people.hakan, shared.refresh!.action, {}, activityId));
    expect(hakans).not.toContain('Titti Andersson');
    expect(hakans).not.toContain('Remind those who have not answered');

    // The meeting page's data has the names and the substitute too.
    const answers = await repos().answers.notices(TENANT, meetingId);
    expect(answers.map((a) => [a.person.name, a.attending, a.substitute ?? null, a.via])).toEqual([
      ['Håkan Sundberg', false, 'Per Ersatt', 'card'],
      ['Titti Andersson', true, null, 'link'],
    ]);
  });

  it('reminds only those who have not answered and are not in the chat; a member may not press it', async () => {
    const { chat, card, activityId } = await aNotice();
    // Titti answers on the card (she may, wherever she is): only Pia is left outside the chat.
    await press(chat, people.titti, actionOf(card, 'notice.answer', 0), {}, activityId);
    const saras = await press(chat, people.sara, card.refresh!.action, {}, activityId);
    const remind = actionOf(saras, 'notice.remind');

    const directBefore = h.teams.direct().length;
    // Refused as a message (not a card), and nothing sent.
    const refused = await press(chat, people.hakan, remind, {}, activityId);
    expect(typeof refused).toBe('string');
    expect(h.teams.direct()).toHaveLength(directBefore);

    await press(chat, people.sara, remind, {}, activityId);
    const sent = linksSince(directBefore);
    expect([...sent.keys()]).toEqual([pia.aadObjectId]);
    expect(h.teams.sent().at(-1)!.text).toBe('Personal links: 0 by e-mail, 1 in a private chat with the bot. 2 in this chat answer on the card.');

    // Pia cannot come and names a substitute on her page: the organizer sees it on the card.
    const page = await fetch(`${h.app.url}/p/${sent.get(pia.aadObjectId)!}?lang=en`);
    const html = await page.text();
    expect(html).toContain('E-råd Översikt');
    expect(html).toContain('Wednesday 2027-02-10, 09:00–12:00');
    expect(html).toContain('<h2>Agenda</h2>');
    const res = await fetch(`${h.app.url}/p/${sent.get(pia.aadObjectId)!}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'notice', attending: 'no', substitute: 'Lars Lind' }).toString(),
    });
    expect(res.status).toBe(200);
    const shared = cardOf(h.teams.updates().at(-1)!.body as Record<string, unknown>) as CardJson;
    expect(cardText(await press(chat, people.sara, shared.refresh!.action, {}, activityId))).toContain('Pia Carlsson · substitute: Lars Lind · through a personal link');
  });

  it('asks before a second notice: nothing is sent until the organizer chooses', async () => {
    const { chat } = await aNotice();
    const directBefore = h.teams.direct().length;
    const posted = await say(chat, people.sara, '/notice');
    expect(posted).toHaveLength(1);
    const confirm = cardOf(posted[0]) as CardJson;
    expect(cardText(confirm)).toContain('The notice has already gone out');
    expect(h.teams.direct()).toHaveLength(directBefore);

    const done = await press(chat, people.sara, actionOf(confirm, 'notice.send'));
    expect(cardText(done)).toContain('The notice was sent again.');
    const again = h.teams.sent().map((a) => cardOf(a) as CardJson | undefined).filter((c) => c?.actions?.some((a) => a.verb === 'notice.answer'));
    expect(again.length).toBeGreaterThanOrEqual(2);
    expect(linksSince(directBefore).size).toBe(2);
  });
});

describe('who has not answered is for editors only', () => {
  /** A member from a neighbouring municipality's tenant: the bot may not message her, and she has no e-mail it may use. */
  const eva: FakeMember = { id: '29:1EvaGrannAbc', name: 'Eva Grann', aadObjectId: '8b0d2f4a-6c8e-4a1b-9d3f-5e7a9c1b3d66', email: 'eva@grannkommun.se', tenantId: '2c4e6a8b-2222-4d6f-8a0c-1e3b5d7f9a11' };

  it('tells the chat, and the shared card after a reminder, counts only; the names go to the sender privately', async () => {
    const chat = aGroupChat();
    const name = `E-råd Översikt ${++n}`;
    h.teams.members = [people.sara, people.hakan, pia, eva];
    await say(chat, people.sara, `/setup ${name}`);
    await say(chat, people.sara, `/schedule 2027-02-10 09:00-12:00 ${name}`);
    // Eva stays in the chat, but as a guest from another tenant she cannot be given a link there or privately.
    h.teams.members = [people.sara, people.hakan, eva];
    h.teams.clear();
    const directBefore = h.teams.direct().length;
    const posted = await say(chat, people.sara, '/notice');
    const report = posted.at(-1)!.text as string;
    expect(report).toContain('1 could not be reached');
    expect(JSON.stringify(posted)).not.toMatch(/Eva|Grann|Pia/);
    const toSara = h.teams.direct().slice(directBefore).filter((d) => d.memberId === people.sara.id);
    expect(cardText(cardOf(toSara[0]!.activity))).toContain('No link could be sent to Eva Grann');

    // A second /notice offers the reminder; pressed there, its shared card says how many, not who.
    const confirm = cardOf((await say(chat, people.sara, '/notice'))[0]) as CardJson;
    const sentBefore = h.teams.sent().length;
    const remindedBefore = h.teams.direct().length;
    const done = await press(chat, people.sara, actionOf(confirm, 'notice.remind'));
    expect(cardText(done)).toContain('1 could not be reached');
    expect(JSON.stringify(done)).not.toMatch(/Eva|Grann|Pia/);
    expect(JSON.stringify(h.teams.sent().slice(sentBefore))).not.toMatch(/Eva|Grann|Pia/);
    const reminded = h.teams.direct().slice(remindedBefore).filter((d) => d.memberId === people.sara.id);
    expect(JSON.stringify(reminded)).toContain('Eva Grann');
  });
});

describe('a card press names a meeting of this chat only', () => {
  const forged = (action: Action, meetingId: string): Action => ({ ...action, data: { ...action.data, meetingId } });

  it('refuses, from another group’s chat, a press with the meeting id of another group’s notice, and tells no names', async () => {
    const a = await aNotice();
    await press(a.chat, people.titti, actionOf(a.card, 'notice.answer', 1), { note: 'Hemligt skäl' }, a.activityId);
    const b = await aNotice();
    const directBefore = h.teams.direct().length;
    for (const verb of ['notice.refresh', 'notice.remind', 'notice.send']) {
      const action = verb === 'notice.refresh' ? b.card.refresh!.action : { type: 'Action.Execute', verb, title: '', data: { ...b.card.refresh!.action.data } };
      const refused = await press(b.chat, people.sara, forged(action, a.meetingId));
      expect(typeof refused).toBe('string');
      expect(JSON.stringify(refused)).not.toMatch(/Titti|Hemligt|Pia|Håkan/);
    }
    expect(h.teams.direct()).toHaveLength(directBefore);
    // An answer is not written into the other group's meeting either.
    expect(typeof (await press(b.chat, people.hakan, forged(actionOf(b.card, 'notice.answer', 0), a.meetingId)))).toBe('string');
    expect((await repos().answers.notices(TENANT, a.meetingId)).map((x) => x.person.name)).toEqual(['Titti Andersson']);
  });

  it('refuses the organizer of one group-less meeting a press with another group-less meeting’s id', async () => {
    const chatA = aMeetingChat();
    const chatB = aMeetingChat();
    h.teams.members = [people.sara, people.hakan, people.titti];
    h.teams.setRole(chatA.meetingId!, people.sara.aadObjectId, 'Organizer');
    h.teams.setRole(chatB.meetingId!, people.hakan.aadObjectId, 'Organizer');
    const posted = await say(chatA, people.sara, '/notice');
    const cardA = cardOf(posted.find((x) => cardOf(x))) as CardJson;
    await press(chatA, people.titti, actionOf(cardA, 'notice.answer', 1), { note: 'Hemligt skäl', substitute: 'Per Ersatt' });
    const meetingA = actionOf(cardA, 'notice.answer', 0).data.meetingId as string;
    // Håkan organizes his own meeting: from its chat, he asks for meeting A's answers, reminds, answers.
    await say(chatB, people.hakan, '/notice');
    const directBefore = h.teams.direct().length;
    for (const verb of ['notice.refresh', 'notice.remind', 'checkin.refresh', 'checkin.answer']) {
      const refused = await press(chatB, people.hakan, forged({ ...actionOf(cardA, 'notice.answer', 0), verb }, meetingA));
      expect(typeof refused).toBe('string');
      expect(refused as unknown as string).toMatch(/out of date/);
      expect(JSON.stringify(refused)).not.toMatch(/Titti|Hemligt|Per Ersatt/);
    }
    expect(typeof (await press(chatB, people.hakan, forged(actionOf(cardA, 'notice.answer', 0), meetingA)))).toBe('string');
    expect(h.teams.direct()).toHaveLength(directBefore);
    expect((await repos().answers.notices(TENANT, meetingA)).map((x) => x.person.name)).toEqual(['Titti Andersson']);
    // From its own chat, the organizer still sees the names.
    expect(cardText(await press(chatA, people.sara, forged({ ...actionOf(cardA, 'notice.answer', 0), verb: 'notice.refresh' }, meetingA)))).toContain('Per Ersatt');
  });
});
