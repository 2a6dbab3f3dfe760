/**
 * A body that meets (council, steering group, network, preparation group), linked to the Teams chat or
 * channel where it works, and its roster. Members change during a mandate period: a membership has a
 * period, and statistics count a person only while a member.
 */
import type { CharterRules, GroupKind } from './charter';
import { DomainError } from './errors';
import { normaliseName, type PersonRef } from './person';
import { optionalText, requiredText } from './text';

export type GroupRole = 'chair' | 'viceChair' | 'organizer' | 'member' | 'coopted';
export const GROUP_ROLES: readonly GroupRole[] = ['chair', 'viceChair', 'organizer', 'member', 'coopted'];

export interface Group {
  id: string;
  tenantId: string;
  name: string;
  kind: GroupKind;
  /** The chat or channel the group works in (where /setup was run). */
  conversationId: string;
  /** Serialized conversation reference of that chat, for posting there later (reminders). */
  conversationReference?: string;
  preparationGroupId?: string;
  rules: CharterRules;
  /** false: the group writes its decisions "Beslut:" without § numbers (numbered unless switched off). */
  decisionNumbering?: boolean;
  createdBy: PersonRef;
  createdAt: string;
}

export interface Member {
  id: string;
  tenantId: string;
  groupId: string;
  person: PersonRef & { email?: string };
  organisation?: string;
  role: GroupRole;
  /** First and last day of the membership, YYYY-MM-DD; `to` open while the person is a member. */
  from: string;
  to?: string;
}

/** Chair, vice chair and organizer manage the group and its meetings. */
export const managesGroup = (role: GroupRole | undefined): boolean => role === 'chair' || role === 'viceChair' || role === 'organizer';

/** Co-opted members are listed but not counted in attendance rates. */
export const countsForAttendance = (role: GroupRole): boolean => role !== 'coopted';

export const isMemberOn = (m: Pick<Member, 'from' | 'to'>, date: string): boolean => m.from <= date && (m.to === undefined || date <= m.to);

/** The caller's membership on a date: by Entra object id when both have one, else by channel account id. */
export function membershipOf(members: readonly Member[], person: PersonRef, date: string): Member | undefined {
  return members.find((m) => isMemberOn(m, date) && (person.aadObjectId && m.person.aadObjectId ? person.aadObjectId.toLowerCase() === m.person.aadObjectId.toLowerCase() : m.person.id !== '' && m.person.id === person.id));
}

export function groupName(raw: string | undefined): string {
  return requiredText('group', raw, 120);
}

/** Two names for the same group ("E-råd  fyrbodal" and "E-råd Fyrbodal") are one. */
export const groupNameKey = (name: string): string => normaliseName(name);

const ROLE_WORDS: Record<string, GroupRole> = {
  chair: 'chair',
  ordförande: 'chair',
  ordforande: 'chair',
  vicechair: 'viceChair',
  'vice chair': 'viceChair',
  'vice ordförande': 'viceChair',
  viceordförande: 'viceChair',
  organizer: 'organizer',
  organiser: 'organizer',
  processledare: 'organizer',
  member: 'member',
  ledamot: 'member',
  representant: 'member',
  coopted: 'coopted',
  'co-opted': 'coopted',
  adjungerad: 'coopted',
};

/** A role as written in a card or CSV file, in English or Swedish. */
export function parseRole(raw: string | undefined): GroupRole {
  const key = (raw ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  const role = Object.hasOwn(ROLE_WORDS, key) ? ROLE_WORDS[key] : undefined;
  if (!role) throw new DomainError('MEMBER.BAD_ROLE', { value: (raw ?? '').slice(0, 40) });
  return role;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** Checks a membership period; `to` may be open. */
export function membershipPeriod(from: string | undefined, to: string | undefined): { from: string; to?: string } {
  const start = (from ?? '').trim();
  const end = (to ?? '').trim() || undefined;
  if (!validDate(start)) throw new DomainError('MEMBER.BAD_PERIOD', { detail: `start “${start.slice(0, 20)}”` });
  if (end !== undefined && !validDate(end)) throw new DomainError('MEMBER.BAD_PERIOD', { detail: `end “${end.slice(0, 20)}”` });
  if (end !== undefined && end < start) throw new DomainError('MEMBER.BAD_PERIOD', { detail: `${end} < ${start}` });
  return end === undefined ? { from: start } : { from: start, to: end };
}

export function organisationName(raw: string | undefined): string | undefined {
  return optionalText('organisation', raw, 200);
}
