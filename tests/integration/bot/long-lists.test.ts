/**
 * Long lists through the bot and the strict fake Bot Connector (which refuses a message over 28 KB, as
 * Teams does): 60 decisions of 400 characters and a register of 100 risks each come as one card that fits,
 * and Show more, pressed until it is gone, reaches every item exactly once.
 */
import { cardOf, cardText, MAX_MESSAGE_BYTES } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

const h = useHarness();
const LONG = 'Digitaliseringsrådet beslutar att gå vidare med den gemensamma e-tjänsteplattformen och uppdrar åt arbetsgruppen att ta fram en tidplan. '.repeat(3).slice(0, 380);
type Card = { actions?: Array<{ verb: string; data: Record<string, unknown> }> };

beforeAll(() => {
  h.teams.members = [people.sara, people.hakan];
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
});

const say = async (chat: Chat, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text }))).status).toBe(200);
  return h.teams.sent().slice(before);
};

/** The list card, then each page Show more gives, as Teams would show them to the presser. */
async function allPages(chat: Chat, command: string): Promise<string[]> {
  const replies = await say(chat, command);
  expect(replies).toHaveLength(1);
  const refused = h.teams.requests.filter((r) => r.status === 413);
  expect(refused).toEqual([]);
  let card = cardOf(replies[0]) as Card;
  const pages = [cardText(card)];
  for (let more = card.actions?.find((a) => a.verb === 'list.more'); more; more = card.actions?.find((a) => a.verb === 'list.more')) {
    expect(pages.length).toBeLessThan(40);
    const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.hakan, verb: more.verb, data: more.data, replyToId: h.teams.cardMessageId(chat.conversationId, more.verb) }));
    expect(res.status).toBe(200);
    const body = res.body as { type: string; value: Card };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    // The page the presser gets is itself within a message's size.
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(MAX_MESSAGE_BYTES);
    card = body.value;
    pages.push(cardText(card));
  }
  return pages;
}

it('lists 60 decisions of 400 characters in cards that Teams accepts, every one reachable', async () => {
  const chat = aMeetingChat();
  for (let i = 1; i <= 60; i++) await say(chat, `/decision Beslut ${i}: ${LONG}`);
  const pages = await allPages(chat, '/decisions');
  expect(pages.length).toBeGreaterThan(1);
  const seen = pages.flatMap((p) => [...p.matchAll(/^§(\d+)$/gm)].map((m) => Number(m[1])));
  expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  // The first card shows the newest.
  expect(pages[0]).toContain('§60');
});

it('lists a register of 100 risks in cards that Teams accepts, highest R first, every one reachable', async () => {
  const chat = aMeetingChat();
  for (let i = 1; i <= 100; i++) expect(cardText(cardOf((await say(chat, `/risk Risk ${i} ${LONG.slice(0, 150)} S=${(i % 5) + 1} K=${((i * 3) % 5) + 1}`))[0]))).toContain(`Risk R${i} recorded`);
  const pages = await allPages(chat, '/risks');
  expect(pages.length).toBeGreaterThan(1);
  const codes = pages.flatMap((p) => [...p.matchAll(/^R(\d+)$/gm)].map((m) => Number(m[1])));
  expect([...codes].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  expect(new Set(codes).size).toBe(100);
});

const eighty = Array.from({ length: 80 }, (_, i) => ({
  id: `29:1Ledamot${i}`,
  name: `Ledamot ${String(i).padStart(2, '0')} Förnamn-Efternamn-Dubbelnamn från Kommunen`,
  aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  email: `ledamot.${i}@kommun${i}.se`,
  tenantId: people.sara.tenantId,
}));

it('shows a roster of 80 members in cards that Teams accepts, every member reachable through Show more', async () => {
  const chat = aGroupChat();
  h.teams.members = [people.sara, ...eighty];
  try {
    expect(cardText(cardOf((await say(chat, '/setup Stora rådet'))[0]))).toContain('Stora rådet');
    const pages = await allPages(chat, '/members');
    expect(pages.length).toBeGreaterThan(1);
    const seen = pages.flatMap((p) => [...p.matchAll(/^Ledamot (\d\d) /gm)].map((m) => m[1]));
    // Each member once as a row (the edit form's choices repeat the page's names: counted once per page).
    expect(new Set(seen).size).toBe(80);
  } finally {
    h.teams.members = [people.sara, people.hakan];
  }
});

it('keeps every reply of a meeting with 80 members and a 25-item agenda within a Teams message', async () => {
  const group = aGroupChat();
  h.teams.members = [people.sara, ...eighty];
  try {
    await say(group, '/setup Mötesrådet');
    const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await say(group, `/schedule ${day} 09:00-16:00 Mötesrådet`);
    for (let i = 0; i < 22; i++) {
      // After the template's items, eight minutes apart: 12:10 to 14:58.
      const minutes = 12 * 60 + 10 + i * 8;
      const at = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const added = await say(group, `/agenda add D ${at} Ärende ${i} om ${LONG.slice(0, 120)} — Sara Herrman`);
      expect(cardText(cardOf(added[0]))).toContain(`Ärende ${i} om`);
    }
    const agenda = cardText(cardOf((await say(group, '/agenda'))[0]));
    // The template's items and the 22 added: 25 or more, the last one on the card.
    expect(agenda).toContain('Ärende 21 om');
    expect(agenda.match(/^\[[IDA]\]$/gm)?.length ?? 0).toBeGreaterThanOrEqual(25);
    for (const command of ['/notice', '/members', '/help', '/attendance', '/actions']) await say(group, command);
    // In the meeting's own chat: the agenda in progress and the attendance of all 80.
    const meeting = aMeetingChat();
    await say(meeting, '/setup Mötesrådet');
    for (const command of ['/start', '/agenda', '/attendance', '/checkin', '/next']) await say(meeting, command);
    expect(cardText(cardOf((await say(meeting, '/attendance'))[0]))).toContain('Ledamot 79');
  } finally {
    h.teams.members = [people.sara, people.hakan];
  }
  // Nothing was refused for its size, and nothing had to be replaced by the short "too long" message.
  expect(h.teams.requests.filter((r) => r.status === 413)).toEqual([]);
  const sent = [...h.teams.sent(), ...h.teams.updates().map((u) => u.body as Record<string, unknown>)];
  expect(sent.length).toBeGreaterThan(25);
  for (const a of sent) {
    expect(Buffer.byteLength(JSON.stringify(a))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(typeof a.text === 'string' ? a.text : '').not.toContain('longer than one Teams message');
  }
});

it('links the decision list and the risk register of a group’s meeting to the tab’s page for them', async () => {
  const group = aGroupChat();
  await say(group, '/setup Länkrådet');
  const meeting = aMeetingChat();
  await say(meeting, '/setup Länkrådet');
  await say(meeting, '/decision Ett beslut att länka');
  const riskReply = cardOf((await say(meeting, '/risk En risk att länka S=2 K=3'))[0]) as { actions?: Array<{ type: string; url?: string }> };
  const attendanceReply = cardOf((await say(meeting, '/attendance'))[0]) as { actions?: Array<{ type: string; url?: string }> };
  const subPage = (c: { actions?: Array<{ type: string; url?: string }> }) =>
    (JSON.parse(new URL(c.actions!.find((a) => a.type === 'Action.OpenUrl')!.url!).searchParams.get('context')!) as { subEntityId: string }).subEntityId;
  const groupId = (await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: group, from: people.sara, text: '/members' })), /"groupId":"([^"]+)"/.exec(JSON.stringify(h.teams.sent().at(-1)))![1]!);
  for (const [command, page] of [
    ['/decisions', 'decisions'],
    ['/risks', 'risks'],
  ] as const) {
    const card = cardOf((await say(meeting, command))[0]) as { actions?: Array<{ type: string; title: string; url?: string }> };
    const open = card.actions?.find((a) => a.type === 'Action.OpenUrl');
    expect(open?.title).toBe('Open in Rådslag');
    const link = new URL(open!.url!);
    expect(link.hostname).toBe('teams.microsoft.com');
    expect(JSON.parse(link.searchParams.get('context')!)).toEqual({ subEntityId: `${page}?group=${groupId}` });
    expect(new URL(link.searchParams.get('webUrl')!).pathname).toBe(`/tab/${page}`);
  }
  // A risk's card leads to that risk's page, the attendance card to the group's attendance.
  expect(subPage(riskReply)).toMatch(new RegExp(`^risks/[0-9a-f-]{36}\\?group=${groupId}$`));
  expect(subPage(attendanceReply)).toBe(`attendance?group=${groupId}`);
});
