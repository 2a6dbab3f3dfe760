/**
 * Personal links: members from other organisations may be unable to use the app inside the
 * meeting, so every notice and check-in also gives each member a link of their own to a small page where
 * the same answer can be given. A link names one roster row, one meeting and one form, and expires; the
 * page answers for that person only. Links reach people privately — by e-mail through Graph, or in a
 * one-to-one bot message to people in the host tenant — never in the group chat.
 */
import { MOODS, personKey, type Mood } from '../domain/attendance-answers';
import { isMemberOn, type Group, type Member } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import type { PersonRef } from '../domain/person';
import { utcToStockholm } from '../domain/stockholm-time';
import type { AssessmentInput, Importance, Maturity } from '../domain/capability';
import type { AssessmentForm, CapabilityService } from './capability-service';
import { escapeHtml } from './html';
import type { MeetingRunService } from './meeting-run-service';
import type { Clock, DirectMessenger, LinkKind, LinkTokenRefusal, LinkTokens, MeetingCalendar, Repositories } from './ports';

export type { LinkKind, Mood };
export const LINK_MOODS: readonly Mood[] = MOODS;

/**
 * Why the page refuses: the token's reasons, `gone` when the meeting or the membership is no longer there, or
 * `notMember` when the person the link names is not (or no longer) a member of the group.
 */
export type LinkRefusal = LinkTokenRefusal | 'gone' | 'notMember';

export interface LinkWhen {
  /** Stockholm calendar date and wall-clock times. */
  date: string;
  start: string;
  end?: string;
}

/** What the page shows: whose answer, to which meeting, and the answer stored so far. */
export interface LinkPageView {
  kind: LinkKind;
  personName: string;
  meetingTitle: string;
  groupName?: string;
  when?: LinkWhen;
  notice?: { attending: boolean; note?: string };
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
  | { kind: 'notice'; attending: boolean; note?: string }
  | { kind: 'checkin'; mood: Mood; text?: string; inRoom: boolean }
  | { kind: 'assessment'; answers: AssessmentInput[] };

/** The words of the private message that carries a link, in the sender's language (written by the bot). */
export interface LinkMessage {
  subject: string;
  paragraphs: string[];
  /** The link's caption ("Answer here"). */
  action: string;
}
export type LinkMessageWriter = (about: { kind: LinkKind; personName: string; meetingTitle: string; when?: LinkWhen }) => LinkMessage;

/** Who got a link and how, by display name; `unreachable` had neither a usable e-mail nor an account the bot may message. */
export interface LinkDeliveryReport {
  mailed: string[];
  messaged: string[];
  unreachable: string[];
  failed: string[];
}

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
}

const HOUR_MS = 3_600_000;
/** Mails and messages in flight at once: Graph throttles per mailbox, and a council has tens of members. */
const PARALLEL_DELIVERIES = 4;

export class PersonalLinkService {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'answers'>,
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
    if (answer.kind === 'notice') {
      await this.run.answerNotice(meeting.tenantId, meeting.id, person, { attending: answer.attending, ...(answer.note === undefined ? {} : { note: answer.note }) }, 'link');
    } else {
      await this.run.answerCheckIn(meeting.tenantId, meeting.id, person, { mood: answer.mood, inRoom: answer.inRoom, ...(answer.text === undefined ? {} : { text: answer.text }) }, 'link');
    }
    return { ok: true, view: await this.viewOf(meeting, group, member, answer.kind) };
  }

  /**
   * Gives every current member of the meeting's group (co-opted members too) their own link, privately:
   * by e-mail from the meeting's organizer when Graph is configured and the member has an address; else in
   * a one-to-one bot message when Teams knows them here and they belong to the host tenant; else not at
   * all (they are named in the report).
   */
  async deliver(input: { meeting: Meeting; group?: Group; kind: LinkKind; messenger?: DirectMessenger; write: LinkMessageWriter }): Promise<LinkDeliveryReport> {
    const report: LinkDeliveryReport = { mailed: [], messaged: [], unreachable: [], failed: [] };
    const { meeting, group, kind } = input;
    if (!group) return report;
    const now = this.clock.now();
    const day = (meeting.startsAt ?? now.toISOString()).slice(0, 10);
    const members = (await this.repos.groups.members(meeting.tenantId, group.id)).filter((m) => isMemberOn(m, day));
    const expiresAt = linkExpiry(meeting, kind, now);
    const title = titleOf(meeting, group);
    const when = whenOf(meeting);
    const host = (this.options.hostTenantId ?? meeting.tenantId).toLowerCase();
    const sender = meeting.scheduledBy?.aadObjectId ?? meeting.organizerAadObjectId;
    const { calendar } = this.options;

    const deliverTo = async (member: Member): Promise<void> => {
      const name = member.person.name;
      const url = `${this.options.publicBaseUrl}/p/${this.tokens.issue({ tenantId: meeting.tenantId, meetingId: meeting.id, memberId: member.id, kind, expiresAt })}`;
      const message = input.write({ kind, personName: name, meetingTitle: title, ...(when ? { when } : {}) });
      let failed = false;
      if (calendar && sender && member.person.email) {
        try {
          await calendar.sendMail(sender, { name, address: member.person.email }, message.subject, mailHtml(message, url));
          report.mailed.push(name);
          return;
        } catch (e) {
          failed = true;
          this.options.onError?.(e, `mailing a personal link to member ${member.id}`);
        }
      }
      const account = input.messenger ? await input.messenger.find(member.person) : undefined;
      if (input.messenger && account && account.tenantId?.toLowerCase() === host) {
        try {
          await input.messenger.send(account.accountId, account.tenantId, [...message.paragraphs, `${message.action}: ${url}`].join('\n\n'));
          report.messaged.push(name);
          return;
        } catch (e) {
          failed = true;
          this.options.onError?.(e, `messaging a personal link to member ${member.id}`);
        }
      }
      (failed ? report.failed : report.unreachable).push(name);
    };

    const queue = [...members];
    const worker = async (): Promise<void> => {
      for (let m = queue.shift(); m; m = queue.shift()) await deliverTo(m);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_DELIVERIES, queue.length) }, worker));
    return report;
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
    // A member of the group on the meeting's day whose membership has not ended: a former member's link is dead.
    const today = this.clock.now().toISOString().slice(0, 10);
    const day = (meeting.startsAt ?? this.clock.now().toISOString()).slice(0, 10);
    if (!isMemberOn(member, day) || (member.to !== undefined && member.to < today)) return { ok: false, refusal: 'notMember' };
    return { ok: true, meeting, group, member, kind };
  }

  private async viewOf(meeting: Meeting, group: Group, member: Member, kind: LinkKind): Promise<LinkPageView> {
    const key = personKey(answeringPerson(member));
    const when = whenOf(meeting);
    const view: LinkPageView = { kind, personName: member.person.name, meetingTitle: titleOf(meeting, group), groupName: group.name, ...(when ? { when } : {}) };
    if (kind === 'notice') {
      const mine = (await this.repos.answers.notices(meeting.tenantId, meeting.id)).find((a) => personKey(a.person) === key);
      if (mine) view.notice = { attending: mine.attending, ...(mine.note ? { note: mine.note } : {}) };
    } else {
      const mine = (await this.repos.answers.checkIns(meeting.tenantId, meeting.id)).find((a) => personKey(a.person) === key);
      if (mine) view.checkIn = { mood: mine.mood, inRoom: mine.inRoom, ...(mine.text ? { text: mine.text } : {}) };
    }
    return view;
  }
}

/**
 * The person a link answers for. A member known to Teams answers as that account (so a card answer and a
 * link answer are one answer); a member known only by name and e-mail (a CSV import) answers as the
 * roster row, so two such members never share an answer.
 */
function answeringPerson(member: Member): PersonRef {
  const p = member.person;
  return { id: p.id || `member:${member.id}`, name: p.name, ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}) };
}

/** A notice link lasts until the meeting ends; a check-in link for the meeting and two hours after. */
function linkExpiry(meeting: Meeting, kind: LinkKind, now: Date): Date {
  const end = meeting.endsAt ? new Date(meeting.endsAt).getTime() : undefined;
  const until = kind === 'notice' ? (end ?? now.getTime() + 30 * 24 * HOUR_MS) : Math.max(end ?? now.getTime() + 4 * HOUR_MS, now.getTime()) + 2 * HOUR_MS;
  return new Date(Math.max(until, now.getTime() + HOUR_MS));
}

const titleOf = (meeting: Meeting, group: Group): string => meeting.title ?? group.name;

function whenOf(meeting: Meeting): LinkWhen | undefined {
  if (!meeting.startsAt) return undefined;
  const start = utcToStockholm(new Date(meeting.startsAt));
  return { date: start.date, start: start.time, ...(meeting.endsAt ? { end: utcToStockholm(new Date(meeting.endsAt)).time } : {}) };
}

function mailHtml(message: LinkMessage, url: string): string {
  const href = escapeHtml(url);
  return `${message.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p><a href="${href}">${escapeHtml(message.action)}</a></p><p style="font-size:small;color:#555">${href}</p>`;
}

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
