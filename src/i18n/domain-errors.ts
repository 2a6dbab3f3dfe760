/**
 * A domain error in words, for every face: the bot's reply, the tab API's `{ code, message }` and the
 * personal-link pages all say a refusal the same way, from the same catalog.
 */
import { isDomainError, type DomainError, type ErrorCode } from '../domain/errors';
import { errorKey, translator, type Locale, type MessageKey, type Translate } from './index';

/** The longest value a message quotes whole: a reply must stay within Teams' 28 KB message limit. */
const MAX_QUOTED = 500;

const FIELD_NAMES: Record<string, MessageKey> = {
  decision: 'field.decision',
  threat: 'field.threat',
  vulnerability: 'field.vulnerability',
  consequence: 'field.consequence',
  action: 'field.action',
  owner: 'field.owner',
  due: 'field.due',
  title: 'field.title',
  responsible: 'field.responsible',
  description: 'field.description',
  date: 'field.date',
  start: 'field.start',
  end: 'field.end',
  note: 'field.note',
  time: 'field.time',
  plannedStart: 'field.start',
  heading: 'field.heading',
  checkin: 'field.checkin',
  group: 'field.group',
  name: 'field.name',
  organisation: 'field.organisation',
  S: 'field.S',
  K: 'field.K',
};

const KINDS: Record<string, MessageKey> = {
  risk: 'kind.risk',
  decision: 'kind.decision',
  note: 'kind.note',
  attachment: 'kind.attachment',
  action: 'kind.action',
  minutes: 'kind.minutes',
  agenda: 'kind.agenda',
  attendance: 'kind.attendance',
  meeting: 'kind.meeting',
  capability: 'kind.capability',
};

/** Errors about what was typed: a correct example helps. */
const SHOWS_EXAMPLE = /^(TEXT\.|RISK\.SCORE|PERSON\.|SCHEDULE\.BAD_|AGENDA\.QUICK_FORM|GROUP\.(PREPARATION_)?NOT_FOUND|ACTION\.REPEATED_FIELD|ATTACHMENT\.BAD_|DECISION\.BAD_NUMBERING)/;

/** The error's own sentence, its parameters in words (field and record names translated, long values cut). */
export function errorMessage(e: DomainError, t: Translate): string {
  const params: Record<string, string | number> = Object.fromEntries(
    Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' && v.length > MAX_QUOTED ? `${v.slice(0, MAX_QUOTED)}… (${v.length} characters)` : v]),
  );
  if (typeof params.field === 'string' && Object.hasOwn(FIELD_NAMES, params.field)) params.field = t(FIELD_NAMES[params.field]!);
  if (typeof params.kind === 'string' && Object.hasOwn(KINDS, params.kind)) params.kind = t(KINDS[params.kind]!);
  return t(errorKey(e.code), params);
}

/**
 * The bot's reply: the sentence, who can record instead, and a correct example where the command has one.
 * A value it could not read is said with the command it was typed in (`command`, e.g. "/action").
 */
export function explain(e: DomainError, t: Translate, usage?: MessageKey, command?: string): string {
  const parts = [command && e.params.value !== undefined ? t('error.inCommand', { command, message: errorMessage(e, t) }) : errorMessage(e, t)];
  if (e.code === 'ACCESS.RECORD_DENIED' || e.code === 'ACCESS.GROUP_RECORD_DENIED') {
    parts.push(e.params.secretary ? t('access.secretaryIs', { name: e.params.secretary }) : t('access.noSecretary'));
  }
  if (usage && SHOWS_EXAMPLE.test(e.code)) parts.push(t('common.example', { example: t(usage) }));
  else if (/^RISK\.(BAD_CODE|BAD_STATUS|NOT_FOUND)$/.test(e.code)) parts.push(t('common.example', { example: t('usage.riskReview') }));
  return parts.join(' ');
}

export type RefusalStatus = 400 | 403 | 404;

/** An HTTP status for a refusal: what is not there (or is another tenant's) 404, what is not allowed 403, the rest 400. */
export function statusOf(code: ErrorCode): RefusalStatus {
  if (code === 'MEETING.NONE' || code.endsWith('.NOT_FOUND')) return 404;
  if (code.startsWith('ACCESS.')) return 403;
  return 400;
}

export interface Refusal {
  status: RefusalStatus;
  code: ErrorCode;
  message: string;
}

/** A thrown value as an HTTP refusal in the caller's language; undefined when it is not a domain error (a fault). */
export function refusalOf(e: unknown, locale: Locale): Refusal | undefined {
  if (!isDomainError(e)) return undefined;
  const t = translator(locale);
  const status = statusOf(e.code);
  // A group of another tenant looks exactly like a group that does not exist.
  const message = e.code === 'GROUP.NOT_FOUND' ? t('error.noSuchGroup') : errorMessage(e, t);
  return { status, code: e.code, message };
}

/** A thrown value's message when it is a domain refusal; undefined for a fault. */
export const refusalMessage = (e: unknown, t: Translate): string | undefined => (isDomainError(e) ? errorMessage(e, t) : undefined);
