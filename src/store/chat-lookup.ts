/**
 * PostgreSQL: what a chat command looks up before it runs — the meeting of the Teams meeting id, its group
 * (the meeting's, else the chat's), the group's roster and the meeting's current secretary — in one query.
 * Asked one by one these were four round trips on every command; SQLite answers each in microseconds and
 * keeps asking one by one. Nothing is cached: each request reads the database, so an appointment made
 * through another instance counts at once; the commands that arrive together share the query.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChatLookUp } from '../app/ports';
import { toGroup, toMember } from './group-repository';
import { toMeeting } from './meeting-repository';
import { StatementBatch } from './statement-batch';
import type { Database, GroupsTable, MeetingSecretariesTable, MeetingsTable, MembersTable } from './schema';
import { toAppointment } from './secretary-repository';

type Row = Selectable<MeetingsTable> & {
  looked_up_index: number;
  looked_up_group: Selectable<GroupsTable> | null;
  looked_up_roster: Array<Selectable<MembersTable>> | null;
  looked_up_secretary: Selectable<MeetingSecretariesTable> | null;
};

interface Chat {
  tenantId: string;
  teamsMeetingId: string;
  conversationId: string;
}

/**
 * The look-ups of every chat asked about together, one row per chat that has a meeting. The group's id is
 * worked out once (lateral) and used for the group and its roster; the roster in the order
 * GroupRepository.members gives it, the secretary as SecretaryRepository.current picks it.
 */
async function lookUpMany(db: Kysely<Database>, chats: Chat[]): Promise<Map<string, Row>> {
  const result = await sql<Row>`/* prepared:chat-lookup-many */
    select k.i as looked_up_index, m.*,
           (select to_json(g) from groups g where g.tenant_id = m.tenant_id and g.id = gid.id) as looked_up_group,
           (select json_agg(x order by x.name, x.valid_from) from members x where x.tenant_id = m.tenant_id and x.group_id = gid.id) as looked_up_roster,
           (select to_json(s) from meeting_secretaries s where s.tenant_id = m.tenant_id and s.meeting_id = m.id
             order by s.appointed_at desc, s.id desc limit 1) as looked_up_secretary
    from unnest(cast(${chats.map((c) => c.tenantId)} as text[]), cast(${chats.map((c) => c.teamsMeetingId)} as text[]),
                cast(${chats.map((c) => c.conversationId)} as text[]), cast(${chats.map((_, i) => i)} as integer[])) as k(tenant_id, teams_meeting_id, conversation_id, i)
    join meetings m on m.tenant_id = k.tenant_id and m.teams_meeting_id = k.teams_meeting_id
    cross join lateral (
      select coalesce(m.group_id, (select c.id from groups c where c.tenant_id = k.tenant_id and c.conversation_id = k.conversation_id limit 1)) as id
    ) gid
  `.execute(db);
  return new Map(result.rows.map((row) => [keyOf(chats[Number(row.looked_up_index)]!), row]));
}

const keyOf = (chat: Chat): string => JSON.stringify([chat.tenantId, chat.teamsMeetingId, chat.conversationId]);

export function postgresChatLookUp(db: Kysely<Database>) {
  // Commands that arrive together look up in one query (StatementBatch: each answered by a query sent after it).
  const batch = new StatementBatch<Chat, Row>(keyOf, (chats) => lookUpMany(db, chats));
  return async (input: Chat): Promise<ChatLookUp | undefined> => {
    const row = await batch.load({ tenantId: input.tenantId, teamsMeetingId: input.teamsMeetingId, conversationId: input.conversationId });
    if (!row) return undefined;
    // Each request its own objects, though several share the row.
    const { looked_up_index: _, looked_up_group: group, looked_up_roster: roster, looked_up_secretary: secretary, ...meeting } = row;
    return {
      meeting: toMeeting(meeting),
      ...(group ? { group: toGroup(group), roster: (roster ?? []).map(toMember) } : {}),
      ...(secretary ? { secretary: toAppointment(secretary) } : {}),
    };
  };
}
