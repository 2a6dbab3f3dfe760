/**
 * Minutes ("minnesanteckningar", "protokoll"): what a meeting recorded, in the shape the council's minutes
 * have (seeds 001 and 003): meeting information, present and excused with their organisation, co-opted and
 * presenters, the typed agenda with times, then per item its notes, check-in answers, decisions, risks and
 * actions; recorded by, approved by. The content is data only: the words around it come at rendering, so
 * the same version reads in Swedish and in English.
 *
 * Approval ("justering") locks a version: its content and hash never change; a later change to the
 * records makes a new version that needs approval again.
 *
 * The content's shape is in minutes-content.ts and its assembly from the records in minutes-assembly.ts;
 * what a stored version is checked, hashed and published with is here.
 */
import { DomainError } from './errors';
import type { MinutesContent, MinutesPerson, MinutesSection } from './minutes-content';

export { assembleMinutes, type MinutesRecords } from './minutes-assembly';
export {
  sectionIsEmpty,
  type MinutesAction,
  type MinutesAgendaRow,
  type MinutesAttachment,
  type MinutesCheckIn,
  type MinutesContent,
  type MinutesDecision,
  type MinutesOverride,
  type MinutesPerson,
  type MinutesRiskReview,
  type MinutesRiskRow,
  type MinutesSection,
  type MinutesStatus,
  type MinutesVersion,
} from './minutes-content';

export const MAX_CHANGES_NOTE = 2000;

/** The adjuster's "request changes" note: optional, trimmed, bounded. */
export function changesNote(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw new DomainError('MINUTES.BAD_NOTE');
  const text = raw.trim();
  if (text.length > MAX_CHANGES_NOTE) throw new DomainError('TEXT.TOO_LONG', { field: 'note', max: MAX_CHANGES_NOTE });
  return text === '' ? undefined : text;
}

/**
 * JSON with keys in a fixed order and no undefined values: the same content always gives the same text,
 * so its hash tells whether anything changed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Swedish and international phone numbers, which begin with 0 or +: 070-123 45 67, +46 70 123 45 67, 08-123 456 78.
const PHONE = /(?<![\p{L}\p{N}])(?:\+\d{1,3}[\s-]?(?:\(0\))?|0)\d{1,3}(?:[\s-]?\d{2,4}){2,4}(?![\p{L}\p{N}])/gu;
export const REDACTED = '[…]';

/** Free text with e-mail addresses and phone numbers replaced, for the public export. */
export function withoutContactDetails(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? REDACTED : m));
}

/**
 * The public export: the same minutes without personal contact details — no e-mail addresses in the
 * participant lists, and addresses and phone numbers masked in the recorded text.
 */
export function publicContent(content: MinutesContent): MinutesContent {
  const person = (p: MinutesPerson): MinutesPerson => ({ name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}) });
  const clean = (s: string): string => withoutContactDetails(s);
  const opt = (s: string | undefined): string | undefined => (s === undefined ? undefined : clean(s));
  return {
    ...content,
    present: content.present.map(person),
    excused: content.excused.map(person),
    coopted: content.coopted.map(person),
    sections: content.sections.map((s) => ({
      ...s,
      notes: s.notes.map(clean),
      checkIns: s.checkIns.map((c) => ({ ...c, ...(c.text === undefined ? {} : { text: clean(c.text) }) })),
      decisions: s.decisions.map((d) => ({ ...d, text: clean(d.text), heading: opt(d.heading) })),
      risksRaised: s.risksRaised.map((r) => ({ ...r, threat: clean(r.threat), vulnerability: opt(r.vulnerability), consequence: opt(r.consequence), action: opt(r.action) })),
      riskReviews: s.riskReviews.map((r) => ({ ...r, note: opt(r.note) })),
      actions: s.actions.map((a) => ({ ...a, text: clean(a.text) })),
    })),
    // An address of a shared document can name its owner (a OneDrive path holds the e-mail address): titles and dates only.
    attachments: content.attachments.map((a) => ({ title: clean(a.title), ...(a.date ? { date: a.date } : {}) })),
  };
}

/** Figures for the card's summary. */
export function minutesSummary(c: MinutesContent): { present: number; excused: number; items: number; decisions: number; risks: number; actions: number; notes: number } {
  const sum = (f: (s: MinutesSection) => number): number => c.sections.reduce((n, s) => n + f(s), 0);
  return {
    present: c.present.length,
    excused: c.excused.length,
    items: c.agenda.filter((r) => r.kind === undefined).length,
    decisions: sum((s) => s.decisions.filter((d) => !d.retracted).length),
    risks: sum((s) => s.risksRaised.length + s.riskReviews.length),
    actions: sum((s) => s.actions.length),
    notes: sum((s) => s.notes.length),
  };
}
