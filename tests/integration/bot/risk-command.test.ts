/** /risk (text and form card), /risks: the register of the conversation, through the real stack. */
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aChat, aGroupChat, aMeetingChat, aMessage, people, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

const h = useHarness();

beforeEach(() => {
  h.teams.clear();
  h.teams.members = Object.values(people);
  h.teams.defaultRoles.clear();
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  h.teams.defaultRoles.set(people.hakan.aadObjectId, 'Attendee');
});

type Person = (typeof people)[keyof typeof people];
type CardJson = { body: unknown[]; actions?: Array<{ verb: string; data: Record<string, unknown> }> };

const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  const res = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }));
  expect(res.status).toBe(200);
  const sent = h.teams.sent().slice(before);
  expect(sent).toHaveLength(1);
  return sent[0]!;
};

const registerText = async (chat: Chat) => cardText(cardOf(await say(chat, people.sara, '/risks')));

/** The seed's risk table (001): R1–R5 with their S and K. */
const seedRisks = [
  ['Ändrat uppdrag e-samordnarroll från VästKom', 1, 5],
  ['Projektmedlemmar kan inte prioritera att delta i projektet', 4, 3],
  ['Ofullständig information från kommunerna', 3, 4],
  ['Vikande intresse och deltagande mot slutet av förstudien pga., osäkerhet kring förutsättningar för hantering av resultatet', 5, 4],
  ['Svårigheten i att planera långsiktigt under rådande situation', 2, 3],
] as const;

describe('/risk <threat> S= K=', () => {
  it('records the seed’s R4 with R = 20 and numbers risks R1, R2, …', async () => {
    const chat = aMeetingChat();
    const first = cardText(cardOf(await say(chat, people.sara, '/risk Vikande intresse och deltagande mot slutet av förstudien S=5 K=4')));
    expect(first).toContain('Risk R1 recorded');
    expect(first).toContain('Vikande intresse och deltagande mot slutet av förstudien');
    expect(first).toMatch(/R = S×K\n20 \(critical\)/);
    const second = cardText(cardOf(await say(chat, people.sara, '/risk Ofullständig information s=3 k=4', 'sv-SE')));
    expect(second).toContain('Risk R2 registrerad');
    expect(second).toMatch(/12 \(hög\)/);
  });

  it.each([
    ['S out of range', '/risk Hot S=6 K=4', /“6” is not a valid S \(probability\): it must be a whole number from 1 to 5\..*Example: \/risk /s],
    ['K not a whole number', '/risk Hot S=2 K=2.5', /“2.5” is not a valid K \(impact\)/],
    ['K missing', '/risk Hot S=2', /K \(impact\) is missing/],
    ['no threat', '/risk S=2 K=3', /The threat is empty/],
    ['threat too long', `/risk ${'y'.repeat(2001)} S=1 K=1`, /2001 characters long/],
  ])('answers %s with the problem and an example, storing nothing', async (_label, text, expected) => {
    const chat = aMeetingChat();
    expect((await say(chat, people.sara, text)).text).toMatch(expected);
    expect(await registerText(chat)).toContain('The risk register is empty.');
  });

  it('refuses an attendee in a meeting chat and stores nothing', async () => {
    const chat = aMeetingChat();
    expect((await say(chat, people.hakan, '/risk Hot S=2 K=2')).text).toMatch(/can record risks here\. Nothing was stored\./);
    expect(await registerText(chat)).toContain('The risk register is empty.');
  });

  it('takes commands without slash in a personal chat with the bot', async () => {
    const chat: Chat = aChat({ conversationId: 'a:1personal-chat', conversationType: 'personal' });
    const res = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.hakan, text: 'risk Eget register S=2 K=2', mentionBot: false }));
    expect(res.status).toBe(200);
    expect(cardText(cardOf(h.teams.sent().at(-1)))).toContain('Risk R1 recorded');
  });

  it('keeps one register per channel, whichever thread a command comes from', async () => {
    const channel = '19:e-samhalle@thread.tacv2';
    for (const [thread, expected] of [['1001', 'Risk R1 recorded'], ['1002', 'Risk R2 recorded']] as const) {
      const chat: Chat = aChat({ conversationId: `${channel};messageid=${thread}`, conversationType: 'channel' });
      await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.hakan, text: `/risk Tråd ${thread} S=2 K=2` }));
      const reply = h.teams.requests.at(-1)!;
      expect(reply.path).toContain(`${channel};messageid=${thread}`);
      expect(cardText(cardOf(reply.body as Record<string, unknown>))).toContain(expected);
    }
  });

  it('lets anyone keep the register of a chat that is not a meeting', async () => {
    const chat = aGroupChat();
    expect(cardText(cardOf(await say(chat, people.hakan, '/risk Lokalt test S=1 K=2')))).toContain('Risk R1 recorded');
  });
});

describe('/risks', () => {
  it('lists the register highest R first, marking those that need action, separately per conversation', async () => {
    const chat = aMeetingChat();
    for (const [threat, s, k] of seedRisks) await say(chat, people.sara, `/risk ${threat} S=${s} K=${k}`);
    const text = await registerText(chat);
    expect(text).toContain('Risks: 5. Needing action: 0.');
    const order = ['R4', 'R3', 'R2', 'R5', 'R1'].map((code) => text.indexOf(`\n${code}\n`));
    expect(order.every((pos) => pos > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(await registerText(aMeetingChat())).toContain('The risk register is empty.');
  });
});

describe('/risk form', () => {
  const formIn = async (chat: Chat) => {
    const sent = await say(chat, people.sara, '/risk');
    const form = cardOf(sent) as CardJson;
    expect(cardText(form)).toContain('New risk');
    return form.actions![0]!;
  };

  it('stores a risk from the form once, however often the same press arrives, and replaces the form in place', async () => {
    const chat = aMeetingChat();
    const submit = await formIn(chat);
    const inputs = { threat: 'Projektledaren är överbelastad', vulnerability: 'En nyckelperson', consequence: 'Förseningar', S: '4', K: '3', actionNeeded: 'true', action: 'Avlasta', owner: 'Sara' };
    const formMessage = h.teams.cardMessageId(chat.conversationId, submit.verb);
    expect(formMessage).toBeDefined();
    const press = aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: submit.verb, data: { ...submit.data, ...inputs }, replyToId: formMessage });
    const res = await postActivity(h.app, press);
    const response = res.body as { type: string; value: unknown };
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = cardText(response.value);
    for (const expected of ['Risk R1 recorded', 'Projektledaren är överbelastad', 'En nyckelperson', 'Förseningar', 'Avlasta', 'Sara', '12 (high)']) expect(text).toContain(expected);
    expect(h.teams.updates().map((u) => u.path)).toEqual([`/v3/conversations/${chat.conversationId}/activities/${formMessage}`]);

    await postActivity(h.app, press);
    const register = await registerText(chat);
    expect(register).toContain('Risks: 1. Needing action: 1.');
  });

  it('gives the form back with what was typed and what to fix when a field is wrong', async () => {
    const chat = aMeetingChat();
    const submit = await formIn(chat);
    const res = await postActivity(
      h.app,
      aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: submit.verb, data: { ...submit.data, threat: 'Bra text som inte får försvinna', K: '3' }, locale: 'sv-SE' }),
    );
    const form = (res.body as { value: CardJson }).value;
    expect(cardText(form)).toMatch(/Rätta: S \(sannolikhet\) saknas/);
    expect(JSON.stringify(form)).toContain('"value":"Bra text som inte får försvinna"');
    expect(await registerText(chat)).toContain('The risk register is empty.');
    expect(h.teams.updates()).toHaveLength(0);
  });

  it('does not hand a form to an attendee', async () => {
    expect((await say(aMeetingChat(), people.hakan, '/risk')).text).toMatch(/can record risks here/);
  });
});

describe('/risk review', () => {
  it('follows a risk up: keeps the review with its values and note, and the register takes the new R', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/risk Projektmedlemmar kan inte prioritera att delta S=4 K=3');
    const reviewed = cardText(cardOf(await say(chat, people.sara, '/risk review R1 S=2 status=handled Styrgruppen har prioriterat deltagandet')));
    expect(reviewed).toContain('Risk R1 followed up');
    expect(reviewed).toContain('S 4 → 2, K 3 → 3, R 12 → 6');
    expect(reviewed).toContain('Status: handled');
    expect(reviewed).toContain('Styrgruppen har prioriterat deltagandet');
    expect(reviewed).toMatch(/Follow-ups\n.* · S 2, K 3, R 6 · handled · Styrgruppen har prioriterat deltagandet · Sara Herrman/);
    expect(await registerText(chat)).toMatch(/R1\nProjektmedlemmar[\s\S]*\n2\n3\n6/);

    const swedish = cardText(cardOf(await say(chat, people.sara, '/risk uppföljning r1 K=4 Ny bedömning', 'sv-SE')));
    expect(swedish).toContain('S 2 → 2, K 3 → 4, R 6 → 8');
    expect(swedish).toContain('Status: hanterad');
  });

  it.each([
    ['an unknown risk', '/risk review R9 S=2', /That risk is not in this register\..*Example: \/risk review R2/s],
    ['no risk named', '/risk review S=2', /is not a risk in the register: name it as R1, R2/],
    ['a bad status', '/risk review R1 status=fixed', /“fixed” is not a risk status: use open, handled or closed/],
    ['S out of range', '/risk review R1 S=7', /“7” is not a valid S \(probability\)/],
  ])('explains %s and changes nothing', async (_label, text, expected) => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/risk Hot S=3 K=3');
    expect((await say(chat, people.sara, text)).text).toMatch(expected);
    expect(await registerText(chat)).toMatch(/R1\nHot[\s\S]*\n3\n3\n9/);
  });

  it('refuses an attendee', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/risk Hot S=3 K=3');
    expect((await say(chat, people.hakan, '/risk review R1 S=1')).text).toMatch(/can record risks here/);
  });
});
