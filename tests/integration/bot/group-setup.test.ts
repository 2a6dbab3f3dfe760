/** /setup, group roles, the roster card and the group's risk register, through the real stack. */
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

const h = useHarness();
type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown> };

beforeEach(() => {
  h.teams.clear();
  h.teams.members = [people.sara, people.hakan, people.titti];
  h.teams.defaultRoles.clear();
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  h.teams.defaultRoles.set(people.hakan.aadObjectId, 'Presenter');
});

const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  const sent = h.teams.sent().slice(before);
  expect(sent).toHaveLength(1);
  return sent[0]!;
};
const textOf = (activity: Record<string, unknown>) => (typeof activity.text === 'string' ? activity.text : cardText(cardOf(activity)));
let n = 0;
const uniqueName = (base: string) => `${base} ${++n}-${Date.now() % 100000}`;

it('creates the group from the chat’s people with the caller as organizer, keeping the chat’s earlier risks', async () => {
  const chat = aGroupChat();
  const name = uniqueName('E-råd Fyrbodal');
  await say(chat, people.hakan, '/risk Vikande intresse S=5 K=4');
  const setup = textOf(await say(chat, people.sara, `/setup ${name}`));
  expect(setup).toContain(`Group “${name}” is set up`);
  expect(setup).toContain('3 people from this chat are its members; Sara Herrman is its organizer');
  expect(setup).toContain('1 risks kept in this chat moved');
  expect(textOf(await say(chat, people.titti, '/risks'))).toMatch(/R1\nVikande intresse/);

  const roster = textOf(await say(chat, people.hakan, '/ledamöter', 'sv-SE'));
  expect(roster).toContain(`Ledamöter i ${name}`);
  expect(roster).toMatch(/Sara Herrman\nProcessledare/);
  expect(roster).toMatch(/Håkan Sundberg\nLedamot/);
  // A member reads but does not get the form.
  expect(roster).not.toContain('Ändra ett medlemskap');
});

it('refuses a second /setup in the same chat and a name another group has', async () => {
  const chat = aGroupChat();
  const name = uniqueName('Taktisk styrgrupp');
  await say(chat, people.sara, `/setup styrgrupp ${name}`);
  expect(textOf(await say(chat, people.sara, `/setup ${name} igen`))).toContain(`This chat already belongs to the group “${name}”`);
  expect(textOf(await say(aGroupChat(), people.sara, `/setup ${name.toUpperCase()}`))).toContain(`A group called “${name.toUpperCase()}” already exists`);
});

it('lets group roles decide who records: members are refused, managers and the appointed secretary record', async () => {
  const group = aGroupChat();
  const name = uniqueName('E-råd');
  await say(group, people.sara, `/setup ${name}`);
  const meeting = aMeetingChat();
  // Before the meeting is linked, Teams roles decide: Håkan presents, so he may record.
  expect(textOf(await say(meeting, people.hakan, '/decision Före kopplingen'))).toContain('Decision §1');
  expect(textOf(await say(meeting, people.hakan, `/setup ${name}`))).toContain('Only the group’s chair, vice chair and organizer can do that.');
  expect(textOf(await say(meeting, people.sara, `/setup ${name}`))).toContain(`Meeting linked to “${name}”`);

  // Now the group's roles decide: Håkan is a member, so he is refused although Teams says Presenter.
  expect(textOf(await say(meeting, people.hakan, '/decision Efter kopplingen'))).toContain(`In “${name}” only the chair, the vice chair, the organizer and the meeting’s secretary can record decisions`);
  expect(textOf(await say(meeting, people.sara, '/decision Processledaren antecknar'))).toContain('Decision §2');
  expect(textOf(await say(meeting, people.sara, '/secretary Titti Andersson'))).toContain('Titti Andersson is the secretary');
  expect(textOf(await say(meeting, people.titti, '/risk Resursbrist S=3 K=3'))).toContain('Risk R1 recorded');
  // The meeting's risks are the group's: the group chat sees them.
  expect(textOf(await say(group, people.hakan, '/risks'))).toMatch(/R1\nResursbrist/);
});

it('lets a manager change a membership on the roster card; a chair may then record, a former member may not', async () => {
  const chat = aGroupChat();
  const name = uniqueName('Nätverk');
  await say(chat, people.sara, `/setup nätverk ${name}`);
  const rosterActivity = await say(chat, people.sara, '/members');
  const roster = cardOf(rosterActivity) as { body: unknown[]; actions: Action[] };
  const memberChoices = JSON.stringify(roster.body);
  const hakanId = /"title":"Håkan Sundberg","value":"([^"]+)"/.exec(memberChoices)?.[1];
  expect(hakanId).toBeDefined();
  const save = roster.actions.find((a) => a.verb === 'member.update')!;

  const rosterMessage = h.teams.cardMessageId(chat.conversationId, save.verb);
  expect(rosterMessage).toBeDefined();
  const press = (inputs: Record<string, string>, from: Person = people.sara) =>
    postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: save.verb, data: { ...save.data, memberId: hakanId, ...inputs }, replyToId: rosterMessage }));

  // A member may not edit.
  expect(String(((await press({ role: 'chair' }, people.hakan)).body as { value: string }).value)).toContain('Only the group’s chair');
  const saved = (await press({ role: 'chair', organisation: 'Munkedal' })).body as { value: unknown };
  expect(cardText(saved.value)).toMatch(/Saved: Håkan Sundberg\.[\s\S]*Håkan Sundberg\nMunkedal\nChair/);
  expect(h.teams.updates().at(-1)!.path).toBe(`/v3/conversations/${chat.conversationId}/activities/${rosterMessage}`);
  expect(textOf(await say(chat, people.hakan, '/risk Ordföranden antecknar S=2 K=2'))).toContain('Risk R1 recorded');

  const bad = (await press({ to: '2020-13-45' })).body as { value: string };
  expect(String(bad.value)).toContain('The membership period is wrong');
  await press({ from: '2019-03-01', to: '2020-12-31' });
  expect(textOf(await say(chat, people.hakan, '/risk Inte längre ledamot S=2 K=2'))).toContain('only the chair, the vice chair, the organizer');
});

it('names a preparation group that exists', async () => {
  const council = aGroupChat();
  const name = uniqueName('E-råd');
  const prep = uniqueName('Beredning e-råd');
  await say(council, people.sara, `/setup ${name}`);
  expect(textOf(await say(council, people.sara, `/preparation ${prep}`))).toContain(`There is no group called “${prep}”`);
  await say(aGroupChat(), people.sara, `/setup beredning ${prep}`);
  expect(textOf(await say(council, people.sara, `/beredning ${prep}`, 'sv-SE'))).toContain(`”${prep}” är beredningsgrupp för ”${name}”`);
});
