/**
 * The people of imported minutes on the group's roster: matched to members by name (case, accents and
 * spacing folded); when the group had no roster, those listed become its members from the meeting's date;
 * otherwise the others are guests — co-opted for that day only, listed in the minutes and never counted in
 * the attendance rates. Presenters are always guests (or the member they are). Every step finds what an
 * earlier, interrupted run stored, so running the import again adds nothing twice.
 */
import type { AttendanceStatus, Correction } from '../domain/attendance';
import { isMemberOn, type Group, type Member } from '../domain/group';
import { normaliseName, type PersonRef } from '../domain/person';
import type { IsoDate } from '../domain/stockholm-time';
import type { Repositories } from './ports';

export interface HistoryPerson {
  name: string;
  organisation?: string;
  email?: string;
}

/** The people tables of the minutes: present (Deltagare), excused (Förhindrade), absent, presenters. */
export interface HistoryPeople {
  present: HistoryPerson[];
  excused: HistoryPerson[];
  absent: HistoryPerson[];
  presenters: HistoryPerson[];
}

export interface EnrolmentCounts {
  /** Found on the roster (as members or, run again, as the guests an earlier run added). */
  matched: number;
  /** Added to the roster as members from the meeting's date (the group had no roster). */
  addedAsMembers: number;
  /** Added as guests of this meeting: co-opted for the day, listed, not counted. */
  guests: number;
}

/** Imported people have no Teams account: their id says where they came from, as the demo's do. */
export const importedPerson = (name: string): PersonRef => ({ id: `import:${normaliseName(name).replace(/ /g, '-')}`, name: name.trim() });

export class Enrolment {
  readonly counts: EnrolmentCounts = { matched: 0, addedAsMembers: 0, guests: 0 };
  /** The member each listed person is, with the status the minutes give them. */
  readonly statuses = new Map<string, { member: Member; status: AttendanceStatus }>();

  private constructor(
    private readonly repos: Pick<Repositories, 'groups' | 'attendance'>,
    private readonly group: Group,
    private readonly date: IsoDate,
    private roster: Member[],
  ) {}

  static async of(repos: Pick<Repositories, 'groups' | 'attendance'>, group: Group, date: IsoDate): Promise<Enrolment> {
    return new Enrolment(repos, group, date, await repos.groups.members(group.tenantId, group.id));
  }

  /** A member of the group on the meeting's date by this name. */
  find(name: string): Member | undefined {
    const key = normaliseName(name);
    return this.roster.find((m) => normaliseName(m.person.name) === key && isMemberOn(m, this.date));
  }

  /** Whoever the name is on the roster that day, else someone without a Teams account. */
  personOf(name: string): PersonRef {
    const m = this.find(name);
    return m ? { id: m.person.id, ...(m.person.aadObjectId ? { aadObjectId: m.person.aadObjectId } : {}), name: m.person.name } : importedPerson(name);
  }

  async enrol(people: HistoryPeople, membersFromMinutes: boolean): Promise<void> {
    const listed: Array<[HistoryPerson[], AttendanceStatus]> = [
      [people.present, 'present'],
      [people.excused, 'excused'],
      [people.absent, 'absent'],
    ];
    for (const [list, status] of listed) {
      for (const p of list) this.statuses.set(normaliseName(p.name), { member: await this.listed(p, membersFromMinutes), status });
    }
    for (const p of people.presenters) {
      const known = this.find(p.name);
      this.counts[known && known.role !== 'coopted' ? 'matched' : 'guests']++;
      const member = known ?? (await this.add(p, 'coopted'));
      this.statuses.set(normaliseName(p.name), { member, status: 'present' });
    }
  }

  /** The secretary's corrections: each listed person's status, unless an earlier run already said so. */
  async correct(meetingId: string, by: PersonRef, at: string): Promise<number> {
    const latest = new Map<string, Correction>();
    for (const c of await this.repos.attendance.corrections(this.group.tenantId, meetingId)) latest.set(c.memberId, c);
    let made = 0;
    for (const { member, status } of this.statuses.values()) {
      if (latest.get(member.id)?.status === status) continue;
      await this.repos.attendance.addCorrection(this.group.tenantId, meetingId, { memberId: member.id, status, byId: by.id, byName: by.name, at });
      made++;
    }
    return made;
  }

  private async listed(p: HistoryPerson, membersFromMinutes: boolean): Promise<Member> {
    const known = this.find(p.name);
    if (known) {
      this.counts[known.role === 'coopted' ? 'guests' : 'matched']++;
      return known;
    }
    // A member an import added from a later meeting's minutes was a member at this earlier one too.
    const key = normaliseName(p.name);
    const later = this.roster.find((m) => m.person.id.startsWith('import:') && m.role !== 'coopted' && normaliseName(m.person.name) === key && m.from > this.date);
    if (later) {
      const moved = await this.repos.groups.updateMember(this.group.tenantId, later.id, { from: this.date });
      this.roster = this.roster.map((m) => (m.id === moved.id ? moved : m));
      this.counts.matched++;
      return moved;
    }
    if (membersFromMinutes) {
      this.counts.addedAsMembers++;
      return this.add(p, 'member');
    }
    this.counts.guests++;
    return this.add(p, 'coopted');
  }

  private async add(p: HistoryPerson, role: 'member' | 'coopted'): Promise<Member> {
    const member = await this.repos.groups.addMember({
      tenantId: this.group.tenantId,
      groupId: this.group.id,
      person: { ...importedPerson(p.name), ...(p.email ? { email: p.email } : {}) },
      ...(p.organisation ? { organisation: p.organisation } : {}),
      role,
      from: this.date,
      // A guest is co-opted for the meeting's day only.
      ...(role === 'coopted' ? { to: this.date } : {}),
    });
    this.roster.push(member);
    return member;
  }
}
