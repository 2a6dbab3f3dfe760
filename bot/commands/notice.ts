/** `/notice` (`/kallelse`) and `/checkin` (`/incheckning`): the cards members answer, and the personal links sent with them. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { MeetingView } from '../../src/app/meeting-run-service';
import type { LinkKind } from '../../src/app/personal-link-service';
import { isMemberOn } from '../../src/domain/group';
import { CHECKIN_ANSWER_VERB, CHECKIN_REFRESH_VERB, checkInCard } from '../cards/checkin.card';
import { NOTICE_ANSWER_VERB, NOTICE_REFRESH_VERB, noticeCard } from '../cards/notice.card';
import { teamsDirectMessenger } from '../direct-messenger';
import { linkMessageWriter, linkReportText } from '../personal-link-messages';
import { cardIdSchema, cardMessage, plainText, replaceSharedCard } from '../turn';
import { asTyped, cardAction, CHATS, command, type CommandFamily, type HandlerTurn } from './command';

export const meetingRef = z.object({ cardId: cardIdSchema, meetingId: z.string().min(1).max(200) });
const noticeData = meetingRef.extend({ attending: z.string().max(10), note: z.string().max(5000).optional() });
const checkInData = meetingRef.extend({ mood: z.string().max(40).optional(), text: z.string().max(5000).optional(), inRoom: z.string().max(10).optional() });

/** Members on the roster on the meeting's day, co-opted members not counted: the notice's "not answered yet". */
async function rosterSize(turn: HandlerTurn, view: MeetingView): Promise<number> {
  if (!view.group) return 0;
  const day = (view.meeting.startsAt ?? new Date().toISOString()).slice(0, 10);
  const roster = await turn.services.repos.groups.members(view.meeting.tenantId, view.group.id);
  return roster.filter((m) => isMemberOn(m, day) && m.role !== 'coopted').length;
}

/**
 * Each member gets their own link privately (src/app decides how); the chat is told how many went out
 * and who could not be reached — never a link.
 */
async function sendPersonalLinks(turn: HandlerTurn, view: MeetingView, kind: LinkKind): Promise<void> {
  const { personalLinks, botAppId, log } = turn.services;
  if (!personalLinks || !view.group) return;
  const report = await personalLinks.deliver({
    meeting: view.meeting,
    group: view.group,
    kind,
    messenger: teamsDirectMessenger(turn.context, botAppId ?? '', log),
    write: linkMessageWriter(turn.t),
  });
  const text = linkReportText(report, turn.t);
  if (text) await turn.context.sendActivity(plainText(text));
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
        const { ctx, t, services } = turn;
        const view = await services.meetingRun.noticeView(ctx);
        const sent = await turn.context.sendActivity(cardMessage(noticeCard(view, view.answers, await rosterSize(turn, view), randomUUID(), t)));
        if (sent?.id) await services.meetingRun.rememberCard(ctx.tenantId, view.meeting.id, 'notice', sent.id);
        await services.scheduling.publishNotice(ctx, view.meeting);
        await sendPersonalLinks(turn, view, 'notice');
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: NOTICE_ANSWER_VERB,
      data: noticeData,
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        const answers = await services.meetingRun.answerNotice(ctx.tenantId, data.meetingId, ctx.caller, { attending: data.attending, note: data.note }, 'card');
        const view = await services.meetingRun.viewById(ctx.tenantId, data.meetingId);
        const size = await rosterSize(turn, view);
        // Everyone's copy shows the counts; the presser's shows their own answer.
        await replaceSharedCard(turn.context, noticeCard(view, answers, size, data.cardId, t), services.log);
        return { card: noticeCard(view, answers, size, data.cardId, t, ctx.caller), shared: false };
      },
    }),
    cardAction({
      verb: NOTICE_REFRESH_VERB,
      data: meetingRef,
      run: async (turn, data) => {
        const { ctx, services } = turn;
        const view = await services.meetingRun.viewById(ctx.tenantId, data.meetingId);
        const answers = await services.meetingRun.noticeAnswers(ctx.tenantId, data.meetingId);
        return { card: noticeCard(view, answers, await rosterSize(turn, view), data.cardId, turn.t, ctx.caller), shared: false };
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
        await sendPersonalLinks(turn, view, 'checkin');
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: CHECKIN_ANSWER_VERB,
      data: checkInData,
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        const answers = await services.meetingRun.answerCheckIn(ctx.tenantId, data.meetingId, ctx.caller, { mood: data.mood, text: data.text, inRoom: data.inRoom }, 'card');
        await replaceSharedCard(turn.context, checkInCard(data.meetingId, answers, data.cardId, t), services.log);
        return { card: checkInCard(data.meetingId, answers, data.cardId, t, ctx.caller), shared: false };
      },
    }),
    cardAction({
      verb: CHECKIN_REFRESH_VERB,
      data: meetingRef,
      run: async (turn, data) => {
        const answers = await turn.services.meetingRun.checkIns(turn.ctx.tenantId, data.meetingId);
        return { card: checkInCard(data.meetingId, answers, data.cardId, turn.t, turn.ctx.caller), shared: false };
      },
    }),
  ],
};
