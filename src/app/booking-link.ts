/**
 * `/setup <group>` in a meeting chat: the chat becomes the group's booked meeting of that day, so what was
 * prepared in the group's chat (agenda, notice answers, secretary, adjuster) is what the chat runs. With
 * Graph the chat was found from the join URL when the meeting was booked; without it, this is the link.
 * No booking that day, or several: the chat is linked to the group as a meeting of its own, and the
 * organizer may still choose one of the group's upcoming bookings for it.
 */
import { itemsOf } from '../domain/agenda';
import { DomainError } from '../domain/errors';
import type { Group } from '../domain/group';
import { isPlaceholder, type Meeting } from '../domain/meeting';
import { stockholmToUtc, utcToStockholm, type IsoDate } from '../domain/stockholm-time';
import type { AccessPolicy } from './access-policy';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { Clock, Repositories } from './ports';

/** What the booking brought into the chat, for the reply. */
export interface Prepared {
  items: number;
  attending: number;
  excused: number;
  secretary?: string;
  adjuster?: string;
}

export type MeetingChatLink =
  /** Linked as a meeting of its own; `bookings` are the group's upcoming ones it may turn out to be. */
  | { kind: 'meetingLinked'; group: Group; risksMoved: number; day: IsoDate; bookings: Meeting[] }
  | { kind: 'bookingTaken'; group: Group; meeting: Meeting; prepared: Prepared; risksMoved: number };

/** Bookings offered to choose from. */
export const MAX_BOOKINGS_OFFERED = 8;

export class BookingLink {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'risks' | 'agendas' | 'answers' | 'secretaries' | 'adjusters'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /** The meeting chat `chat` asks to belong to `group` (which the caller must manage). */
  async link(ctx: RequestContext, chat: Meeting, group: Group): Promise<MeetingChatLink> {
    await this.policy.assert(ctx, { group }, 'group.manage');
    const day = this.dayOf(chat);
    const candidates = await this.bookings(ctx.tenantId, group, day);
    const sameDay = candidates.filter((m) => m.startsAt && utcToStockholm(new Date(m.startsAt)).date === day);
    if (sameDay.length === 1) return this.takeOver(ctx, chat, sameDay[0]!, group);
    return this.linkAsNew(ctx, chat, group, day, candidates.slice(0, MAX_BOOKINGS_OFFERED));
  }

  /** The organizer chose one of the group's bookings on the card `/setup` answered with. */
  async choose(ctx: RequestContext, groupId: string, meetingId: string): Promise<MeetingChatLink> {
    const { meeting: chat, group: linked } = await this.meetings.scopeOf(ctx);
    if (!chat) throw new DomainError('DECISION.NEEDS_MEETING');
    const group = await this.repos.groups.get(ctx.tenantId, groupId);
    if (!group) throw new DomainError('CARD.STALE');
    await this.policy.assert(ctx, { group }, 'group.manage');
    if (linked && linked.id !== group.id) throw new DomainError('GROUP.ALREADY_LINKED', { name: linked.name });
    // Pressed again after it was done: the same answer.
    if (meetingId === chat.id) return { kind: 'bookingTaken', group, meeting: chat, prepared: await this.prepared(ctx.tenantId, chat), risksMoved: 0 };
    const booked = await this.repos.meetings.get(ctx.tenantId, meetingId);
    if (!booked || booked.groupId !== group.id || !isPlaceholder(booked.teamsMeetingId) || booked.endedAt) throw new DomainError('CARD.STALE');
    return this.takeOver(ctx, chat, booked, group);
  }

  /** The chat's day: when Teams says the meeting is, else when it began, else today (Stockholm). */
  private dayOf(chat: Meeting): IsoDate {
    return utcToStockholm(new Date(chat.startsAt ?? chat.startedAt ?? this.clock.now().toISOString())).date;
  }

  /** The group's bookings from `day` on that no meeting chat has taken yet and that have not been held. */
  private async bookings(tenantId: string, group: Group, day: IsoDate): Promise<Meeting[]> {
    const from = stockholmToUtc(day, '00:00').toISOString();
    const all = await this.repos.meetings.listByGroup(tenantId, group.id, from, '9999-12-31');
    return all.filter((m) => isPlaceholder(m.teamsMeetingId) && !m.endedAt);
  }

  private async linkAsNew(ctx: RequestContext, chat: Meeting, group: Group, day: IsoDate, bookings: Meeting[]): Promise<MeetingChatLink> {
    if (chat.groupId !== group.id) await this.repos.meetings.linkToGroup(ctx.tenantId, chat.id, group.id);
    return { kind: 'meetingLinked', group, risksMoved: await this.moveChatRisks(ctx, group), day, bookings };
  }

  private async takeOver(ctx: RequestContext, chat: Meeting, booked: Meeting, group: Group): Promise<MeetingChatLink> {
    const meeting = await this.repos.meetings.takeOverChat(ctx.tenantId, booked.id, chat.id, { actor: ctx.caller, at: this.clock.now().toISOString() });
    this.meetings.tookOver(ctx, meeting);
    const risksMoved = await this.moveChatRisks(ctx, group);
    return { kind: 'bookingTaken', group, meeting, prepared: await this.prepared(ctx.tenantId, meeting), risksMoved };
  }

  private moveChatRisks(ctx: RequestContext, group: Group): Promise<number> {
    return this.repos.risks.moveConversationRisksToGroup(ctx.tenantId, ctx.conversationId, group.id, { actor: ctx.caller, at: this.clock.now().toISOString() });
  }

  private async prepared(tenantId: string, meeting: Meeting): Promise<Prepared> {
    const [agenda, answers, secretary, adjuster] = await Promise.all([
      this.repos.agendas.list(tenantId, meeting.id),
      this.repos.answers.notices(tenantId, meeting.id),
      this.repos.secretaries.current(tenantId, meeting.id),
      this.repos.adjusters.current(tenantId, meeting.id),
    ]);
    const attending = answers.filter((a) => a.attending).length;
    return {
      items: itemsOf(agenda).length,
      attending,
      excused: answers.length - attending,
      ...(secretary ? { secretary: secretary.person.name } : {}),
      ...(adjuster ? { adjuster: adjuster.person.name } : {}),
    };
  }
}
