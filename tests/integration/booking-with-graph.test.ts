/**
 * One meeting from booking to minutes with Microsoft Graph: booked in the group's chat (the Teams meeting
 * created in Outlook, its chat found from the join URL), prepared there — agenda with a break, notice
 * answered, secretary appointed — and run in the meeting's own chat, which is that booking from its first
 * message. Without Graph the same is done by /setup (tests/integration/bot/booking-to-meeting.test.ts).
 */
import { cardOf, cardText } from '../fakes/bot-connector';
import { useGraphApp } from '../helpers/graph-harness';
import { aCardAction, aChat, aGroupChat, aMessage, people, type Chat } from '../helpers/activities';
import { postActivity } from '../helpers/test-app';
import { addDays, utcToStockholm } from '../../src/domain/stockholm-time';

const h = useGraphApp();

beforeAll(() => {
  h.teams.members = [people.sara, people.hakan, people.titti];
});

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown> };

const say = async (chat: Chat, from: Person, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text }))).status).toBe(200);
  const sent = h.teams.sent().slice(before);
  const a = sent.find((x) => cardOf(x)) ?? sent.at(-1)!;
  return { text: typeof a.text === 'string' ? a.text : cardText(cardOf(a)), card: cardOf(a) };
};

it('runs in the meeting chat what was prepared in the group’s chat: agenda with its break, the excused, the secretary', async () => {
  const group = aGroupChat();
  await say(group, people.sara, '/setup E-råd med Graph');
  const day = addDays(utcToStockholm(new Date()).date, 70);
  expect((await say(group, people.sara, `/schedule ${day} 13:00-16:00 E-råd med Graph`)).text).toContain('The Teams meeting is in the organizer’s calendar');
  await say(group, people.sara, '/agenda clear');
  for (const row of ['I 13:00 Previous minutes — Sara', 'D 13:05 How are things? — All', 'break 14:30', 'D 14:45 Digital meetings — Sara', 'end 16:00']) await say(group, people.sara, `/agenda add ${row}`);
  const notice = (await say(group, people.sara, '/notice')).card as { actions: Action[] };
  const decline = notice.actions[1]!;
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat: group, from: people.titti, verb: decline.verb, data: { ...decline.data, note: 'Krockar med KS' }, replyToId: h.teams.cardMessageId(group.conversationId, decline.verb) }));
  expect(res.status).toBe(200);
  expect((await say(group, people.sara, '/secretary Håkan Sundberg')).text).toContain('Håkan Sundberg is the secretary');

  // The meeting's chat is the thread Graph created for the booking: its first message finds the booking.
  const [online] = [...h.graph.onlineMeetings.values()];
  const meeting: Chat = aChat({ conversationId: online!.threadId, conversationType: 'groupChat', meetingId: 'MCMxOTptZWV0aW5nX2Jvb2tpbmc=' });
  const agenda = (await say(meeting, people.sara, '/agenda')).text;
  expect(agenda).toMatch(/1\n\[I\]\nPrevious minutes[\s\S]*2\n\[D\]\nHow are things\?[\s\S]*BREAK\n14:30\n3\n\[D\]\nDigital meetings[\s\S]*END\n16:00/);
  expect(agenda).toContain(`${day}, 13:00–16:00`);
  // A member reads the attendance; the secretary appointed in the group's chat gets the sheet.
  expect((await say(meeting, people.titti, '/attendance')).text).toMatch(/Excused \(1\)\nTitti Andersson/);
  const sheet = (await say(meeting, people.hakan, '/attendance')).card;
  expect(cardText(sheet)).toContain('Attendance sheet: E-råd med Graph');
  // Titti's row: her name, then her status, pre-filled from her answer to the notice.
  expect(/"text":"Titti Andersson"[\s\S]*?"value":"(\w+)"/.exec(JSON.stringify(sheet))?.[1]).toBe('excused');
  // The secretary appointed in the group's chat records here; the chat is already the group's meeting.
  expect((await say(meeting, people.hakan, '/decision The minutes are approved')).text).toContain('§1');
  expect((await say(meeting, people.sara, '/setup E-råd med Graph')).text).toContain('This chat already belongs to the group “E-råd med Graph”');
}, 60_000);
