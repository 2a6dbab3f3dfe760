/**
 * Personal links: members from other organisations may be unable to use the app inside the
 * meeting, so a notice or check-in also gives each member outside the chat a link of their own to a small
 * page where the same answer can be given (who gets one, and how: personal-link-delivery.ts). A link names one roster row, one meeting and one form, and expires; the
 * page answers for that person only. Links reach people privately — by e-mail through Graph, or in a
 * one-to-one bot message to people in the host tenant — never in the group chat.
 */
import { MOODS, personKey, type Mood } from '../domain/attendance-answers';
import { isMemberOn, type Group, type Member } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { isDomainError } from '../domain/errors';
import type { PersonRef } from '../domain/person';
import { isItem } from '../domain/agenda';
import type { GroupKind } from '../domain/charter';
import type { AssessmentInput, Importance, Maturity } from '../domain/capability';
import type { AssessmentForm, CapabilityService } from './capability-service';
import { answeringPerson, deliverLinks, mailHtml, whenOf, type DeliveryInput, type LinkDeliveryReport, type LinkMessageWriter, type LinkWhen } from './personal-link-delivery';
import type { MeetingRunService } from './meeting-run-service';
import type { Clock, LinkKind, LinkMessage, LinkTokenRefusal, LinkTokens, MeetingCalendar, Repositories } from './ports';

export type { LinkDeliveryReport, LinkKind, LinkMessage, LinkMessageWriter, LinkWhen, Mood };
export const LINK_MOODS: readonly Mood[] = MOODS;

/**
 * Why the page refuses: the token's reasons, `gone` when the meeting or the membership is no longer there,
 * `cancelled` when the meeting was cancelled, or `notMember` when the person the link names is not (or no
 * longer) a member of the group.
 */
export type LinkRefusal = LinkTokenRefusal | 'gone' | 'cancelled' | 'notMember';

/** What the page shows: whose answer, to which meeting, and the answer stored so far. */
export interface LinkPageView {
  kind: LinkKind;
  personName: string;
  meetingTitle: string;
  groupName?: string;
  /** What kind of group it is (council, preparation group, …), named on the page. */
  groupKind?: GroupKind;
  /** The council (or other group) a preparation group prepares for. */
  preparesFor?: string;
  when?: LinkWhen;
  /** The Teams meeting's join link, when it has one. */
  joinUrl?: string;
  /** The agenda in order: an item's text ("1. [D] Budget — Sara"), a break's or closing row's title, if any. */
  agenda?: Array<{ kind: 'item' | 'break' | 'end'; text?: string; start: string }>;
  notice?: { attending: boolean; note?: string; substitute?: string };
  checkIn?: { mood: Mood; text?: string; inRoom: boolean };
  /** An assessment link: the capability map and the answers the member's organisation has given. */
  assessment?: AssessmentPageView;
}

export interface AssessmentPageView {
  organisation: string;
  vision?: string;
  /** In the map's reading order. */
  capabilities: Array<{ id: string; code: string; area: string; name: string; description?: string }>;
  answers: Record<string, { maturity: Maturity; importance: Importance }>;
  answered: number;
  total: number;
}

export type LinkOutcome = { ok: true; view: LinkPageView } | { ok: false; refusal: LinkRefusal };

export type LinkAnswer =
  | { kind: 'notice'; attending: boolean; note?: string; substitute?: string }
  | { kind: 'checkin'; mood: Mood; text?: string; inRoom: boolean }
  | { kind: 'assessment'; answers: AssessmentInput[] };

export interface PersonalLinkOptions {
  /** Microsoft Graph, when configured: links go by e-mail from the meeting's organizer. */
  calendar?: MeetingCalendar;
  /** e.g. https://radslag.example.org (no trailing slash); links are `<base>/p/<token>`. */
  publicBaseUrl: string;
  /** The host tenant; unset in local mode, where the meeting's own tenant counts as the host. */
  hostTenantId?: string;
  /** Where a failed delivery is reported (it never fails the command that caused it). */
  onError?: (e: unknown, what: string) => void;
  /** The capability map, for assessment links. */
  capabilities?: Pick<CapabilityService, 'formForMember' | 'assessAsMember'>;
  /** After an answer through a link: the notice card in the chat is updated in place. */
  onNoticeAnswered?: (meeting: Meeting) => Promise<unknown>;
}

const HOUR_MS = 3_600_000;

export class PersonalLinkService {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'answers' | 'agendas'>,
    private readonly run: Pick<MeetingRunService, 'answerNotice' | 'answerCheckIn'>,
    private readonly tokens: LinkTokens,
    private readonly clock: Clock,
    private readonly options: PersonalLinkOptions,
  ) {}

  /** The page behind a link, with the answer stored so far; nothing is written. */
  async open(token: string): Promise<LinkOutcome> {
    const read = this.tokens.read(token, this.clock.now());
    if (read.ok && read.claims.kind === 'assessment') return this.openAssessment(token);
    const found = await this.resolve(token);
    if (!found.ok) return found;
    return { ok: true, view: await this.viewOf(found.meeting, found.group, found.member, found.kind) };
  }

  /**
   * An assessment link for a member (30 days): the page rates the capabilities for the member's
   * organisation. Given privately like the other links; the caller decides how it travels.
   */
  issueAssessmentLink(group: Group, member: Member): string {
    const expiresAt = new Date(this.clock.now().getTime() + 30 * 24 * HOUR_MS);
    return `${this.options.publicBaseUrl}/p/${this.tokens.issue({ tenantId: group.tenantId, meetingId: '', groupId: group.id, memberId: member.id, kind: 'assessment', expiresAt })}`;
  }

  /**
   * Mails a member their assessment link, from the group's creator (the organizer who set it up), when
   * Graph is configured and the member has an address. False when there is no way to mail it.
   */
  async mailAssessmentLink(group: Group, member: Member, message: LinkMessage): Promise<boolean> {
    const { calendar } = this.options;
    const sender = group.createdBy.aadObjectId;
    if (!calendar || !sender || !member.person.email) return false;
    await calendar.sendMail(sender, { name: member.person.name, address: member.person.email }, message.subject, mailHtml(message, this.issueAssessmentLink(group, member)));
    return true;
  }

  private async resolveAssessment(token: string): Promise<{ ok: true; group: Group; member: Member } | { ok: false; refusal: LinkRefusal }> {
    const read = this.tokens.read(token, this.clock.now(), 'assessment');
    if (!read.ok) return read;
    const { tenantId, groupId, memberId } = read.claims;
    const group = groupId ? await this.repos.groups.get(tenantId, groupId) : undefined;
    const member = group ? (await this.repos.groups.members(tenantId, group.id)).find((m) => m.id === memberId && isMemberOn(m, this.clock.now().toISOString().slice(0, 10))) : undefined;
    // A member who left the group, or lost their organisation, no longer answers for it.
    if (!group || !member?.organisation || !this.options.capabilities) return { ok: false, refusal: 'gone' };
    return { ok: true, group, member };
  }

  private async openAssessment(token: string): Promise<LinkOutcome> {
    const found = await this.resolveAssessment(token);
    if (!found.ok) return found;
    const form = await this.options.capabilities!.formForMember(found.group, found.member);
    return { ok: true, view: assessmentView(found.group, found.member, form) };
  }

  /**
   * Stores the answer for the person the link names — nobody else — through the same use case as the card
   * (`via: 'link'`); answering again replaces the answer. A refused link stores nothing.
   */
  async answer(token: string, answer: LinkAnswer): Promise<LinkOutcome> {
    if (answer.kind === 'assessment') {
      const link = await this.resolveAssessment(token);
      if (!link.ok) return link;
      // Validated in full by the domain before anything is stored (a DomainError names the capability).
      const { form } = await this.options.capabilities!.assessAsMember(link.group, link.member, answer.answers);
      return { ok: true, view: assessmentView(link.group, link.member, form) };
    }
    const found = await this.resolve(token, answer.kind);
    if (!found.ok) return found;
    const { meeting, group, member } = found;
    const person = answeringPerson(member);
    try {
      await this.store(meeting, person, answer);
    } catch (e) {
      // The meeting was deleted between the link's check and the write: the link leads nowhere now.
      if (isDomainError(e) && e.code === 'CARD.STALE') return { ok: false, refusal: 'gone' };
      throw e;
    }
    return { ok: true, view: await this.viewOf(meeting, group, member, answer.kind) };
  }

  private async store(meeting: Meeting, person: PersonRef, answer: Exclude<LinkAnswer, { kind: 'assessment' }>): Promise<void> {
    if (answer.kind === 'notice') {
      await this.run.answerNotice(
        meeting.tenantId,
        meeting.id,
        person,
        { attending: answer.attending, ...(answer.note === undefined ? {} : { note: answer.note }), ...(answer.substitute === undefined ? {} : { substitute: answer.substitute }) },
        'link',
      );
      // The answer is stored whatever happens to the card: a failed update is reported, not the member's problem.
      await this.options.onNoticeAnswered?.(meeting).catch((e: unknown) => this.options.onError?.(e, `updating the notice card of meeting ${meeting.id}`));
    } else {
      await this.run.answerCheckIn(meeting.tenantId, meeting.id, person, { mood: answer.mood, inRoom: answer.inRoom, ...(answer.text === undefined ? {} : { text: answer.text }) }, 'link');
    }
  }

  /** Gives the meeting's members their own link privately (see personal-link-delivery.ts for who and how). */
  async deliver(input: DeliveryInput): Promise<LinkDeliveryReport> {
    const { calendar, publicBaseUrl, hostTenantId, onError } = this.options;
    return deliverLinks({ repos: this.repos, tokens: this.tokens, clock: this.clock, publicBaseUrl, ...(calendar ? { calendar } : {}), ...(hostTenantId ? { hostTenantId } : {}), ...(onError ? { onError } : {}) }, input);
  }

  private async resolve(token: string, expectedKind?: LinkKind): Promise<{ ok: true; meeting: Meeting; group: Group; member: Member; kind: LinkKind } | { ok: false; refusal: LinkRefusal }> {
    const read = this.tokens.read(token, this.clock.now(), expectedKind);
    if (!read.ok) return read;
    const { tenantId, meetingId, memberId, kind } = read.claims;
    if (kind === 'assessment') return { ok: false, refusal: 'wrongKind' };
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    const group = meeting?.groupId ? await this.repos.groups.get(tenantId, meeting.groupId) : undefined;
    const member = group ? (await this.repos.groups.members(tenantId, group.id)).find((m) => m.id === memberId) : undefined;
    if (!meeting || !group || !member) return { ok: false, refusal: 'gone' };
    // A cancelled meeting takes no answers (and shows none): its links are dead, as a deleted meeting's are.
    if (meeting.cancelledAt) return { ok: false, refusal: 'cancelled' };
    // A member of the group on the meeting's day whose membership has not ended: a former member's link is dead.
    const today = this.clock.now().toISOString().slice(0, 10);
    const day = (meeting.startsAt ?? this.clock.now().toISOString()).slice(0, 10);
    if (!isMemberOn(member, day) || (member.to !== undefined && member.to < today)) return { ok: false, refusal: 'notMember' };
    return { ok: true, meeting, group, member, kind };
  }

  private async viewOf(meeting: Meeting, group: Group, member: Member, kind: LinkKind): Promise<LinkPageView> {
    const key = personKey(answeringPerson(member));
    const when = whenOf(meeting);
    const agenda = (await this.repos.agendas.list(meeting.tenantId, meeting.id)).map((e): NonNullable<LinkPageView['agenda']>[number] =>
      isItem(e)
        ? { kind: 'item', text: `${e.number}. [${e.type}] ${e.title}${e.responsible ? ` — ${e.responsible}` : ''}`, start: e.plannedStart }
        : { kind: e.kind, ...(e.title ? { text: e.title } : {}), start: e.plannedStart },
    );
    // A preparation group's page names the council it prepares for, too.
    const parent = group.kind === 'preparation' ? (await this.repos.groups.list(meeting.tenantId)).find((g) => g.preparationGroupId === group.id) : undefined;
    const view: LinkPageView = {
      kind,
      personName: member.person.name,
      meetingTitle: titleOf(meeting, group),
      groupName: group.name,
      groupKind: group.kind,
      ...(parent ? { preparesFor: parent.name } : {}),
      ...(when ? { when } : {}),
      ...(meeting.joinUrl ? { joinUrl: meeting.joinUrl } : {}),
      ...(agenda.length > 0 ? { agenda } : {}),
    };
    if (kind === 'notice') {
      const mine = (await this.repos.answers.notices(meeting.tenantId, meeting.id)).find((a) => personKey(a.person) === key);
      if (mine) view.notice = { attending: mine.attending, ...(mine.note ? { note: mine.note } : {}), ...(mine.substitute ? { substitute: mine.substitute } : {}) };
    } else {
      const mine = (await this.repos.answers.checkIns(meeting.tenantId, meeting.id)).find((a) => personKey(a.person) === key);
      if (mine) view.checkIn = { mood: mine.mood, inRoom: mine.inRoom, ...(mine.text ? { text: mine.text } : {}) };
    }
    return view;
  }
}

const titleOf = (meeting: Meeting, group: Group): string => meeting.title ?? group.name;

function assessmentView(group: Group, member: Member, form: AssessmentForm): LinkPageView {
  return {
    kind: 'assessment',
    personName: member.person.name,
    meetingTitle: group.name,
    groupName: group.name,
    assessment: {
      organisation: form.organisation,
      ...(form.vision ? { vision: form.vision } : {}),
      capabilities: form.capabilities.map((c) => ({ id: c.id, code: c.code, area: c.area, name: c.name, ...(c.description ? { description: c.description } : {}) })),
      answers: Object.fromEntries(form.answers),
      answered: form.answered,
      total: form.total,
    },
  };
}
