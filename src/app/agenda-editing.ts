/**
 * Editing a meeting's agenda, from the chat (`/agenda add|remove|move|heading|clear`) and from the agenda
 * card's form. Whoever may record the agenda edits it; the whole agenda is checked against the meeting
 * before it is kept, and an item that has begun is never taken away or renumbered (what was recorded
 * against it keeps its number).
 */
import { isItem, validateAgenda, type AgendaBreak, type AgendaEntry } from '../domain/agenda';
import { addRow, assertStartedItemsKept, inTimeOrder, moveItem, parseAgendaRow, removeRow, setHeading, type AgendaCommand, type RowTarget } from '../domain/agenda-edit';
import { DomainError } from '../domain/errors';
import type { Meeting } from '../domain/meeting';
import { utcToStockholm } from '../domain/stockholm-time';
import type { AccessPolicy, Scope } from './access-policy';
import type { RequestContext } from './context';
import type { Repositories, StoredAgendaEntry } from './ports';

/** A change from the chat: anything `/agenda` does but show it. */
export type AgendaChange = Exclude<AgendaCommand, { kind: 'show' }>;

/** The card form's row: `new`, an item's number, or a break or closing row as `break@14:30`, `end@16:00`. */
export type CardRow = 'new' | RowTarget;

type Tagged = StoredAgendaEntry & { rowKey: number };
const keyOf = (e: AgendaEntry): unknown => (e as Partial<Tagged>).rowKey;

export class AgendaEditing {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'agendas'>,
    private readonly policy: AccessPolicy,
    /** The meeting a chat command is about (the chat's, else the group's next). */
    private readonly target: (ctx: RequestContext) => Promise<{ scope: Scope; meeting: Meeting }>,
  ) {}

  /** `/agenda <change>` in a meeting chat, or in a group's chat for its next meeting. */
  async fromChat(ctx: RequestContext, change: AgendaChange): Promise<Meeting> {
    const { scope, meeting } = await this.target(ctx);
    await this.policy.assert(ctx, scope, 'agenda.record');
    await this.apply(ctx, meeting, (rows) => {
      switch (change.kind) {
        case 'add':
          return addRow(rows, parseAgendaRow(change.text), started);
        case 'remove':
          return removeRow(rows, change.target);
        case 'move':
          return moveItem(rows, change.item, change.to);
        case 'heading':
          return setHeading(rows, change.item, change.heading);
        case 'clear':
          return [];
      }
    });
    return meeting;
  }

  /**
   * The card's form: saves `row` (a new one when `new`) with the typed fields — type (I, D, A, or `break`,
   * `end`), time, title, responsible — or removes it.
   */
  async fromCard(ctx: RequestContext, meetingId: string, row: CardRow, action: 'save' | 'remove', fields: { type?: string; plannedStart?: string; title?: string; responsible?: string }): Promise<Meeting> {
    const meeting = await this.repos.meetings.get(ctx.tenantId, meetingId);
    if (!meeting) throw new DomainError('CARD.STALE');
    const group = meeting.groupId ? await this.repos.groups.get(ctx.tenantId, meeting.groupId) : undefined;
    await this.policy.assert(ctx, { meeting, ...(group ? { group } : {}) }, 'agenda.record');
    await this.apply(ctx, meeting, (rows) => {
      if (action === 'remove') {
        if (row === 'new') throw new DomainError('AGENDA.BAD_EDIT', { value: 'new' });
        return removeRow(rows, row);
      }
      const kind = /^(break|end)$/i.test(fields.type ?? '') ? (fields.type!.toLowerCase() as AgendaBreak['kind']) : undefined;
      const typed = kind
        ? parseAgendaRow(`${kind} ${fields.plannedStart ?? ''} ${fields.title ?? ''}`)
        : parseAgendaRow(`${fields.type ?? ''} ${fields.plannedStart ?? ''} ${fields.title ?? ''}${fields.responsible?.trim() ? ` — ${fields.responsible}` : ''}`);
      if (row === 'new') return addRow(rows, typed, started);
      const others = removeRow(rows, row);
      const place = rows.find((e) => ('item' in row ? isItem(e) && e.number === row.item : e.kind === row.kind && (row.time === undefined || e.plannedStart === row.time)));
      // The item keeps its identity (what has begun stays begun), its links and description; what was typed replaces the rest.
      const edited: AgendaEntry =
        'type' in typed && place && isItem(place)
          ? { ...place, ...typed, fromTemplate: false, ...(typed.responsible ? {} : { responsible: undefined }) }
          : 'type' in typed
            ? { ...typed, number: Number.MAX_SAFE_INTEGER }
            : { ...typed, number: 0 as const };
      return inTimeOrder<AgendaEntry>([...others, edited]);
    });
    return meeting;
  }

  private async apply(ctx: RequestContext, meeting: Meeting, change: (rows: Tagged[]) => AgendaEntry[]): Promise<void> {
    const rows: Tagged[] = (await this.repos.agendas.list(ctx.tenantId, meeting.id)).map((e, rowKey) => ({ ...e, rowKey }));
    const after = change(rows);
    assertStartedItemsKept(rows, after, started, keyOf);
    if (meeting.startsAt && meeting.endsAt) {
      validateAgenda(after, { start: utcToStockholm(new Date(meeting.startsAt)).time, end: utcToStockholm(new Date(meeting.endsAt)).time });
    }
    await this.repos.agendas.replace(ctx.tenantId, meeting.id, after.map(withoutBookkeeping));
  }
}

const started = (e: AgendaEntry): boolean => Boolean((e as Partial<Tagged>).actualStart);

/** The row as it is kept: when it began is the store's, the key only this edit's. */
function withoutBookkeeping(e: AgendaEntry): AgendaEntry {
  const { rowKey: _key, actualStart: _started, ...rest } = e as AgendaEntry & Partial<Tagged>;
  return rest;
}
