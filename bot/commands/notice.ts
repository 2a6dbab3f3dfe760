/** `/notice` (`/kallelse`) and `/checkin` (`/incheckning`): the cards members answer, and the personal links sent with them. */
import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { LinkKind } from '../../src/app/personal-link-service';
import type { Group } from '../../src/domain/group';
import type { Meeting } from '../../src/domain/meeting';
import { CHECKIN_ANSWER_VERB, CHECKIN_REFRESH_VERB, checkInCard } from '../cards/checkin.card';
import { NOTICE_ANSWER_VERB, NOTICE_REFRESH_VERB, noticeCard, type NoticeViewer } from '../cards/notice.card';
import { NOTICE_REMIND_VERB, NOTICE_SEND_VERB, noticeConfirmCard, noticeDoneCard, unreachableLinksCard } from '../cards/notice-overview.card';
import { teamsDirectMessenger } from '../direct-messenger';
import { linkMessageWriter, linkReportText } from '../personal-link-messages';
import { cardIdSchema, cardMessage, plainText, replaceSharedCard } from '../turn';
import { asTyped, cardAction, CHATS, command, type CommandFamily, type HandlerTurn } from './command';

export const meetingRef = z.object({ cardId: cardIdSchema, meetingId: z.string().min(1).max(200) });
const noticeData = meetingRef.extend({ attending: z.string().max(10), note: z.string().max(5000).optional(), substitute: z.string().max(1000).optional() });
/** `confirm`: pressed on the card that asks before a second notice, which then says what was done. */
const followData = meetingRef.extend({ confirm: z.literal('1').optional() });
const checkInData = meetingRef.extend({ mood: z.string().max(40).optional(), text: z.string().max(5000).optional(), inRoom: z.string().max(10).optional() });

/**
 * Each member outside the chat gets their own link privately (src/app decides how); the chat is told how
 * many went out, never a link nor a name. Who could not be reached (with their links) or failed goes to the
 * caller privately: who has not answered is for editors only.
 */
async function sendPersonalLinks(turn: HandlerTurn, meeting: Meeting, group: Group | undefined, kind: LinkKind, onlyUnanswered = false): Promise<string | undefined> {
  const { personalLinks, botAppId, log } = turn.services;
  if (!personalLinks || !group) return undefined;
  const messenger = teamsDirectMessenger(turn.context, botAppId ?? '', log);
  const report = await personalLinks.deliver({ meeting, group, kind, messenger, write: linkMessageWriter(turn.t), onlyUnanswered });
  const text = linkReportText(report, turn.t, 'chat');
  if (text) await turn.context.sendActivity(plainText(text));
  const names = linkReportText(report, turn.t, 'sender');
  if (names || report.links.length > 0) {
    const me = await messenger.find(turn.ctx.caller);
    if (!me) log.warn({ meetingId: meeting.id }, 'who could not be reached could not be told to the sender, who is not in this chat');
    else {
      const tenantId = me.tenantId ?? turn.ctx.tenantId;
      if (names) await messenger.sendCard(me.accountId, tenantId, noticeDoneCard(names));
      if (report.links.length > 0) await messenger.sendCard(me.accountId, tenantId, unreachableLinksCard(report, meeting.title ?? group.name, turn.t));
    }
  }
  return text;
}

/** The meeting the pressed card names, refused (as stale) unless it is this chat's or its group's. */
const meetingOfThisChat = (turn: HandlerTurn, meetingId: string) => turn.services.meetings.meetingOfThisChat(turn.ctx, meetingId);

/** How an editor or a member sees the notice card. */
async function viewerOf(turn: HandlerTurn, meetingId: string, o: Awaited<ReturnType<HandlerTurn['services']['notice']['overview']>>): Promise<NoticeViewer> {
  const follows = await turn.services.notice.mayFollow(turn.ctx, o);
  const link = follows && o.group ? turn.services.tabLinks?.toMeeting(o.group.id, meetingId) : undefined;
  return { person: turn.ctx.caller, follows, ...(link ? { meetingLink: link } : {}) };
}

/** Posts the notice card (remembered, with its chat, to be updated in place), publishes the notice, sends the links. */
async function sendNotice(turn: HandlerTurn, meetingId: string): Promise<void> {
  const { ctx, t, services } = turn;
  const o = await services.notice.overview(ctx.tenantId, meetingId);
  const sent = await turn.context.sendActivity(cardMessage(noticeCard(o, randomUUID(), t)));
  if (sent?.id) await services.meetingRun.rememberCard(ctx.tenantId, meetingId, 'notice', sent.id, JSON.stringify(TurnContext.getConversationReference(turn.context.activity)));
  await services.scheduling.publishNotice(ctx, o.meeting);
  await sendPersonalLinks(turn, o.meeting, o.group, 'notice');
}

/** The check-in card, posted once and remembered so answers update it in place. */
export async function postCheckIn(turn: HandlerTurn, meetingId: string): Promise<void> {
  const answers = await turn.services.meetingRun.checkIns(turn.ctx.tenantId, meetingId);
  const sent = await turn.context.sendActivity(cardMessage(checkInCard(meetingId, answers, randomUUID(), turn.t)));
  if (sent?.id) await turn.services.meetingRun.rememberCard(turn.ctx.tenantId, meetingId, 'checkin', sent.id);
}

export const noticeCommands: CommandFamily = {
  commands: [
    command({
      name: 'notice',
      sv: 'kallelse',
      help: 'help.notice',
      scopes: CHATS,
      menu: true,
      waitsOnGraph: true,
      parse: asTyped,
      run: async (turn) => {
        const view = await turn.services.meetingRun.noticeView(turn.ctx);
        // A second notice asks first: members would get the card and their links twice.
        if (view.meeting.noticeSentAt) await turn.context.sendActivity(cardMessage(noticeConfirmCard(view.meeting, randomUUID(), turn.t)));
        else await sendNotice(turn, view.meeting.id);
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: NOTICE_ANSWER_VERB,
      data: noticeData,
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        await meetingOfThisChat(turn, data.meetingId);
        await services.meetingRun.answerNotice(ctx.tenantId, data.meetingId, ctx.caller, { attending: data.attending, note: data.note, substitute: data.substitute }, 'card');
        const o = await services.notice.overview(ctx.tenantId, data.meetingId);
        // Everyone's copy shows the counts; the presser's shows their own answer (and, for editors, everyone's).
        await replaceSharedCard(turn.context, noticeCard(o, data.cardId, t), services.log);
        return { card: noticeCard(o, data.cardId, t, await viewerOf(turn, data.meetingId, o)), shared: false };
      },
    }),
    cardAction({
      verb: NOTICE_REFRESH_VERB,
      data: meetingRef,
      run: async (turn, data) => {
        await meetingOfThisChat(turn, data.meetingId);
        const o = await turn.services.notice.overview(turn.ctx.tenantId, data.meetingId);
        return { card: noticeCard(o, data.cardId, turn.t, await viewerOf(turn, data.meetingId, o)), shared: false };
      },
    }),
    cardAction({
      verb: NOTICE_REMIND_VERB,
      data: followData,
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        await meetingOfThisChat(turn, data.meetingId);
        const o = await services.notice.overview(ctx.tenantId, data.meetingId);
        await services.notice.assertMayFollow(ctx, o);
        const report = await sendPersonalLinks(turn, o.meeting, o.group, 'notice', true);
        if (data.confirm) return { card: noticeDoneCard(report ?? t('notice.reminded.none')), shared: true };
        return { card: noticeCard(o, data.cardId, t, await viewerOf(turn, data.meetingId, o)), shared: false };
      },
    }),
    cardAction({
      verb: NOTICE_SEND_VERB,
      data: followData.extend({ again: z.literal('1').optional() }),
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        await meetingOfThisChat(turn, data.meetingId);
        const o = await services.notice.overview(ctx.tenantId, data.meetingId);
        await services.notice.assertMaySend(ctx, o);
        // From the booking card: a notice already out is confirmed first, as a second /notice is.
        if (o.meeting.noticeSentAt && !data.again) return { card: noticeConfirmCard(o.meeting, data.cardId, t), shared: false };
        await sendNotice(turn, data.meetingId);
        return data.again ? { card: noticeDoneCard(t('notice.again.sent')), shared: true } : { card: noticeDoneCard(t('notice.sentNow')), shared: false };
      },
    }),
  ],
};

/** `/checkin` (`/incheckning`) and the check-in card's presses; registered after the agenda, as /help lists it. */
export const checkInCommands: CommandFamily = {
  commands: [
    command({
      name: 'checkin',
      sv: 'incheckning',
      aliases: ['check-in'],
      help: 'help.checkin',
      scopes: CHATS,
      waitsOnGraph: true,
      parse: asTyped,
      run: async (turn) => {
        const view = await turn.services.meetingRun.checkInView(turn.ctx);
        const sent = await turn.context.sendActivity(cardMessage(checkInCard(view.meeting.id, view.answers, randomUUID(), turn.t)));
        if (sent?.id) await turn.services.meetingRun.rememberCard(turn.ctx.tenantId, view.meeting.id, 'checkin', sent.id);
        await sendPersonalLinks(turn, view.meeting, view.group, 'checkin');
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: CHECKIN_ANSWER_VERB,
      data: checkInData,
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        await meetingOfThisChat(turn, data.meetingId);
        const answers = await services.meetingRun.answerCheckIn(ctx.tenantId, data.meetingId, ctx.caller, { mood: data.mood, text: data.text, inRoom: data.inRoom }, 'card');
        await replaceSharedCard(turn.context, checkInCard(data.meetingId, answers, data.cardId, t), services.log);
        return { card: checkInCard(data.meetingId, answers, data.cardId, t, ctx.caller), shared: false };
      },
    }),
    cardAction({
      verb: CHECKIN_REFRESH_VERB,
      data: meetingRef,
      run: async (turn, data) => {
        await meetingOfThisChat(turn, data.meetingId);
        const answers = await turn.services.meetingRun.checkIns(turn.ctx.tenantId, data.meetingId);
        return { card: checkInCard(data.meetingId, answers, data.cardId, turn.t, turn.ctx.caller), shared: false };
      },
    }),
  ],
};
