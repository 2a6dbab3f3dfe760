/**
 * The meeting lifecycle with Microsoft Graph, as Teams and Graph would drive it: the h.app runs as its own
 * process with the real MSAL and Graph clients pointed at HTTPS fakes of Entra ID and Graph (trusted
 * through NODE_EXTRA_CA_CERTS), Teams is the fake Bot Connector. It is killed with SIGKILL half-way and
 * everything is still there after the restart.
 */
import { cardOf, cardText, typingIn } from '../fakes/bot-connector';
import { useGraphApp } from '../helpers/graph-harness';
import { aCardAction, aChat, aGroupChat, aMessage, BOT, people, TENANT, type Chat } from '../helpers/activities';
import { postActivity } from '../helpers/test-app';
import { addDays, utcToStockholm } from '../../src/domain/stockholm-time';

const h = useGraphApp();

beforeAll(() => {
  h.teams.members = [people.sara, people.hakan, people.titti];
});

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown> };
type CardJson = { body: unknown[]; actions?: Action[] };

const say = async (chat: Chat, from: Person, text: string) => {
  const before = h.teams.sent().length;
  const res = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text }));
  expect(res.status).toBe(200);
  return h.teams.sent().slice(before);
};
/** The card a command posted (after /notice and /checkin a line about the personal links follows it). */
const cardIn = (sent: Array<Record<string, unknown>>) => cardOf(sent.find((a) => cardOf(a)));
const lastText = (sent: Array<Record<string, unknown>>) => {
  const a = sent.at(-1)!;
  return typeof a.text === 'string' ? a.text : cardText(cardOf(a));
};
const press = async (chat: Chat, from: Person, action: Action, inputs: Record<string, unknown> = {}, replyToId = h.teams.cardMessageId(chat.conversationId, action.verb)) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, replyToId }));
  expect(res.status).toBe(200);
  return res.body as { value: CardJson };
};
const today = utcToStockholm(new Date()).date;
const eventPosts = () => h.graph.requestsTo('POST', /^\/users\/[^/]+\/events$/);

it('schedules through Graph once, runs the meeting in its chat, and keeps everything across a hard restart', async () => {
  const group = aGroupChat();
  await say(group, people.sara, '/setup E-råd Fyrbodal');

  // Eleven weeks ahead: exactly one event, with a Teams meeting, the members invited.
  const day = addDays(today, 77);
  const typingBefore = typingIn(h.teams.requests).length;
  const booked = lastText(await say(group, people.sara, `/schedule ${day} 09:00-12:00 E-råd Fyrbodal`));
  // While Graph was asked, Teams showed the bot typing in the group's chat.
  expect(typingIn(h.teams.requests).slice(typingBefore)).toEqual([group.conversationId]);
  expect(booked).toContain('Booked: E-råd Fyrbodal');
  expect(booked).toContain('The Teams meeting is in the organizer’s calendar');
  const posts = eventPosts();
  expect(posts).toHaveLength(1);
  expect(posts[0]!.path).toBe(`/users/${people.sara.aadObjectId}/events`);
  expect(posts[0]!.body).toMatchObject({
    subject: 'E-råd Fyrbodal',
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    transactionId: expect.any(String),
  });
  const attendees = (posts[0]!.body as { attendees: Array<{ emailAddress: { address: string } }> }).attendees.map((a) => a.emailAddress.address).sort();
  expect(attendees).toEqual([people.hakan.email, people.titti.email].sort());
  const [online] = [...h.graph.onlineMeetings.values()];
  expect(online).toBeDefined();
  expect(h.graph.requestsTo('GET', /^\/users\/[^/]+\/onlineMeetings$/)).toHaveLength(1);
  expect(h.graph.requestsTo('POST', new RegExp(`^/chats/${online!.threadId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/installedApps$`))).toHaveLength(1);

  // Five days ahead: held back, naming the rule; no event.
  expect(lastText(await say(group, people.sara, `/schedule ${addDays(today, 5)} 09:00-10:00 Extramöte`))).toContain('Held back: the charter’s notice rule');
  // A member may not schedule.
  expect(lastText(await say(group, people.hakan, `/schedule ${addDays(today, 90)} 09:00-10:00 Mitt möte`))).toContain('Only the group’s chair, vice chair and organizer');
  expect(eventPosts()).toHaveLength(1);

  // The notice: Titti is excused. Håkan and Titti are not in the group's chat (Sara is): they need links.
  h.teams.members = [people.sara];
  const noticePosts = await say(group, people.sara, '/notice');
  const notice = cardIn(noticePosts) as CardJson;
  await press(group, people.titti, notice.actions![1]!, { note: 'Krockar med KS' });

  // Each member outside the chat got a personal link by e-mail from the organizer's mailbox; the chat only hears how many.
  expect(lastText(noticePosts)).toBe('Personal links: 2 by e-mail, 0 in a private chat with the bot. 1 in this chat answer on the card.');
  expect(JSON.stringify(noticePosts)).not.toContain('/p/');
  expect(h.teams.direct()).toEqual([]);
  const mails = h.graph.sentMail.map((m) => ({ from: m.from, ...(m.message as { subject: string; toRecipients: Array<{ emailAddress: { address: string } }>; body: { contentType: string; content: string } }) }));
  expect(mails.map((m) => m.from)).toEqual([people.sara.aadObjectId, people.sara.aadObjectId]);
  expect(mails.map((m) => m.toRecipients[0]!.emailAddress.address).sort()).toEqual([people.hakan.email, people.titti.email].sort());
  h.teams.members = [people.sara, people.hakan, people.titti];
  const toHakan = mails.find((m) => m.toRecipients[0]!.emailAddress.address === people.hakan.email)!;
  expect(toHakan.subject).toBe('Notice: E-råd Fyrbodal – please answer');
  expect(toHakan.body.contentType).toBe('HTML');
  expect(toHakan.body.content).toContain('Hello Håkan Sundberg, you are invited to E-råd Fyrbodal on ');
  const hakanLink = /href="http:\/\/localhost:\d+\/p\/([A-Za-z0-9_.-]+)"/.exec(toHakan.body.content)![1]!;
  // Håkan answers through his link (the page is on this server).
  const answered = await fetch(`${h.app.url}/p/${hakanLink}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'kind=notice&attending=yes' });
  expect(answered.status).toBe(200);
  expect(await answered.text()).toContain('Jag kommer');

  // The meeting's chat is the thread Graph created: its start event posts the agenda.
  const meetingChat: Chat = aChat({ conversationId: online!.threadId, conversationType: 'groupChat', meetingId: 'MCMxOTptZWV0aW5nX2dyYXBo' });
  await postActivity(h.app, {
    type: 'event',
    name: 'application/vnd.microsoft.meetingStart',
    id: 'start-graph',
    serviceUrl: h.serviceUrl,
    channelId: 'msteams',
    from: { id: people.sara.id, aadObjectId: people.sara.aadObjectId },
    recipient: BOT,
    conversation: { id: meetingChat.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    value: { Id: meetingChat.meetingId, JoinUrl: online!.joinUrl, Title: 'E-råd Fyrbodal', MeetingType: 'Scheduled', StartTime: new Date().toISOString() },
    channelData: { tenant: { id: TENANT }, meeting: { id: meetingChat.meetingId } },
  });
  // The agenda, then the check-in card (item 1 is the check-in round).
  const agendaPost = h.teams.sent().at(-2)!;
  expect(cardText(cardOf(agendaPost))).toMatch(/▶1\n\[I\]\n(Incheckning|Check-in)/);
  expect(cardText(cardOf(h.teams.sent().at(-1)))).toMatch(/Check-in: how are things\?|Incheckning: hur är läget\?/);
  const agendaId = h.teams.sentIds().at(-2)!;

  // /next updates that card in place.
  const putsBefore = h.teams.updates().length;
  await say(meetingChat, people.sara, '/next');
  const put = h.teams.updates().slice(putsBefore);
  expect(put).toHaveLength(1);
  expect(put[0]!.path).toBe(`/v3/conversations/${meetingChat.conversationId}/activities/${agendaId}`);
  expect(cardText(cardOf(put[0]!.body as Record<string, unknown>))).toMatch(/▶2/);

  // Two check-in answers.
  const checkin = cardIn(await say(meetingChat, people.sara, '/checkin')) as CardJson;
  await press(meetingChat, people.hakan, checkin.actions![0]!, { mood: 'good', text: 'Bra', inRoom: 'false' });
  expect(cardText((await press(meetingChat, people.titti, checkin.actions![0]!, { mood: 'ok', inRoom: 'true' })).value)).toContain('2 answered');

  // Killed the hard way, started again on the same database: all of it is still there.
  await h.restart();
  expect(lastText(await say(meetingChat, people.sara, '/agenda'))).toMatch(/▶2/);
  const again = cardIn(await say(meetingChat, people.sara, '/checkin'));
  expect(cardText(again)).toContain('2 answered');
  // A second notice asks first; sent again, its card has the answers given before the restart.
  const confirm = cardIn(await say(group, people.sara, '/notice')) as CardJson;
  expect(cardText(confirm)).toContain('The notice has already gone out');
  await press(group, people.sara, confirm.actions!.find((a) => a.verb === 'notice.send')!);
  const resent = h.teams.sent().map((a) => cardOf(a) as CardJson | undefined).filter((c) => c?.actions?.some((a) => a.verb === 'notice.answer'));
  expect(cardText(resent.at(-1))).toContain('1 attending, 1 excused, 1 not answered yet');
  // The signing key was kept in the data folder: the link sent before the restart still opens.
  expect((await fetch(`${h.app.url}/p/${hakanLink}`)).status).toBe(200);
  // And no second event appeared.
  expect(eventPosts()).toHaveLength(1);
}, 60_000);

it('cancels a booked meeting from /meetings: the Outlook event is cancelled by its organizer, with a comment', async () => {
  const group = aGroupChat();
  await say(group, people.sara, '/setup E-råd Inställt');
  const day = addDays(today, 70);
  expect(lastText(await say(group, people.sara, `/schedule ${day} 09:00-12:00 E-råd Inställt`))).toContain('The Teams meeting is in the organizer’s calendar');
  const eventId = [...h.graph.events.values()].find((e) => e.resource.subject === 'E-råd Inställt')!.id;

  const list = cardIn(await say(group, people.sara, '/meetings')) as { body: Array<{ items?: Array<{ type: string; actions?: Action[] }> }> };
  const cancel = list.body.flatMap((c) => c.items ?? []).find((i) => i.type === 'ActionSet')!.actions!.find((a) => a.verb === 'meetings.cancel')!;
  const after = cardText((await press(group, people.sara, cancel)).value);
  expect(after).toContain('Cancelled: E-råd Inställt');
  expect(after).toContain('The Outlook event is cancelled too, and the invited are told.');
  const posts = h.graph.requestsTo('POST', /\/cancel$/);
  expect(posts.map((p) => [p.path, p.status, p.body])).toEqual([[`/users/${people.sara.aadObjectId}/events/${eventId}/cancel`, 202, { comment: 'The meeting is cancelled.' }]]);
  expect(h.graph.cancelled.has(eventId)).toBe(true);
}, 60_000);
