/**
 * `/help` starts with what the caller can do in this chat — the organizer's booking flow in a group chat,
 * the secretary's recording in a meeting chat, one's own assessment and the risks in a personal chat —
 * and **Show all** replaces the card with every command.
 */
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aChat, aGroupChat, aMeetingChat, aMessage, people, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

const h = useHarness();
type Action = { type: string; verb: string; data: Record<string, unknown>; title: string };
type CardJson = { body: unknown[]; actions?: Action[] };

beforeEach(() => {
  h.teams.clear();
  h.teams.members = [people.sara, people.hakan];
});

const help = async (chat: Chat, text = '/help', locale = 'en-US') => {
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text, locale }))).status).toBe(200);
  return cardOf(h.teams.sent().at(-1)) as CardJson;
};
/** The command names the card shows, in order. */
const names = (card: CardJson): string[] =>
  JSON.stringify(card)
    .match(/"text":"\/[^"]*","weight":"Bolder"/g)!
    .map((m) => JSON.parse(`{${m}}`) as { text: string })
    .map((m) => m.text);

it('shows the booking flow first in a group chat, short, with Show all', async () => {
  const card = await help(aGroupChat());
  expect(cardText(card)).toContain('In this group chat: book the meetings');
  expect(names(card)).toEqual(['/setup', '/members · /ledamöter', '/preparation · /beredning', '/schedule · /boka', '/notice · /kallelse', '/meetings · /möten', '/help · /hjälp']);
  expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', title: 'Show all', verb: 'help.all' })]);
});

it('shows the secretary’s recording first in a meeting chat, in Swedish', async () => {
  const card = await help(aMeetingChat(), '/hjälp', 'sv-SE');
  expect(cardText(card)).toContain('I det här mötet: för protokollet');
  const shown = names(card);
  for (const name of ['/decision · /beslut', '/note · /anteckning', '/action · /åtgärd', '/risk', '/agenda · /dagordning', '/start · /next · /item <n> (/nästa, /punkt)', '/attendance · /närvaro · /present · /excused · /absent (/närvarande, /förhindrad, /frånvarande)', '/minutes · /protokoll']) {
    expect(shown).toContain(name);
  }
  expect(shown).not.toContain('/setup');
  expect(card.actions![0]!.title).toBe('Visa alla');
});

it('shows one’s own assessment and the risks in a personal chat', async () => {
  const card = await help(aChat({ conversationId: `a:personal-${Date.now()}`, conversationType: 'personal' }));
  expect(names(card)).toEqual(['/assess · /bedöm', '/risks · /risker', '/help · /hjälp']);
});

it('replaces the card with every command on Show all', async () => {
  const chat = aGroupChat();
  const short = await help(chat);
  const showAll = short.actions![0]!;
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: showAll.verb, data: showAll.data, replyToId: h.teams.cardMessageId(chat.conversationId, showAll.verb) }));
  expect(res.status).toBe(200);
  const all = (res.body as { value: CardJson }).value;
  expect(cardText(all)).toContain('Rådslag commands');
  expect(names(all).length).toBeGreaterThan(names(short).length + 10);
  expect(names(all)).toEqual(expect.arrayContaining(['/decision · /beslut', '/setup', '/assess · /bedöm', '/meetings · /möten']));
});
