/**
 * The tab's meeting page: one meeting of a group as the secretary's desk — its agenda with the item in
 * progress, the notice answers, what is recorded there, the group's open actions and highest risks — and
 * recording on the item in progress through the chat commands' use cases, so the tab and the chat agree.
 */
import type { Action as MinutesAction } from '../domain/action';
import { isItem } from '../domain/agenda';
import type { Decision } from '../domain/decision';
import { numbersDecisions } from '../domain/decision';
import type { NoticeAnswer } from '../domain/attendance-answers';
import { DomainError } from '../domain/errors';
import type { Meeting } from '../domain/meeting';
import type { Note } from '../domain/note';
import type { PersonRef } from '../domain/person';
import { utcToStockholm } from '../domain/stockholm-time';
import { isMemberOn } from '../domain/group';
import { permits } from './access-policy';
import { unansweredMembers } from './notice-overview';
import type { RequestContext } from './context';
import type { DecisionService } from './decision-service';
import type { MeetingRunService } from './meeting-run-service';
import type { MeetingService } from './meeting-service';
import type { MinutesRecordsService } from './minutes-records-service';
import type { Clock, Repositories } from './ports';
import type { RiskService } from './risk-service';
import type { GroupAccess, RegisterEntry, TabService } from './tab-service';

export interface MeetingPage {
  access: GroupAccess;
  canRecord: boolean;
  /** Whether the group writes its decisions with § numbers. */
  numbered: boolean;
  meeting?: Meeting;
  /** Held: ended, its agenda gone through, or its scheduled end more than 12 hours ago. */
  held: boolean;
  /** The meeting's Stockholm date and times. */
  times?: { date: string; start: string; end?: string };
  agenda: AgendaRow[];
  answers: NoticeAnswer[];
  /** Members on the meeting's day who have not answered the notice, by name. */
  unanswered: string[];
  decisions: Decision[];
  notes: Note[];
  actions: MinutesAction[];
  openActions: MinutesAction[];
  topRisks: RegisterEntry[];
}

/** A row of the agenda as the page shows it: a numbered item, a break or the closing row. */
export type AgendaRow =
  | { kind: 'item'; number: number; type: string; title: string; start: string; responsible?: string }
  | { kind: 'break' | 'end'; title?: string; start: string };

/** Which meeting: by id, by its chat (a tab in a meeting), else the group's meeting in progress or next. */
export interface MeetingChoice {
  meetingId?: string;
  conversationId?: string;
}

export type MeetingRecord =
  | { kind: 'decision'; heading?: string; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'action'; text: string; owner?: string; due?: string }
  | { kind: 'risk'; threat: string; probability: number; impact: number }
  /** `from`: the item the page showed; a second press for the same item moves nothing. */
  | { kind: 'next'; from?: number };

/** The tab has no chat roster: the group's roster and appointed secretary decide. */
const NO_DIRECTORY: RequestContext['directory'] = { meetingRoleOf: () => Promise.resolve('Unknown'), members: () => Promise.resolve([]) };

export class MeetingPageService {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'agendas' | 'answers' | 'decisions' | 'notes' | 'actions'>,
    private readonly meetings: MeetingService,
    private readonly tab: TabService,
    private readonly run: MeetingRunService,
    private readonly decisions: DecisionService,
    private readonly records: MinutesRecordsService,
    private readonly risks: RiskService,
    private readonly clock: Clock,
  ) {}

  async view(access: GroupAccess, choice: MeetingChoice): Promise<MeetingPage> {
    const tenantId = access.group.tenantId;
    const meeting = await this.choose(access, choice);
    const [register, openActions] = await Promise.all([this.tab.register(access), this.repos.actions.listOpen(tenantId, { groupId: access.group.id })]);
    const topRisks = register.risks
      .filter((r) => r.status !== 'closed')
      .sort((a, b) => b.score - a.score || a.number - b.number)
      .slice(0, 3);
    const page = { access, canRecord: permits(access.standing, 'decision.record'), numbered: numbersDecisions(access.group), openActions, topRisks };
    if (!meeting) return { ...page, held: false, agenda: [], answers: [], unanswered: [], decisions: [], notes: [], actions: [] };
    const [agenda, answers, decisions, notes, actions, roster] = await Promise.all([
      this.repos.agendas.list(tenantId, meeting.id),
      this.repos.answers.notices(tenantId, meeting.id),
      this.repos.decisions.listForMeeting(tenantId, meeting.id),
      this.repos.notes.listForMeeting(tenantId, meeting.id),
      this.repos.actions.listForMeeting(tenantId, meeting.id),
      this.repos.groups.members(tenantId, access.group.id),
    ]);
    const day = (meeting.startsAt ?? this.clock.now().toISOString()).slice(0, 10);
    const unanswered = unansweredMembers(roster.filter((m) => isMemberOn(m, day)), answers)
      .map((m) => m.person.name)
      .sort((a, b) => a.localeCompare(b, 'sv'));
    const rows = agenda.map((e): AgendaRow =>
      isItem(e)
        ? { kind: 'item', number: e.number, type: e.type, title: e.title, start: e.plannedStart, ...(e.responsible ? { responsible: e.responsible } : {}) }
        : { kind: e.kind, ...(e.title ? { title: e.title } : {}), start: e.plannedStart },
    );
    const start = meeting.startsAt ? utcToStockholm(new Date(meeting.startsAt)) : undefined;
    const end = meeting.endsAt ? utcToStockholm(new Date(meeting.endsAt)) : undefined;
    const times = start ? { date: start.date, start: start.time, ...(end ? { end: end.time } : {}) } : undefined;
    const longAgo = new Date(this.clock.now().getTime() - 12 * 3600_000).toISOString();
    const held = Boolean(meeting.endedAt || meeting.agendaDoneAt || (meeting.endsAt && meeting.endsAt < longAgo));
    return { ...page, meeting, held, ...(times ? { times } : {}), agenda: rows, answers, unanswered, decisions, notes, actions };
  }

  /**
   * Records on the item in progress of the group's meeting, as the chat command would in the meeting's chat;
   * `sourceKey` makes the same request store once. `created` is false when nothing new was stored.
   */
  async record(access: GroupAccess, caller: PersonRef, meetingId: string, input: MeetingRecord, sourceKey: string, locale: 'sv' | 'en'): Promise<{ page: MeetingPage; created: boolean }> {
    await this.tab.assertMay(access, input.kind === 'next' ? 'meeting.record' : `${input.kind}.record`);
    const meeting = await this.choose(access, { meetingId });
    if (!meeting) throw new DomainError('MEETING.NONE');
    const ctx: RequestContext = { tenantId: meeting.tenantId, conversationId: meeting.conversationId, teamsMeetingId: meeting.teamsMeetingId, caller, locale, directory: NO_DIRECTORY };
    let created = true;
    switch (input.kind) {
      case 'decision':
        created = (await this.decisions.recordDecision(ctx, input.heading ? `${input.heading} — ${input.text}` : input.text, sourceKey)).created;
        break;
      case 'note':
        created = (await this.records.addNote(ctx, input.text, sourceKey)).created;
        break;
      case 'action': {
        const args = [input.text, input.owner ? `owner: ${input.owner}` : '', input.due ? `due: ${input.due}` : ''].filter(Boolean).join(' ');
        created = (await this.records.recordAction(ctx, args, sourceKey)).created;
        break;
      }
      case 'risk':
        created = (await this.risks.raiseRisk(ctx, { threat: input.threat, probability: input.probability, impact: input.impact }, sourceKey)).created;
        break;
      case 'next':
        if (input.from !== undefined && input.from !== (meeting.currentItem ?? 0)) created = false;
        else await this.run.moveTo(ctx, 'next');
        break;
    }
    return { page: await this.view(access, { meetingId }), created };
  }

  private async choose(access: GroupAccess, choice: MeetingChoice): Promise<Meeting | undefined> {
    const { tenantId, id: groupId } = access.group;
    if (choice.meetingId) {
      const meeting = await this.repos.meetings.get(tenantId, choice.meetingId);
      if (!meeting || meeting.groupId !== groupId) throw new DomainError('MEETING.NONE');
      return meeting;
    }
    if (choice.conversationId) {
      const all = await this.repos.meetings.listByGroup(tenantId, groupId, '0000', '9999');
      const inChat = all.find((m) => m.conversationId === choice.conversationId);
      if (inChat) return inChat;
    }
    return (await this.meetings.groupScope(tenantId, groupId)).meeting ?? (await this.meetings.nextMeetingOf(tenantId, groupId));
  }
}
