/**
 * What imported minutes recorded under their items, stored as the meeting's own records: notes (in the
 * note format: `# ` sub-headings, `- ` bullets, paragraphs), decisions with their headings, the risk table as
 * risks raised in the group's register, each follow-up as a review with its note, and the attachments.
 * Every write has a source key made from the document's, so a run that stopped half-way is run again
 * without storing anything twice; the records are timed a second apart in the document's order, which is
 * the order the minutes list them in.
 */
import { attachmentTitle } from '../domain/attachment';
import { MAX_DECISION_HEADING } from '../domain/decision';
import type { Meeting } from '../domain/meeting';
import type { PersonRef } from '../domain/person';
import { riskCode, validateNewRisk, type Risk, type ValidRisk } from '../domain/risk';
import { stockholmToUtc, utcToStockholm, type IsoDate } from '../domain/stockholm-time';
import { optionalText, requiredText } from '../domain/text';
import type { Repositories } from './ports';

/** Longest note or decision an import takes: a council's paragraph may run past a chat command's 2000. */
const MAX_IMPORTED_TEXT = 20_000;

export type HistoryRecord =
  | { kind: 'note'; text: string }
  | { kind: 'decision'; heading?: string; text: string }
  /** A row of the risk table; `id` as the minutes wrote it ("R1"). */
  | { kind: 'risk'; id: string; risk: ValidRisk }
  /** "R1 Förstudien står utan projektledare" and what was said about it, in the note format. */
  | { kind: 'followUp'; id: string; heading: string; note?: string };

export interface HistoryAttachment {
  title: string;
  date?: IsoDate;
}

export interface RecordCounts {
  notes: number;
  decisions: number;
  risks: number;
  reviews: number;
  attachments: number;
}

/** The records checked as the domain checks them, before anything is stored (a refusal stores nothing). */
export function checkRecords(records: ReadonlyArray<{ item: number; record: HistoryRecord }>, attachments: readonly HistoryAttachment[]): void {
  for (const { record } of records) {
    if (record.kind === 'note') requiredText('note', record.text, MAX_IMPORTED_TEXT);
    else if (record.kind === 'decision') {
      requiredText('decision', record.text, MAX_IMPORTED_TEXT);
      optionalText('heading', record.heading, MAX_DECISION_HEADING);
    } else if (record.kind === 'risk') validateNewRisk(record.risk);
    else optionalText('note', record.note, MAX_IMPORTED_TEXT);
  }
  for (const a of attachments) attachmentTitle(a.title);
}

const sameText = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

export class HistoryRecords {
  readonly counts: RecordCounts = { notes: 0, decisions: 0, risks: 0, reviews: 0, attachments: 0 };
  /** The minutes' risk ids and the codes the register gave them. */
  readonly riskCodes: Record<string, string> = {};
  private readonly risksById = new Map<string, Risk>();
  /** By stored id: S and K the table gave a risk raised at an earlier meeting (its follow-up here is reviewed with them). */
  private readonly tableScores = new Map<string, Pick<Risk, 'probability' | 'impact'>>();
  private step = 0;

  constructor(
    private readonly repos: Pick<Repositories, 'notes' | 'decisions' | 'risks' | 'attachments'>,
    private readonly meeting: Meeting,
    private readonly groupId: string,
    private readonly by: PersonRef,
    /** The source key of the document: every record's key begins with it. */
    private readonly sourceKey: string,
  ) {}

  /** One second after the previous record, from the meeting's end: the minutes' order is the records' order. */
  private next(): { at: string; key: string } {
    const step = this.step++;
    return { at: new Date(Date.parse(this.meeting.endsAt ?? this.meeting.createdAt) + step * 1000).toISOString(), key: `${this.sourceKey}:${step}` };
  }

  async store(records: ReadonlyArray<{ item: number; record: HistoryRecord }>): Promise<void> {
    const followed = new Set(records.flatMap(({ record }) => (record.kind === 'followUp' ? [record.id] : [])));
    const base = { tenantId: this.meeting.tenantId, meetingId: this.meeting.id };
    for (const { item, record } of records) {
      const { at, key } = this.next();
      switch (record.kind) {
        case 'note':
          if ((await this.repos.notes.add({ ...base, agendaItem: item, text: record.text.trim(), recordedBy: this.by, recordedAt: at, sourceKey: `${key}:note` })).created) this.counts.notes++;
          break;
        case 'decision': {
          const heading = optionalText('heading', record.heading, MAX_DECISION_HEADING);
          const stored = await this.repos.decisions.record({ ...base, ...(heading ? { heading } : {}), text: record.text.trim(), agendaItem: item, recordedBy: this.by, recordedAt: at, sourceKey: `${key}:decision` });
          if (stored.created) this.counts.decisions++;
          break;
        }
        case 'risk':
          await this.risk(item, record.id, validateNewRisk(record.risk), followed.has(record.id), at, key);
          break;
        case 'followUp':
          await this.followUp(item, record, at, key);
          break;
      }
    }
  }

  private register?: string;
  private async registerId(): Promise<string> {
    this.register ??= await this.repos.risks.ensureGroupRegister(this.meeting.tenantId, this.groupId);
    return this.register;
  }

  /**
   * A row of the risk table: raised in this meeting, unless the register has the risk under that number
   * from an earlier meeting (the council repeats its table from meeting to meeting): then the row is that
   * risk's review at this meeting, with the S and K the table gives it now.
   */
  private async risk(item: number, id: string, risk: ValidRisk, followed: boolean, at: string, key: string): Promise<void> {
    const registerId = await this.registerId();
    const number = /^R(\d+)$/i.exec(id)?.[1];
    const earlier = number === undefined ? undefined : await this.repos.risks.findByNumber(this.meeting.tenantId, registerId, Number(number));
    if (earlier && earlier.meetingId !== this.meeting.id && sameText(earlier.threat, risk.threat)) {
      this.risksById.set(id, earlier);
      this.riskCodes[id] = riskCode(earlier);
      this.tableScores.set(earlier.id, { probability: risk.probability, impact: risk.impact });
      if (!followed) await this.review(item, earlier, undefined, at, key);
      return;
    }
    const raised = await this.repos.risks.raise({ tenantId: this.meeting.tenantId, registerId, meetingId: this.meeting.id, agendaItem: item, risk, raisedBy: this.by, raisedAt: at, sourceKey: `${key}:risk` });
    if (raised.created) this.counts.risks++;
    this.risksById.set(id, raised.value);
    this.riskCodes[id] = riskCode(raised.value);
  }

  /**
   * A follow-up: a review of the risk (of this meeting's table, or the register's by its number). A
   * follow-up of a risk the register does not have is kept as a note under its heading.
   */
  private async followUp(item: number, f: Extract<HistoryRecord, { kind: 'followUp' }>, at: string, key: string): Promise<void> {
    let risk = this.risksById.get(f.id);
    const number = /^R(\d+)$/i.exec(f.id)?.[1];
    if (!risk && number !== undefined) risk = await this.repos.risks.findByNumber(this.meeting.tenantId, await this.registerId(), Number(number));
    if (risk) {
      this.riskCodes[f.id] = riskCode(risk);
      await this.review(item, risk, f.note, at, key);
      return;
    }
    const text = `# ${f.id} ${f.heading}${f.note ? `\n\n${f.note}` : ''}`;
    if ((await this.repos.notes.add({ tenantId: this.meeting.tenantId, meetingId: this.meeting.id, agendaItem: item, text, recordedBy: this.by, recordedAt: at, sourceKey: `${key}:note` })).created) this.counts.notes++;
  }

  private async review(item: number, risk: Risk, note: string | undefined, at: string, key: string): Promise<void> {
    const scores = this.tableScores.get(risk.id) ?? { probability: risk.probability, impact: risk.impact };
    const text = optionalText('note', note, MAX_IMPORTED_TEXT);
    const stored = await this.repos.risks.review({
      tenantId: this.meeting.tenantId,
      risk,
      // The status is the register's: the minutes' words about it are the note, not a verdict read from them.
      review: { ...scores, status: risk.status, ...(text ? { note: text } : {}), meetingId: this.meeting.id, agendaItem: item, reviewedBy: this.by, reviewedAt: at },
      sourceKey: `${key}:review`,
    });
    if (stored.created) this.counts.reviews++;
  }

  /**
   * The attachments at noon of their dates (the minutes list them by date), one without a date on the
   * meeting's day; a millisecond apart in the minutes' order.
   */
  async attachments(list: readonly HistoryAttachment[]): Promise<void> {
    const meetingDay = utcToStockholm(new Date(this.meeting.startsAt ?? this.meeting.createdAt)).date;
    for (const [i, a] of list.entries()) {
      const day = stockholmToUtc(a.date ?? meetingDay, '12:00').getTime();
      const stored = await this.repos.attachments.add({
        tenantId: this.meeting.tenantId,
        meetingId: this.meeting.id,
        title: attachmentTitle(a.title),
        origin: 'import',
        addedBy: this.by,
        addedAt: new Date(day + i).toISOString(),
        sourceKey: `${this.sourceKey}:attachment:${i}`,
      });
      if (stored.created) this.counts.attachments++;
    }
  }
}
