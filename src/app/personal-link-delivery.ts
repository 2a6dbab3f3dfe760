/**
 * Who gets a personal link, and how. A member who is in the chat, of the host tenant, answers on the card
 * there and gets no link. Anyone else gets one privately: by e-mail from the meeting's organizer when Graph
 * is configured and the member has an address; else in a one-to-one bot message (the chat's account of a
 * host-tenant member, or the Entra object id of one who is not in the chat); else not at all — they are
 * named in the report, with their link, for an editor to pass on.
 */
import type { NoticeAnswer } from '../domain/attendance-answers';
import { isMemberOn, type Group, type Member } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import type { PersonRef } from '../domain/person';
import { utcToStockholm } from '../domain/stockholm-time';
import { escapeHtml } from './html';
import { unansweredMembers } from './notice-overview';
import type { Clock, DirectMessenger, LinkKind, LinkMessage, LinkTokens, MeetingCalendar, Repositories } from './ports';

export interface LinkWhen {
  /** Stockholm calendar date and wall-clock times. */
  date: string;
  start: string;
  end?: string;
}

export type LinkMessageWriter = (about: { kind: LinkKind; personName: string; meetingTitle: string; groupName?: string; when?: LinkWhen }) => LinkMessage;

/** Who got a link and how, by display name. */
export interface LinkDeliveryReport {
  mailed: string[];
  messaged: string[];
  /** In the chat: they answer on the card, no link was sent. */
  inChat: string[];
  /** Neither a usable e-mail nor an account the bot may message. */
  unreachable: string[];
  failed: string[];
  /** The links of the unreachable and failed, for the editor who sent the notice (never the group chat). */
  links: Array<{ name: string; url: string }>;
}

export interface DeliveryInput {
  meeting: Meeting;
  group?: Group;
  kind: LinkKind;
  messenger?: DirectMessenger;
  write: LinkMessageWriter;
  /** The reminder: only members who have not answered the notice. */
  onlyUnanswered?: boolean;
}

export interface DeliveryDeps {
  repos: Pick<Repositories, 'groups' | 'answers'>;
  tokens: LinkTokens;
  clock: Clock;
  calendar?: MeetingCalendar;
  publicBaseUrl: string;
  hostTenantId?: string;
  onError?: (e: unknown, what: string) => void;
}

const HOUR_MS = 3_600_000;
/** Mails and messages in flight at once: Graph throttles per mailbox, and a council has tens of members. */
const PARALLEL_DELIVERIES = 4;

/** Members the links go to: current on the meeting's day; a check-in skips the excused; a reminder skips who answered. */
async function recipients(deps: DeliveryDeps, input: DeliveryInput, day: string): Promise<Member[]> {
  const { meeting, group, kind } = input;
  const members = (await deps.repos.groups.members(meeting.tenantId, group!.id)).filter((m) => isMemberOn(m, day));
  const notices: NoticeAnswer[] = kind === 'assessment' ? [] : await deps.repos.answers.notices(meeting.tenantId, meeting.id);
  if (kind === 'checkin') {
    const excused = notices.filter((a) => !a.attending);
    const attendingOrSilent = new Set(unansweredMembers(members, excused).map((m) => m.id));
    return members.filter((m) => attendingOrSilent.has(m.id));
  }
  return input.onlyUnanswered ? unansweredMembers(members, notices) : members;
}

export async function deliverLinks(deps: DeliveryDeps, input: DeliveryInput): Promise<LinkDeliveryReport> {
  const report: LinkDeliveryReport = { mailed: [], messaged: [], inChat: [], unreachable: [], failed: [], links: [] };
  const { meeting, group, kind, messenger } = input;
  if (!group) return report;
  const now = deps.clock.now();
  const members = await recipients(deps, input, (meeting.startsAt ?? now.toISOString()).slice(0, 10));
  const expiresAt = linkExpiry(meeting, kind, now);
  const title = meeting.title ?? group.name;
  const when = whenOf(meeting);
  const host = (deps.hostTenantId ?? meeting.tenantId).toLowerCase();
  const sender = meeting.scheduledBy?.aadObjectId ?? meeting.organizerAadObjectId;

  const deliverTo = async (member: Member): Promise<void> => {
    const name = member.person.name;
    const account = messenger ? await messenger.find(member.person) : undefined;
    const hostAccount = account && account.tenantId?.toLowerCase() === host;
    // In the chat and of the host tenant: the card there is theirs to press.
    if (hostAccount) {
      report.inChat.push(name);
      return;
    }
    const url = `${deps.publicBaseUrl}/p/${deps.tokens.issue({ tenantId: meeting.tenantId, meetingId: meeting.id, memberId: member.id, kind, expiresAt })}`;
    const message = input.write({ kind, personName: name, meetingTitle: title, groupName: group.name, ...(when ? { when } : {}) });
    let failed = false;
    if (deps.calendar && sender && member.person.email) {
      try {
        await deps.calendar.sendMail(sender, { name, address: member.person.email }, message.subject, mailHtml(message, url));
        report.mailed.push(name);
        return;
      } catch (e) {
        failed = true;
        deps.onError?.(e, `mailing a personal link to member ${member.id}`);
      }
    }
    // Not in the chat: Teams opens a one-to-one chat with a host-tenant user by Entra object id.
    const direct = !account && member.person.aadObjectId ? member.person.aadObjectId : undefined;
    if (messenger && direct) {
      try {
        await messenger.send(direct, host, message, url);
        report.messaged.push(name);
        return;
      } catch (e) {
        failed = true;
        deps.onError?.(e, `messaging a personal link to member ${member.id}`);
      }
    }
    (failed ? report.failed : report.unreachable).push(name);
    report.links.push({ name, url });
  };

  const queue = [...members];
  const worker = async (): Promise<void> => {
    for (let m = queue.shift(); m; m = queue.shift()) await deliverTo(m);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DELIVERIES, queue.length) }, worker));
  return report;
}

/**
 * The person a link answers for. A member known to Teams answers as that account (so a card answer and a
 * link answer are one answer); a member known only by name and e-mail (a CSV import) answers as the
 * roster row, so two such members never share an answer.
 */
export function answeringPerson(member: Member): PersonRef {
  const p = member.person;
  return { id: p.id || `member:${member.id}`, name: p.name, ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}) };
}

/** A notice link lasts until the meeting ends; a check-in link for the meeting and two hours after. */
export function linkExpiry(meeting: Meeting, kind: LinkKind, now: Date): Date {
  const end = meeting.endsAt ? new Date(meeting.endsAt).getTime() : undefined;
  const until = kind === 'notice' ? (end ?? now.getTime() + 30 * 24 * HOUR_MS) : Math.max(end ?? now.getTime() + 4 * HOUR_MS, now.getTime()) + 2 * HOUR_MS;
  return new Date(Math.max(until, now.getTime() + HOUR_MS));
}

export function whenOf(meeting: Meeting): LinkWhen | undefined {
  if (!meeting.startsAt) return undefined;
  const start = utcToStockholm(new Date(meeting.startsAt));
  return { date: start.date, start: start.time, ...(meeting.endsAt ? { end: utcToStockholm(new Date(meeting.endsAt)).time } : {}) };
}

export function mailHtml(message: LinkMessage, url: string): string {
  const href = escapeHtml(url);
  return `${message.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p><a href="${href}">${escapeHtml(message.action)}</a></p><p style="font-size:small;color:#555">${href}</p>`;
}
