/**
 * What Teams knows about the people in a conversation, read through botbuilder's TeamsInfo and adapted to
 * the `ConversationDirectory` port. Meeting roles are cached briefly: every command asks "may this person
 * record?", and a round trip to Teams per command would dominate its latency.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationDirectory } from '../src/app/ports';
import type { TeamsMeetingRole } from '../src/domain/meeting';
import type { PersonRef } from '../src/domain/person';

export class MeetingRoleCache {
  private readonly entries = new Map<string, { role: TeamsMeetingRole; expires: number }>();
  constructor(private readonly ttlMs: number, private readonly maxEntries = 10_000) {}

  get(key: string, now = Date.now()): TeamsMeetingRole | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.role;
  }

  set(key: string, role: TeamsMeetingRole, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    // Oldest first out: Map keeps insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { role, expires: now + this.ttlMs });
  }
}

const knownRoles: readonly TeamsMeetingRole[] = ['Organizer', 'Presenter', 'Attendee'];

export function teamsDirectory(context: TurnContext, meetingId: string | undefined, tenantId: string, cache: MeetingRoleCache, log: Logger): ConversationDirectory {
  return {
    async meetingRoleOf(person: PersonRef): Promise<TeamsMeetingRole> {
      if (!meetingId || !person.aadObjectId) return 'Unknown';
      const key = `${tenantId}|${meetingId}|${person.aadObjectId}`;
      const cached = cache.get(key);
      if (cached) return cached;
      try {
        const participant = await TeamsInfo.getMeetingParticipant(context, meetingId, person.aadObjectId, tenantId);
        const reported = participant.meeting?.role as TeamsMeetingRole | undefined;
        const role = reported && knownRoles.includes(reported) ? reported : 'Unknown';
        cache.set(key, role);
        return role;
      } catch (e) {
        // Teams did not answer: treat as no role (nothing is granted), and do not cache the failure.
        log.warn({ err: e, meetingId }, 'meeting participant look-up failed');
        return 'Unknown';
      }
    },

    async members(): Promise<Array<PersonRef & { email?: string }>> {
      const people: Array<PersonRef & { email?: string }> = [];
      let token: string | undefined;
      // A council chat has tens of people; stop after 10 pages of 500 all the same.
      for (let page = 0; page < 10; page++) {
        const result = await TeamsInfo.getPagedMembers(context, 500, token);
        for (const m of result.members) {
          const email = m.email ?? m.userPrincipalName;
          people.push({ id: m.id, name: m.name ?? m.givenName ?? m.id, ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}), ...(email ? { email } : {}) });
        }
        token = result.continuationToken;
        if (!token) break;
      }
      return people;
    },
  };
}
