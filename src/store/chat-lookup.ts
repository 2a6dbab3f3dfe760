/**
 * PostgreSQL: what a chat command looks up before it runs — the meeting of the Teams meeting id, its group
 * (the meeting's, else the chat's), the group's roster and the meeting's current secretary — in one query.
 * Asked one by one these were four round trips on every command; SQLite answers each in microseconds and
 * keeps asking one by one. Nothing is cached: each request reads the database, so an appointment made
 * through another instance counts at once.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChatLookUp } from '../app/ports';
import { toGroup, toMember } from './group-repository';
import { toMeeting } from './meeting-repository';
import type { Database, GroupsTable, MeetingSecretariesTable, MeetingsTable, MembersTable } from './schema';
import { toAppointment } from './secretary-repository';

type Row = Selectable<MeetingsTable> & {
  looked_up_group: Selectable<GroupsTable> | null;
  looked_up_roster: Array<Selectable<MembersTable>> | null;
  looked_up_secretary: Selectable<MeetingSecretariesTable> | null;
};

export function postgresChatLookUp(db: Kysely<Database>) {
  return async (input: { tenantId: string; teamsMeetingId: string; conversationId: string }): Promise<ChatLookUp | undefined> => {
    const { tenantId, teamsMeetingId, conversationId } = input;
    // The group's id is worked out once (lateral) and used for the group and its roster; the roster in the
    // order GroupRepository.members gives it, the secretary as SecretaryRepository.current picks it.
    const result = await sql<Row>`/* prepared:chat-lookup */
      select m.*,
             (select to_json(g) from groups g where g.tenant_id = m.tenant_id and g.id = gid.id) as looked_up_group,
             (select json_agg(x order by x.name, x.valid_from) from members x where x.tenant_id = m.tenant_id and x.group_id = gid.id) as looked_up_roster,
             (select to_json(s) from meeting_secretaries s where s.tenant_id = m.tenant_id and s.meeting_id = m.id
               order by s.appointed_at desc, s.id desc limit 1) as looked_up_secretary
      from meetings m
      cross join lateral (
        select coalesce(m.group_id, (select c.id from groups c where c.tenant_id = ${tenantId} and c.conversation_id = ${conversationId} limit 1)) as id
      ) gid
      where m.tenant_id = ${tenantId} and m.teams_meeting_id = ${teamsMeetingId}
    `.execute(db);
    const [row] = result.rows;
    if (!row) return undefined;
    const { looked_up_group: group, looked_up_roster: roster, looked_up_secretary: secretary, ...meeting } = row;
    return {
      meeting: toMeeting(meeting),
      ...(group ? { group: toGroup(group), roster: (roster ?? []).map(toMember) } : {}),
      ...(secretary ? { secretary: toAppointment(secretary) } : {}),
    };
  };
}
