import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { ImportLayout, ImportRepository, MeetingImport, NewMeetingImport, Stored } from '../app/ports';
import { retryOnConflict } from './numbering';
import type { Database, MeetingImportsTable } from './schema';

const text = z.string();
const heading = z.object({ heading: text, more: z.array(text) });

/** The layout as the port types it: a row written by another version, or by hand, is refused when read. */
const layoutSchema: z.ZodType<ImportLayout> = z.object({
  title: text,
  preamble: z.array(text),
  info: z.object({
    heading: text,
    called: text.optional(),
    place: text.optional(),
    time: z.enum(['span', 'start', 'none']),
    other: z.array(z.object({ key: text, value: text })),
    written: z.object({ date: z.object({ text, value: text }).optional(), time: z.object({ text, value: text }).optional() }).optional(),
  }),
  people: z.array(z.object({ role: z.enum(['present', 'excused', 'absent', 'presenters']), heading: text, columns: z.array(text) })),
  presenters: z.array(text),
  agenda: z
    .object({
      heading: text,
      legend: text.optional(),
      columns: z.array(text),
      breakLabels: z.array(text),
      omitted: z.array(z.number().int()),
      moved: z.array(z.object({ row: z.number().int(), written: text, stored: text })).optional(),
    })
    .optional(),
  items: z.array(
    z.object({
      number: z.number().int(),
      written: z.number().int().optional(),
      blocks: z.array(
        z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('note') }),
          z.object({ kind: z.literal('decision') }),
          z.object({ kind: z.literal('risks'), caption: text.optional(), columns: z.array(text), ids: z.array(text) }),
          z.object({ kind: z.literal('followUp'), id: text, heading: text.optional() }),
        ]),
      ),
    }),
  ),
  decisionNumbers: z.array(z.number().int().nullable()),
  riskCodes: z.record(text, text),
  recordedBy: heading.optional(),
  approvedBy: heading.optional(),
  attachments: z.object({ heading: text, undated: z.array(text) }).optional(),
});

/** A stored layout that is not one: says which meeting and what is wrong with it. */
export class ImportLayoutError extends Error {
  override name = 'ImportLayoutError';
}

function readLayout(meetingId: string, json: string): ImportLayout {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    // Not JSON at all: the same refusal as a JSON of the wrong shape, naming the meeting.
    if (!(e instanceof SyntaxError)) throw e;
    throw new ImportLayoutError(`The import layout of meeting ${meetingId} is not JSON: ${e.message}`);
  }
  const parsed = layoutSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportLayoutError(`The import layout of meeting ${meetingId} is not valid at “${issue.path.join('.')}”: ${issue.message}`);
  }
  return parsed.data;
}

const toImport = (r: Selectable<MeetingImportsTable>): MeetingImport => ({
  tenantId: r.tenant_id,
  meetingId: r.meeting_id,
  groupId: r.group_id,
  sourceKey: r.source_key,
  membersFromMinutes: Number(r.members_from_minutes) === 1,
  layout: readLayout(r.meeting_id, r.layout),
  startedAt: r.started_at,
  ...(r.completed_at ? { completedAt: r.completed_at } : {}),
});

/** One row per imported meeting; the meeting's records are in their own tables, stored by source key. */
export class SqlImportRepository implements ImportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  begin(input: NewMeetingImport): Promise<Stored<MeetingImport>> {
    return retryOnConflict(async () => {
      const existing = await this.row(input.tenantId, input.meetingId);
      if (existing) return { value: toImport(existing), created: false };
      const row: Selectable<MeetingImportsTable> = {
        meeting_id: input.meetingId,
        tenant_id: input.tenantId,
        group_id: input.groupId,
        source_key: input.sourceKey,
        members_from_minutes: input.membersFromMinutes ? 1 : 0,
        layout: JSON.stringify(layoutSchema.parse(input.layout)),
        started_at: input.startedAt,
        completed_at: null,
      };
      await this.db.insertInto('meeting_imports').values(row).execute();
      return { value: toImport(row), created: true };
    });
  }

  async complete(tenantId: string, meetingId: string, layout: ImportLayout, at: string): Promise<MeetingImport> {
    await this.db
      .updateTable('meeting_imports')
      .set({ layout: JSON.stringify(layoutSchema.parse(layout)), completed_at: at })
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .execute();
    const row = await this.row(tenantId, meetingId);
    if (!row) throw new Error(`no import of meeting ${meetingId} to complete`);
    return toImport(row);
  }

  async get(tenantId: string, meetingId: string): Promise<MeetingImport | undefined> {
    const row = await this.row(tenantId, meetingId);
    return row ? toImport(row) : undefined;
  }

  async findBySource(tenantId: string, sourceKey: string): Promise<MeetingImport | undefined> {
    const row = await this.db.selectFrom('meeting_imports').selectAll().where('tenant_id', '=', tenantId).where('source_key', '=', sourceKey).executeTakeFirst();
    return row ? toImport(row) : undefined;
  }

  private row(tenantId: string, meetingId: string): Promise<Selectable<MeetingImportsTable> | undefined> {
    return this.db.selectFrom('meeting_imports').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).executeTakeFirst();
  }
}
