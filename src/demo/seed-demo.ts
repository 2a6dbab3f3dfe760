/**
 * The demo workspace `npm start` opens with in local mode: the council, its preparation group, the
 * steering group and the network of the seed minutes (shared/seeds, copied to demo-workspace.json), with
 * rosters, their past meetings and agendas, the notice answers they record, and the steering group's
 * risk register R1–R5. Loaded once, into an empty store, through the repositories.
 */
import type { MinutesService } from '../app/minutes-service';
import type { Clock, Repositories } from '../app/ports';
import { capabilitiesFromJson, importanceOf, maturityOf, organisationList } from '../domain/capability';
import { DEFAULT_CHARTER_RULES, type GroupKind } from '../domain/charter';
import type { Group, GroupRole } from '../domain/group';
import type { PersonRef } from '../domain/person';
import { validateNewRisk, validateReview } from '../domain/risk';
import { minutesToTime, parseTime, stockholmToUtc, timeToMinutes } from '../domain/stockholm-time';
import sample from './demo-capabilities.json';
import workspace from './demo-workspace.json';

/** The tenant of the fixtures (shared/fixtures): the README's curl examples talk to this workspace. */
export const DEMO_TENANT = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';

const KINDS: Record<string, GroupKind> = { council: 'council', 'steering group': 'steering', network: 'network', preparation: 'preparation' };
const ROLES: Record<string, GroupRole> = { chair: 'chair', viceChair: 'viceChair', organizer: 'organizer', member: 'member', coopted: 'coopted' };

/** Demo people have no Teams account; their channel id is a readable stand-in. */
const person = (name: string): PersonRef => ({ id: `demo:${name.toLowerCase().replace(/\s+/g, '-')}`, name });

/** The conversation id each demo group's chat has, so a hand-made activity can talk to it. */
export const demoConversationId = (groupName: string): string => `19:demo-${groupName.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-')}@thread.v2`;

/** Records a held meeting's approved minutes (MinutesService.recordApprovedHistory). */
export type HistoryRecorder = Pick<MinutesService, 'recordApprovedHistory'>;

export async function seedDemoWorkspace(repos: Repositories, clock: Clock, history?: HistoryRecorder): Promise<{ seeded: boolean }> {
  if ((await repos.groups.tenantsWithGroup(workspace.groups[0]!.name)).includes(DEMO_TENANT)) {
    // A workspace loaded before the capability map existed gets the map's sample once.
    const mapGroup = await repos.groups.findByName(DEMO_TENANT, sample.group);
    return { seeded: mapGroup ? await seedCapabilityMap(repos, mapGroup) : false };
  }
  const at = clock.now().toISOString();
  const organizer = person('Sara Herrman');
  const groups = new Map<string, Group>();

  for (const g of workspace.groups) {
    const created = await repos.groups.create(
      { tenantId: DEMO_TENANT, name: g.name, kind: KINDS[g.kind] ?? 'council', conversationId: demoConversationId(g.name), rules: DEFAULT_CHARTER_RULES, createdBy: organizer, createdAt: at },
      [],
    );
    groups.set(g.name, created);
  }
  const council = groups.get(workspace.groups[0]!.name)!;
  const preparationName = workspace.groups[0]!.rules?.preparationGroup;
  const preparation = preparationName ? groups.get(preparationName) : undefined;
  if (preparation) await repos.groups.setPreparationGroup(DEMO_TENANT, council.id, preparation.id);

  // The charter's roster (seed 004); the mandate period began when the council was set up.
  for (const m of workspace.councilRoster) {
    await repos.groups.addMember({ tenantId: DEMO_TENANT, groupId: council.id, person: person(m.name), organisation: m.organisation, role: ROLES[m.role] ?? 'member', from: '2019-03-01' });
  }
  for (const line of workspace.groups.find((g) => g.kind === 'preparation')?.members ?? []) {
    const name = line.replace(/\s*\(.*\)$/, '');
    const role: GroupRole = /vice/.test(line) ? 'viceChair' : /ordförande/.test(line) ? 'chair' : 'organizer';
    if (preparation) await repos.groups.addMember({ tenantId: DEMO_TENANT, groupId: preparation.id, person: person(name), role, from: '2019-03-01' });
  }

  // The seed meetings, with their rosters (present and excused), agendas and answers.
  const meetingOfGroup = new Map<string, string>();
  const held: Array<{ meetingId: string; recordedBy: PersonRef; approvedBy: PersonRef; at: string }> = [];
  for (const meeting of workspace.meetings) {
    const group = groups.get(meeting.group) ?? [...groups.values()].find((g) => g.name.startsWith(meeting.group));
    if (!group) continue;
    const [start, end] = meeting.time.split('-').map((t) => parseTime(t));
    const stored = await repos.meetings.schedule({
      tenantId: DEMO_TENANT,
      groupId: group.id,
      title: group.name,
      startsAt: stockholmToUtc(meeting.date, start!).toISOString(),
      endsAt: stockholmToUtc(meeting.date, end!).toISOString(),
      scheduledBy: organizer,
      sourceKey: `demo:${group.id}:${meeting.date}`,
      at,
    });
    meetingOfGroup.set(`${group.id}:${meeting.date}`, stored.value.id);
    const items = meeting.agenda.flatMap((i) => ('number' in i && i.number !== undefined ? [i] : []));
    // Seed 001 gives no times: its items are spread a quarter of an hour apart.
    const startOf = (i: (typeof items)[number], k: number) => ('start' in i && typeof i.start === 'string' ? parseTime(i.start) : minutesToTime(timeToMinutes(start!) + k * 15));
    await repos.agendas.replace(
      DEMO_TENANT,
      stored.value.id,
      items.map((i, k) => ({ number: i.number, type: i.type as 'I' | 'D' | 'A', title: i.title, ...(i.responsible ? { responsible: i.responsible } : {}), plannedStart: startOf(i, k) })),
    );
    for (const p of [...meeting.present, ...(meeting.excused ?? [])]) {
      const existing = (await repos.groups.members(DEMO_TENANT, group.id)).find((m) => m.person.name === p.name);
      if (!existing) await repos.groups.addMember({ tenantId: DEMO_TENANT, groupId: group.id, person: person(p.name), organisation: p.organisation, role: 'member', from: '2019-03-01' });
    }
    for (const p of meeting.excused ?? []) {
      await repos.answers.saveNotice(DEMO_TENANT, stored.value.id, { person: person(p.name), attending: false, answeredAt: at, via: 'card' });
    }
    // Those the minutes list as present were there: no attendance report exists for 2020, so the
    // secretary's corrections (who wrote the minutes) say so, as they would after a meeting in a room.
    const secretary = person(meeting.recordedBy ?? organizer.name);
    const roster = await repos.groups.members(DEMO_TENANT, group.id);
    const meetingEnd = stockholmToUtc(meeting.date, end!).toISOString();
    for (const p of meeting.present) {
      const member = roster.find((m) => m.person.name === p.name);
      if (member) await repos.attendance.addCorrection(DEMO_TENANT, stored.value.id, { memberId: member.id, status: 'present', byId: secretary.id, byName: secretary.name, at: meetingEnd });
    }
    // The decisions the minutes record, under their items.
    for (const [k, d] of (meeting.decisions ?? []).entries()) {
      await repos.decisions.record({ tenantId: DEMO_TENANT, meetingId: stored.value.id, text: d.text, agendaItem: d.item, recordedBy: secretary, recordedAt: meetingEnd, sourceKey: `demo:decision:${meeting.date}:${k}` });
    }
    // Who recorded and who approved the minutes; the minutes themselves once the risks below are in.
    await repos.secretaries.appoint({ tenantId: DEMO_TENANT, meetingId: stored.value.id, person: secretary, appointedBy: organizer, at: meetingEnd });
    const adjuster = meeting.approvedBy ? person(meeting.approvedBy) : undefined;
    if (adjuster) await repos.adjusters.appoint({ tenantId: DEMO_TENANT, meetingId: stored.value.id, person: adjuster, appointedBy: organizer, at: meetingEnd });
    held.push({ meetingId: stored.value.id, recordedBy: secretary, approvedBy: adjuster ?? organizer, at: meetingEnd });
  }

  // The steering group's register (seed 001), in the order the risks were numbered.
  const steering = groups.get(workspace.riskRegister.group);
  if (steering) {
    const registerId = await repos.risks.ensureGroupRegister(DEMO_TENANT, steering.id);
    for (const r of workspace.riskRegister.risks) {
      const risk = validateNewRisk({ threat: r.threat, vulnerability: r.vulnerability, consequence: r.consequence, probability: r.S, impact: r.K, actionNeeded: r.actionNeeded });
      const { value: raised } = await repos.risks.raise({ tenantId: DEMO_TENANT, registerId, risk, raisedBy: organizer, raisedAt: `${workspace.riskRegister.raisedAt}T10:00:00.000Z`, sourceKey: `demo:risk:${r.id}` });
      // Each risk's follow-up at that meeting (seed 001), as a review: the values stay; R1 is reported handled.
      const meetingId = meetingOfGroup.get(`${steering.id}:${workspace.riskRegister.raisedAt}`);
      const values = validateReview(raised, { status: /är .*hanterad/i.test(r.followUp.notes.join(' ')) ? 'handled' : 'open', note: r.followUp.notes.join('\n\n') });
      await repos.risks.review({
        tenantId: DEMO_TENANT,
        risk: raised,
        review: { ...values, ...(meetingId ? { meetingId } : {}), reviewedBy: organizer, reviewedAt: `${workspace.riskRegister.raisedAt}T10:30:00.000Z` },
        sourceKey: `demo:review:${r.id}`,
      });
    }
  }
  // Each meeting held, with its minutes approved as they were then.
  for (const h of history ? held : []) {
    const meeting = await repos.meetings.get(DEMO_TENANT, h.meetingId);
    if (meeting) await history!.recordApprovedHistory(DEMO_TENANT, meeting, h);
  }
  const mapGroup = groups.get(sample.group);
  if (mapGroup) await seedCapabilityMap(repos, mapGroup);
  return { seeded: true };
}

/**
 * The steering group's capability map (seed 001 is its minutes): an invented, labelled sample of 18
 * capabilities under "Målbild 2030" (the seeds do not list the 55), the 15 organisations taking part, and
 * answers from 10 of them, one half-way, so the response tracker shows who has not answered. Only into a
 * map that is empty: answers people changed are never put back.
 */
async function seedCapabilityMap(repos: Repositories, group: Group): Promise<boolean> {
  if ((await repos.capabilities.map(DEMO_TENANT, group.id)).capabilities.length > 0) return false;
  const { capabilities } = capabilitiesFromJson(JSON.stringify(sample.capabilities));
  await repos.capabilities.importCapabilities({
    tenantId: DEMO_TENANT,
    groupId: group.id,
    requestId: 'demo:capability-map',
    vision: sample.vision,
    organisations: organisationList(sample.organisations),
    capabilities,
    at: sample.assessments[0]!.at,
  });
  const stored = (await repos.capabilities.map(DEMO_TENANT, group.id)).capabilities;
  const idOf = new Map(stored.map((c) => [c.code, c.id]));
  for (const a of sample.assessments) {
    const answers = a.maturity.map((m, i) => {
      const code = sample.capabilities[i]!.code;
      return { capabilityId: idOf.get(code)!, maturity: maturityOf(code, m), importance: importanceOf(code, a.importance[i]) };
    });
    await repos.capabilities.saveAssessments({ tenantId: DEMO_TENANT, groupId: group.id, organisation: a.organisation, answers, by: person(a.by), at: a.at, via: 'import' });
  }
  return true;
}
