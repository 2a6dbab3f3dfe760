/**
 * Where the store keeps a person, table by table: the "who" columns (`<prefix>_id`, `_aad_object_id`,
 * `_name`) that erasure pseudonymises, and the columns each export section reads. A new table that names
 * people belongs here; the sweep (privacy-sweep.ts) catches what a list like this misses. Every condition
 * here is limited to one tenant (`inTenant`): a namesake in another tenant is never read or changed.
 */
import { sql, type RawBuilder } from 'kysely';
import type { PersonSection } from '../app/ports';
import type { PersonIdentity } from '../domain/privacy';

/** One person reference in one table; any of the three may be missing (a name-only column such as an owner). */
export interface WhoColumns {
  table: string;
  id?: string;
  aad?: string;
  name?: string;
  /** Rows never changed: approved minutes are public records. */
  keep?: RawBuilder<unknown>;
}

const who = (table: string, prefix: string, aad = true): WhoColumns => ({ table, id: `${prefix}_id`, ...(aad ? { aad: `${prefix}_aad_object_id` } : {}), name: `${prefix}_name` });
const approved = sql`status = 'approved'`;

/** Erasure's per-table steps, in order. Answers and attendance records have steps of their own (privacy-repository.ts). */
export const WHO_COLUMNS: readonly WhoColumns[] = [
  who('groups', 'created_by'),
  who('meetings', 'scheduled_by'),
  { table: 'meetings', aad: 'organizer_aad_object_id' },
  { table: 'meetings', name: 'override_by_name' },
  { table: 'agenda_items', name: 'responsible' },
  who('meeting_secretaries', 'person'),
  who('meeting_secretaries', 'appointed_by', false),
  who('meeting_adjusters', 'person'),
  who('meeting_adjusters', 'appointed_by', false),
  { table: 'attendance_corrections', id: 'by_id', name: 'by_name' },
  who('decisions', 'recorded_by'),
  who('decisions', 'retracted_by'),
  who('notes', 'recorded_by'),
  who('actions', 'created_by'),
  who('actions', 'done_by'),
  { table: 'actions', name: 'owner' },
  who('attachments', 'added_by'),
  who('risks', 'raised_by'),
  { table: 'risks', name: 'owner' },
  who('risk_reviews', 'reviewed_by'),
  who('capability_assessments', 'assessed_by'),
  ...['created_by', 'sent_by', 'approved_by', 'changes_by'].map((p) => ({ ...who('minutes_versions', p), keep: approved })),
];

/** Only the rows of one tenant: every table erasure and export read or change has a `tenant_id` column. */
export const inTenant = (tenantId: string, condition: RawBuilder<unknown>): RawBuilder<unknown> => sql`(tenant_id = ${tenantId} and ${condition})`;

/** A condition true for the tenant's rows whose columns name the person: by channel id, Entra object id, or name as stored. */
export function naming(tenantId: string, person: PersonIdentity, columns: Omit<WhoColumns, 'table'>): RawBuilder<unknown> {
  return inTenant(tenantId, namingAnywhere(person, columns));
}

function namingAnywhere(person: PersonIdentity, columns: Omit<WhoColumns, 'table'>): RawBuilder<unknown> {
  const parts: Array<RawBuilder<unknown>> = [];
  if (columns.id && person.personIds.length > 0) parts.push(sql`${sql.ref(columns.id)} in (${sql.join(person.personIds)})`);
  if (columns.aad && person.aadObjectIds.length > 0) parts.push(sql`lower(${sql.ref(columns.aad)}) in (${sql.join(person.aadObjectIds.map((a) => a.toLowerCase()))})`);
  if (columns.name && person.names.length > 0) parts.push(sql`${sql.ref(columns.name)} in (${sql.join(nameVariants(person.names))})`);
  return parts.length === 0 ? sql`1 = 0` : sql`(${sql.join(parts, sql` or `)})`;
}

/** A name as typed in different places: as stored, and in lower case (the sweep catches other spellings). */
export const nameVariants = (names: readonly string[]): string[] => [...new Set(names.flatMap((n) => [n, n.toLowerCase()]))];

/** The tenant's answers that name a person by their own columns, or by the personal link's `member:<id>`. */
export function answerOf(tenantId: string, person: PersonIdentity): RawBuilder<unknown> {
  const links = person.members.map((m) => `member:${m.id}`);
  const own = namingAnywhere(person, { id: 'person_id', aad: 'person_aad_object_id', name: 'person_name' });
  return inTenant(tenantId, links.length === 0 ? own : sql`(${own} or person_id in (${sql.join(links)}))`);
}

export interface SectionSource {
  table: string;
  columns: readonly string[];
  /** Extra condition, or-ed with the who columns (e.g. a correction about one of the person's roster rows); the tenant is added by the caller. */
  about?: (tenantId: string, person: PersonIdentity) => RawBuilder<unknown> | undefined;
  who: ReadonlyArray<Omit<WhoColumns, 'table'>>;
}

const MEETING = ['tenant_id', 'meeting_id'];

/** What the export reads per section (attendance, roster and minutes are assembled in src/app). */
export const SECTION_SOURCES: Record<PersonSection, readonly SectionSource[]> = {
  noticeAnswers: [{ table: 'notice_responses', columns: [...MEETING, 'person_name', 'attending', 'note', 'substitute', 'answered_at', 'via'], who: [], about: answerOf }],
  checkInAnswers: [{ table: 'checkin_answers', columns: [...MEETING, 'person_name', 'mood', 'text', 'in_room', 'answered_at', 'via'], who: [], about: answerOf }],
  attendanceCorrections: [
    {
      table: 'attendance_corrections',
      columns: [...MEETING, 'member_id', 'status', 'by_name', 'at'],
      who: [{ id: 'by_id', name: 'by_name' }],
      about: (t, p) => (p.members.length > 0 ? inTenant(t, sql`member_id in (${sql.join(p.members.map((m) => m.id))})`) : undefined),
    },
  ],
  secretaryships: ['meeting_secretaries', 'meeting_adjusters'].map((table) => ({ table, columns: [...MEETING, 'person_name', 'appointed_by_name', 'appointed_at'], who: [{ id: 'person_id', aad: 'person_aad_object_id', name: 'person_name' }] })),
  decisions: [
    {
      table: 'decisions',
      columns: [...MEETING, 'id', 'number', 'heading', 'text', 'status', 'recorded_by_name', 'recorded_at', 'retracted_by_name', 'retracted_at'],
      who: [{ id: 'recorded_by_id', aad: 'recorded_by_aad_object_id', name: 'recorded_by_name' }, { id: 'retracted_by_id', aad: 'retracted_by_aad_object_id', name: 'retracted_by_name' }],
    },
  ],
  notes: [{ table: 'notes', columns: [...MEETING, 'id', 'agenda_item', 'text', 'recorded_by_name', 'recorded_at'], who: [{ id: 'recorded_by_id', aad: 'recorded_by_aad_object_id', name: 'recorded_by_name' }] }],
  actions: [
    {
      table: 'actions',
      columns: [...MEETING, 'id', 'text', 'owner', 'due', 'status', 'created_by_name', 'created_at', 'done_by_name', 'done_at'],
      who: [{ id: 'created_by_id', aad: 'created_by_aad_object_id', name: 'created_by_name' }, { id: 'done_by_id', aad: 'done_by_aad_object_id', name: 'done_by_name' }, { name: 'owner' }],
    },
  ],
  risks: [{ table: 'risks', columns: ['tenant_id', 'meeting_id', 'id', 'number', 'threat', 'owner', 'status', 'raised_by_name', 'raised_at'], who: [{ id: 'raised_by_id', aad: 'raised_by_aad_object_id', name: 'raised_by_name' }, { name: 'owner' }] }],
  riskReviews: [{ table: 'risk_reviews', columns: ['tenant_id', 'meeting_id', 'risk_id', 'status', 'note', 'reviewed_by_name', 'reviewed_at'], who: [{ id: 'reviewed_by_id', aad: 'reviewed_by_aad_object_id', name: 'reviewed_by_name' }] }],
  assessments: [
    { table: 'capability_assessments', columns: ['tenant_id', 'group_id', 'capability_id', 'organisation', 'maturity', 'importance', 'assessed_by_name', 'assessed_at', 'via'], who: [{ id: 'assessed_by_id', aad: 'assessed_by_aad_object_id', name: 'assessed_by_name' }] },
  ],
  attachments: [{ table: 'attachments', columns: [...MEETING, 'title', 'url', 'added_by_name', 'added_at'], who: [{ id: 'added_by_id', aad: 'added_by_aad_object_id', name: 'added_by_name' }] }],
};
