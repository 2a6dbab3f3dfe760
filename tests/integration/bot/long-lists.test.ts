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

it('replaces a reply larger than a Teams message (a roster of 80 members) by a short one that says where to read it, instead of failing the turn', async () => {
  const chat = aGroupChat();
  const many = Array.from({ length: 80 }, (_, i) => ({
    id: `29:1Ledamot${i}`,
    name: `Ledamot ${i} Förnamn-Efternamn-Dubbelnamn från Kommunen`,
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    email: `ledamot.${i}@kommun${i}.se`,
    tenantId: people.sara.tenantId,
  }));
  h.teams.members = [people.sara, ...many];
  try {
    expect(cardText(cardOf((await say(chat, '/setup Stora rådet'))[0]))).toContain('Stora rådet');
    const replies = await say(chat, '/members');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe('This answer is longer than one Teams message can hold, so it is not shown here. Open Rådslag’s tab in this chat to read all of it.');
    expect(h.teams.requests.filter((r) => r.status === 413)).toEqual([]);
  } finally {
    h.teams.members = [people.sara, people.hakan];
  }
});
