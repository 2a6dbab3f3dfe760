/**
 * Every card the bot can send is parsed and validated by the Adaptive Cards SDK (the renderer Teams is
 * built on) and must come out without a single warning. The SDK does not need a DOM to parse and validate.
 */
import * as AC from 'adaptivecards';
import type { AdaptiveCard } from '../../../bot/cards/card';
import { APPOINT_SECRETARY_VERB, choosePersonCard } from '../../../bot/cards/choose-person.card';
import { actionCard, MAX_LISTED_ACTIONS, openActionsCard } from '../../../bot/cards/action.card';
import { approvalCard, minutesCard } from '../../../bot/cards/minutes.card';
import { minutesSummary, type MinutesVersion } from '../../../src/domain/minutes';
import { noteCard } from '../../../bot/cards/note.card';
import type { Action } from '../../../src/domain/action';
import { decisionListCard } from '../../../bot/cards/decision-list.card';
import { CARD_BUDGET_BYTES, SHOW_MORE_VERB } from '../../../bot/cards/paging';
import { decisionCard, numberingCard, RETRACT_DECISION_VERB } from '../../../bot/cards/decision.card';
import { attachmentCard, sharedFilesCard } from '../../../bot/cards/attachment.card';
import { helpCard } from '../../../bot/cards/help.card';
import { CREATE_RISK_VERB, riskFormCard, type RiskFormValues } from '../../../bot/cards/risk-form.card';
import { riskRegisterCard } from '../../../bot/cards/risk-register.card';
import { riskCard, riskReviewCard } from '../../../bot/cards/risk.card';
import type { Decision } from '../../../src/domain/decision';
import type { PersonRef } from '../../../src/domain/person';
import type { Group, Member } from '../../../src/domain/group';
import type { Meeting } from '../../../src/domain/meeting';
import type { CheckInAnswer, NoticeAnswer } from '../../../src/domain/attendance-answers';
import { defaultAgendaTemplate } from '../../../src/domain/agenda';
import { proposeSeries } from '../../../src/domain/meeting-series';
import type { StoredAgendaItem } from '../../../src/app/ports';
import type { MeetingView } from '../../../src/app/meeting-run-service';
import type { ScheduleOutcome } from '../../../src/app/scheduling-service';
import { groupCreatedCard, meetingLinkedCard, rosterCard } from '../../../bot/cards/group.card';
import { heldBackCard, scheduledCard, scheduleFormCard, seriesCard } from '../../../bot/cards/schedule.card';
import { agendaCard } from '../../../bot/cards/agenda.card';
import { noticeCard } from '../../../bot/cards/notice.card';
import { noticeReminderCard } from '../../../bot/cards/notice-reminder.card';
import { checkInCard } from '../../../bot/cards/checkin.card';
import { attendanceCard, attendanceDeniedCard, attendanceFiguresCard } from '../../../bot/cards/attendance.card';
import { matchRecords, meetingAttendance, periodFigures } from '../../../src/domain/attendance';
import type { AttendanceView } from '../../../src/app/ports';
import { parseCommand } from '../../../bot/command-parser';
import { ASSESSMENT_PAGE_SIZE, assessmentCard, assessmentReminderCard } from '../../../bot/cards/assessment.card';
import type { AssessmentForm } from '../../../src/app/capability-service';
import type { Capability } from '../../../src/domain/capability';
import { DEFAULT_CHARTER_RULES } from '../../../src/domain/charter';
import { aDecision, aRetractedDecision, aRisk, seedRegister } from '../../helpers/builders';
import { byRegisterOrder, type Risk } from '../../../src/domain/risk';
import { translator, type Locale, type Translate } from '../../../src/i18n';

// ---- test data -------------------------------------------------------------------------------------

/** A risk with every optional field filled in. */
function aFullRisk(overrides: Partial<Risk> = {}): Risk {
  return aRisk({
    vulnerability: 'Scenario och beslutsunderlag är inte tillräckligt välförankrade',
    consequence: 'Beslutsfattare har inte tillräckligt stor tilltro till resultatet',
    actionNeeded: true,
    action: 'Förankra scenarierna i E-rådet den 17 december',
    owner: 'Processledaren',
    meetingId: 'meeting-1',
    ...overrides,
  });
}

/** The seed's register R1–R5, in register order. */
const seedRisks: Risk[] = seedRegister().sort(byRegisterOrder);

/** 400 characters of a decision's or risk's text, as the council writes them at length. */
const LONG = 'Digitaliseringsrådet beslutar att gå vidare med den gemensamma e-tjänsteplattformen och uppdrar åt arbetsgruppen att ta fram en tidplan. '.repeat(3).slice(0, 400);

const manyDecisions = (n: number, text = ''): Decision[] =>
  Array.from({ length: n }, (_, i) => (i % 7 === 3 ? aRetractedDecision : aDecision)({ id: `d${i + 1}`, number: i + 1, text: `Beslut nummer ${i + 1} ${text}`.trim() }));

const manyRisks = (n: number, text = ''): Risk[] =>
  Array.from({ length: n }, (_, i) =>
    aRisk({ id: `r${i + 1}`, number: i + 1, threat: `Risk nummer ${i + 1} ${text}`.trim(), probability: ((i % 5) + 1) as Risk['probability'], impact: (((i * 3) % 5) + 1) as Risk['impact'], actionNeeded: i % 2 === 0 }),
  ).sort(byRegisterOrder);

/** Every page of a list card, following its Show more button, with what each page's rows say. */
function pagesOf(first: (offset?: number) => AdaptiveCard): AdaptiveCard[] {
  const pages = [first()];
  for (;;) {
    const more = executeActions(pages.at(-1)!).find((a) => a.verb === SHOW_MORE_VERB);
    if (!more) return pages;
    expect(pages.length).toBeLessThan(50);
    pages.push(first((more.data as { offset: number }).offset));
  }
}
const byteSizeOf = (c: AdaptiveCard): number => Buffer.byteLength(JSON.stringify(c));

const candidates = (n: number): PersonRef[] =>
  Array.from({ length: n }, (_, i) => ({ id: `29:anna-${i + 1}`, ...(i % 3 === 2 ? {} : { aadObjectId: `aad-anna-${i + 1}` }), name: `Anna Svensson ${i + 1}` }));

const CARD_ID = 'card-7f3e';

// ---- the SDK check ---------------------------------------------------------------------------------

/**
 * Teams' host config (microsoft/AdaptiveCards samples/HostConfig/microsoft-teams-light.json) allows six
 * actions; the SDK's default host config allows five. Everything else is the SDK's default.
 */
const teamsHostConfig = new AC.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 } });

interface SdkProblem {
  phase: string;
  event: string;
  message: string;
}

/**
 * Parses `json` as Teams would render it (schema 1.5: a context targeting 1.5 refuses 1.6-only elements
 * and values) and returns every parse event plus every failure of `validateProperties()`.
 */
function sdkProblems(json: unknown, hostConfig: AC.HostConfig = teamsHostConfig): SdkProblem[] {
  const sdkCard = new AC.AdaptiveCard();
  sdkCard.hostConfig = hostConfig;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  sdkCard.parse(json, context);
  const problems: SdkProblem[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
  }
  for (const e of sdkCard.validateProperties().validationEvents) {
    problems.push({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
  }
  return problems;
}

function sdkVersion(json: unknown): string | undefined {
  const sdkCard = new AC.AdaptiveCard();
  sdkCard.parse(json, new AC.SerializationContext(AC.Versions.v1_5));
  return sdkCard.version?.toString();
}

// ---- walking card JSON -----------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object anywhere in the card (elements, columns, inlines, actions, their data). */
function objectsOf(node: unknown): Json[] {
  const found: Json[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (isObject(n)) {
      found.push(n);
      Object.values(n).forEach(visit);
    }
  };
  visit(node);
  return found;
}

/** Where a string containing `needle` occurs: the `type` of the object holding it and the key. */
function occurrencesOf(node: unknown, needle: string): Array<{ type: unknown; key: string }> {
  return objectsOf(node).flatMap((o) =>
    Object.entries(o)
      .filter(([, v]) => typeof v === 'string' && v.includes(needle))
      .map(([key]) => ({ type: o.type, key })),
  );
}

const ofType = (c: AdaptiveCard, type: string): Json[] => objectsOf(c).filter((o) => o.type === type);
/** A heading is a RichTextBlock whose run is bold and medium (cards.ts `heading`): its run is our title, not typed text. */
const isHeadingRun = (o: Json): boolean => o.type === 'TextRun' && o.weight === 'Bolder' && o.size === 'Medium';
/** TextBlocks, or the TextRuns that carry typed text and notes (headings' runs left out). */
const textsOf = (c: AdaptiveCard, type: 'TextBlock' | 'TextRun'): string[] =>
  ofType(c, type)
    .filter((o) => !isHeadingRun(o))
    .map((o) => String(o.text));
/** Everything a person reads on the card, in order: TextBlocks (our own wording) and TextRuns (notes, typed text). */
const visibleTexts = (c: AdaptiveCard): string[] => objectsOf(c).filter((o) => o.type === 'TextBlock' || o.type === 'TextRun').map((o) => String(o.text));
const executeActions = (c: AdaptiveCard): Json[] => ofType(c, 'Action.Execute');
/** The decision / risk rows of a list card: one separated ColumnSet each. */
const rowsOf = (c: AdaptiveCard): Json[] => c.body.filter((e) => e.type === 'ColumnSet' && e.separator === true);

// ---- every card ------------------------------------------------------------------------------------

const locales: Locale[] = ['sv', 'en'];

/** Every card builder in bot/cards with the variants the bot can send. */
function everyCard(t: Translate, locale: Locale): Array<[string, AdaptiveCard]> {
  return [
    ['decisionCard active', decisionCard(aDecision(), CARD_ID, t, locale)],
    ['decisionCard retracted', decisionCard(aRetractedDecision(), CARD_ID, t, locale)],
    ['decisionCard retracted without retractedBy', decisionCard(aDecision({ status: 'retracted' }), CARD_ID, t, locale)],
    ['decisionListCard empty', decisionListCard([], t)],
    ['decisionListCard with items', decisionListCard([aDecision(), aRetractedDecision({ id: 'd2', number: 2 }), aDecision({ id: 'd3', number: 3 })], t)],
    ['decisionListCard over a message', decisionListCard(manyDecisions(60, LONG), t, { cardId: CARD_ID })],
    ['decisionListCard, a later page', decisionListCard(manyDecisions(60, LONG), t, { cardId: CARD_ID, offset: 30 })],
    ['decisionCard with a heading, without numbers', decisionCard(aDecision({ heading: 'Beslut om **förstudien**' }), CARD_ID, t, locale, false)],
    ['decisionListCard with headings, without numbers', decisionListCard([aDecision({ heading: 'Beslut om budget' }), aRetractedDecision({ id: 'd2', number: 2, heading: 'Återkallat' })], t, { cardId: CARD_ID }, false)],
    ['numberingCard on', numberingCard('E-råd **Fyrbodal**', true, CARD_ID, t)],
    ['numberingCard switched off', numberingCard('E-råd Fyrbodal', false, CARD_ID, t, 'Sara Herrman')],
    ['noteCard with a sub-heading and bullets', noteCard({ id: 'n2', tenantId: 'tenant-1', meetingId: 'meeting-1', text: 'Läget i Strömstad\n- Många jobbar hemma\n- Leveranser fungerar\n# Diskussion', recordedBy: { id: '29:sara', name: 'Sara Herrman' }, recordedAt: '2027-02-10T08:30:00.000Z' }, t, locale)],
    ['attachmentCard', attachmentCard({ id: 'a1', tenantId: 'tenant-1', meetingId: 'meeting-1', agendaItem: 2, title: 'Bilaga 1-Presentation av möte', url: 'https://fyrbodal.sharepoint.com/sites/erad/b1.pptx', origin: 'command', addedBy: { id: '29:sara', name: 'Sara Herrman' }, addedAt: '2027-02-10T08:30:00.000Z' }, t, locale)],
    ['sharedFilesCard, one file', sharedFilesCard([{ name: 'Bilaga 1.pptx', url: 'https://fyrbodal.sharepoint.com/sites/erad/b1.pptx' }], new Map(), CARD_ID, t, locale)],
    [
      'sharedFilesCard, one of two recorded',
      sharedFilesCard(
        [{ name: 'Bilaga 1.pptx', url: 'https://x.sharepoint.com/b1.pptx' }, { name: 'Bilaga 2.pdf', url: 'https://x.sharepoint.com/b2.pdf' }],
        new Map([['https://x.sharepoint.com/b1.pptx', { id: 'a1', tenantId: 'tenant-1', meetingId: 'meeting-1', title: 'Bilaga 1', url: 'https://x.sharepoint.com/b1.pptx', origin: 'chatFile' as const, addedBy: { id: '29:sara', name: 'Sara Herrman' }, addedAt: '2027-02-10T08:30:00.000Z' }]]),
        CARD_ID,
        t,
        locale,
      ),
    ],
    ['riskCard minimal', riskCard(aRisk({ probability: 1, impact: 1 }), t, locale)],
    ['riskCard full', riskCard(aFullRisk(), t, locale)],
    [
      'riskReviewCard with history',
      riskReviewCard(aRisk({ probability: 4, impact: 3 }), aRisk({ probability: 2, impact: 3, status: 'handled' }), [
        { id: 'rv1', riskId: 'risk-1', probability: 3, impact: 3, status: 'open', note: '**inte** markdown', reviewedBy: { id: '29:sara', name: 'Sara Herrman' }, reviewedAt: '2020-11-27T10:00:00.000Z' },
        { id: 'rv2', riskId: 'risk-1', probability: 2, impact: 3, status: 'handled', reviewedBy: { id: '29:sara', name: 'Sara Herrman' }, reviewedAt: '2020-12-18T10:00:00.000Z' },
      ], t, locale),
    ],
    ['riskFormCard empty', riskFormCard(CARD_ID, t)],
    [
      'riskFormCard with values and a problem',
      riskFormCard(
        CARD_ID,
        t,
        { threat: 'Vikande intresse', vulnerability: 'Svag förankring', consequence: 'Låg tilltro', S: '5', K: '4', actionNeeded: 'true', action: 'Förankra', owner: 'Sara' },
        t('error.RISK.SCORE_MISSING', { field: t('field.K') }),
      ),
    ],
    ['riskRegisterCard empty', riskRegisterCard([], t)],
    ['riskRegisterCard with the seed risks', riskRegisterCard(seedRisks, t)],
    ['riskRegisterCard over a message', riskRegisterCard(manyRisks(100, LONG), t, { cardId: CARD_ID })],
    ['helpCard', helpCard(t)],
    ['helpCard with an unknown command', helpCard(t, '/foo')],
    ['choosePersonCard with 2 candidates', choosePersonCard('Anna', candidates(2), CARD_ID, t)],
    ['choosePersonCard with 10 candidates', choosePersonCard('Anna', candidates(10), CARD_ID, t)],
    ...lifecycleCards(t),
  ];
}

// ---- the meeting lifecycle's cards ----------------------------------------------------------------

const aGroup = (): Group => ({
  id: 'group-1',
  tenantId: 'tenant-1',
  name: 'E-råd Fyrbodal',
  kind: 'council',
  conversationId: '19:group@thread.v2',
  rules: { noticeDays: 14, preparationDaysBefore: 14, meetingsPerYear: 6 },
  createdBy: { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' },
  createdAt: '2026-11-25T09:00:00.000Z',
});
const aMember = (name: string, role: Member['role'], extra: Partial<Member> = {}): Member => ({
  id: `m-${name}`,
  tenantId: 'tenant-1',
  groupId: 'group-1',
  person: { id: `29:${name}`, name },
  role,
  from: '2026-01-01',
  ...extra,
});
const aScheduledMeeting = (extra: Partial<Meeting> = {}): Meeting => ({
  id: 'meeting-1',
  tenantId: 'tenant-1',
  teamsMeetingId: 'scheduled:meeting-1',
  conversationId: 'scheduled:meeting-1',
  title: 'E-råd Fyrbodal',
  startsAt: '2027-02-10T08:00:00.000Z',
  endsAt: '2027-02-10T11:00:00.000Z',
  groupId: 'group-1',
  createdAt: '2026-11-25T09:00:00.000Z',
  ...extra,
});
const anAgenda = (): StoredAgendaItem[] => defaultAgendaTemplate('sv', { start: '09:00', end: '12:00' });
const runningView = (): MeetingView => {
  const agenda = anAgenda().map((i) => (i.number <= 2 ? { ...i, actualStart: i.number === 1 ? '2027-02-10T08:00:00.000Z' : '2027-02-10T08:20:00.000Z' } : i));
  return { meeting: aScheduledMeeting({ currentItem: 2, startedAt: '2027-02-10T08:00:00.000Z' }), group: aGroup(), agenda };
};
const noticeAnswers = (): NoticeAnswer[] => [
  { person: { id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' }, attending: true, answeredAt: '2026-12-01T10:00:00.000Z', via: 'card' },
  { person: { id: '29:lis', name: 'Lis Palm' }, attending: false, note: 'Semester', answeredAt: '2026-12-02T10:00:00.000Z', via: 'link' },
];
const checkIns = (): CheckInAnswer[] => [
  { person: { id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' }, mood: 'good', text: 'Många jobbar hemma', inRoom: false, answeredAt: '2027-02-10T08:05:00.000Z', via: 'card' },
  { person: { id: '29:pia', name: 'Pia Carlsson' }, mood: 'strained', inRoom: true, answeredAt: '2027-02-10T08:06:00.000Z', via: 'card' },
];

/** Five members, a presenter, and 40 guests (more than the card names). */
const anAttendanceView = (): AttendanceView => {
  const roster = [
    aMember('Sara Herrman', 'organizer', { organisation: 'Fyrbodals kommunalförbund', person: { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' } }),
    aMember('Håkan Sundberg', 'member', { organisation: 'Munkedal', person: { id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' } }),
    aMember('Pia Carlsson', 'member', { organisation: 'Åmål' }),
    aMember('Titti Andersson', 'coopted', { organisation: 'Fyrbodals kommunalförbund' }),
  ];
  const records = [
    { reportId: 'r1', recordId: 'aad-sara', aadObjectId: 'aad-sara', displayName: 'Sara Herrman', role: 'Organizer' as const, seconds: 7200 },
    { reportId: 'r1', recordId: 'johan', displayName: 'Johan Högne', email: 'johan@centigo.se', role: 'Presenter' as const, seconds: 3600 },
    ...Array.from({ length: 40 }, (_, i) => ({ reportId: 'r1', recordId: `g${i}`, displayName: `Gäst ${i}`, email: `g${i}@example.org`, role: 'Attendee' as const, seconds: 600 })),
  ];
  const attendance = meetingAttendance({
    date: '2027-02-10',
    roster,
    matched: matchRecords(records, roster, {}),
    checkedIn: [{ id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' }],
    excused: [{ id: 'member:m-Pia Carlsson', name: 'Pia Carlsson' }],
    corrections: [],
  });
  return { ...attendance, meeting: aScheduledMeeting(), group: aGroup() };
};

function lifecycleCards(t: Translate): Array<[string, AdaptiveCard]> {
  const group = aGroup();
  const roster = [aMember('Sara Herrman', 'organizer', { organisation: 'Fyrbodals kommunalförbund' }), aMember('Håkan Sundberg', 'member'), aMember('Lis Palm', 'member', { to: '2026-06-30' })];
  const scheduled = (extra: Partial<Extract<ScheduleOutcome, { kind: 'scheduled' }>> = {}): Extract<ScheduleOutcome, { kind: 'scheduled' }> => ({
    kind: 'scheduled',
    meeting: aScheduledMeeting(),
    group,
    warnings: [],
    teams: { kind: 'notConfigured' },
    alreadyScheduled: false,
    ...extra,
  });
  const proposals = proposeSeries({ year: 2027, rules: group.rules, time: { start: '09:00', end: '12:00' }, now: new Date('2026-11-25T09:00:00Z') });
  return [
    ['groupCreatedCard', groupCreatedCard(group, 14, 5, t)],
    ['meetingLinkedCard', meetingLinkedCard(group, 0, t)],
    ['rosterCard for a manager', rosterCard(group, roster, '2026-11-25', true, CARD_ID, t, t('members.saved', { name: 'Håkan Sundberg' }))],
    ['rosterCard for a member', rosterCard(group, roster, '2026-11-25', false, CARD_ID, t)],
    ['rosterCard empty', rosterCard(group, [], '2026-11-25', true, CARD_ID, t)],
    ['scheduleFormCard', scheduleFormCard(CARD_ID, t)],
    ['scheduleFormCard with a problem', scheduleFormCard(CARD_ID, t, { title: 'Möte', date: '2027-13-01' }, t('error.SCHEDULE.BAD_DATE', { field: 'date', value: '2027-13-01' }))],
    [
      'heldBackCard',
      heldBackCard(
        { kind: 'heldBack', findings: [{ rule: 'NOTICE_PERIOD', params: { daysAhead: 5, noticeDays: 14, latestNoticeDate: '2026-11-16', earliestStartDate: '2026-12-09' } }], request: { date: '2026-11-30', start: '13:00', end: '15:00', title: 'Extramöte' } },
        CARD_ID,
        t,
      ),
    ],
    ['scheduledCard without Graph', scheduledCard(scheduled(), CARD_ID, t)],
    [
      'scheduledCard with Teams, a refused install, an override and warnings',
      scheduledCard(
        scheduled({
          meeting: aScheduledMeeting({ joinUrl: 'https://teams.microsoft.com/l/meetup-join/x', override: { rule: 'NOTICE_PERIOD', reason: 'Budget', byName: 'Sara Herrman' } }),
          teams: { kind: 'created', joinUrl: 'https://teams.microsoft.com/l/meetup-join/x', install: { kind: 'refused', status: 403, message: 'Forbidden' } },
          warnings: [
            { rule: 'YEARLY_COUNT', params: { year: 2027, count: 7, meetingsPerYear: 6 } },
            { rule: 'NO_PREPARATION_MEETING', params: { expectedDate: '2027-01-27', earliestDate: '2027-01-25', latestDate: '2027-01-29', daysBefore: 14 } },
          ],
          preparationProposal: '2027-01-27',
        }),
        CARD_ID,
        t,
      ),
    ],
    ['scheduledCard when Graph failed', scheduledCard(scheduled({ teams: { kind: 'failed', message: 'Graph answered 503' }, alreadyScheduled: true }), CARD_ID, t)],
    ['seriesCard for 2027', seriesCard(2027, proposals, CARD_ID, t)],
    ['seriesCard with nothing left', seriesCard(2026, [], CARD_ID, t)],
    ['agendaCard before the meeting', agendaCard({ meeting: aScheduledMeeting(), group, agenda: anAgenda() }, new Date('2027-02-10T07:00:00Z'), CARD_ID, t, true)],
    ['agendaCard running over', agendaCard(runningView(), new Date('2027-02-10T09:30:00Z'), CARD_ID, t, true)],
    ['agendaCard empty', agendaCard({ meeting: aScheduledMeeting(), agenda: [] }, new Date('2027-02-10T07:00:00Z'), CARD_ID, t, true)],
    ['noticeCard without answers', noticeCard({ meeting: aScheduledMeeting(), group, agenda: anAgenda(), answers: [], memberCount: 12, unanswered: [], editors: [] }, CARD_ID, t)],
    [
      'noticeCard for one who answered',
      noticeCard({ meeting: aScheduledMeeting(), group, agenda: anAgenda(), answers: noticeAnswers(), memberCount: 12, unanswered: [], editors: [] }, CARD_ID, t, { person: { id: '29:lis', name: 'Lis Palm' }, follows: false }),
    ],
    [
      'noticeCard for an editor, with a substitute and one not answered',
      noticeCard(
        {
          meeting: aScheduledMeeting(),
          group,
          agenda: anAgenda(),
          answers: [...noticeAnswers(), { person: { id: '29:eva', name: 'Eva Grann' }, attending: false, substitute: 'Per <b>Ersatt</b>', answeredAt: '2027-01-20T08:00:00.000Z', via: 'link' }],
          memberCount: 12,
          unanswered: [{ id: 'm9', tenantId: 'tenant-1', groupId: 'group-1', person: { id: '29:olle', name: 'Olle Sist' }, role: 'member', from: '2020-01-01' }],
          editors: [{ id: '29:sara', name: 'Sara Herrman' }],
        },
        CARD_ID,
        t,
        { person: { id: '29:sara', name: 'Sara Herrman' }, follows: true, meetingLink: 'https://teams.microsoft.com/l/entity/app/radslag-home?x=1' },
      ),
    ],
    ['noticeReminderCard', noticeReminderCard({ kind: 'noticeReminder', meetingId: 'meeting-1', title: 'E-råd Fyrbodal: **vintermöte**', meetingDate: '2027-02-10', noticeDeadline: '2027-01-27' }, t)],
    ['checkInCard without answers', checkInCard('meeting-1', [], CARD_ID, t)],
    ['attendanceCard', attendanceCard(anAttendanceView(), t, t('attendance.imported', { records: 1000, added: 1000 }))],
    ['attendanceCard with nobody', attendanceCard({ ...anAttendanceView(), members: [], guests: [], rate: { present: 0, expected: 0 } }, t)],
    ['attendanceFiguresCard', attendanceFiguresCard('E-råd Fyrbodal', '2027-01-01', '2027-12-31', periodFigures([{ id: 'meeting-1', attendance: anAttendanceView() }], '2027-01-01', '2027-12-31'), t)],
    ['attendanceFiguresCard without meetings', attendanceFiguresCard('E-råd Fyrbodal', '2027-01-01', '2027-12-31', periodFigures([], '2027-01-01', '2027-12-31'), t)],
    ['attendanceDeniedCard', attendanceDeniedCard('E-råd Fyrbodal', t)],
    ['checkInCard for one who answered', checkInCard('meeting-1', checkIns(), CARD_ID, t, { id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' })],
    ['noteCard', noteCard({ id: 'n1', tenantId: 'tenant-1', meetingId: 'meeting-1', agendaItem: 2, text: 'Sara tar **budgeten** nästa gång', recordedBy: { id: '29:sara', name: 'Sara Herrman' }, recordedAt: '2027-02-10T08:30:00.000Z' }, t, 'sv')],
    ['actionCard open', actionCard(anAction(), CARD_ID, t, 'sv')],
    ['actionCard done, without owner or due', actionCard(anAction({ owner: undefined, due: undefined, status: 'done', doneBy: { id: '29:sara', name: 'Sara Herrman' }, doneAt: '2027-02-11T08:00:00.000Z' }), CARD_ID, t, 'sv')],
    ['openActionsCard empty', openActionsCard([], CARD_ID, '2027-02-10', t, 'sv')],
    ['openActionsCard over the limit, some overdue', openActionsCard(Array.from({ length: MAX_LISTED_ACTIONS + 3 }, (_, i) => anAction({ id: `a${i}`, due: i % 2 ? '2027-01-01' : '2027-03-01' })), CARD_ID, '2027-02-10', t, 'sv')],
    ['openActionsCard carried over', openActionsCard([anAction()], CARD_ID, '2027-02-10', t, 'sv', t('actions.carriedOver'))],
    ['choosePersonCard for the adjuster', choosePersonCard('Anna', candidates(3), CARD_ID, t, 'adjuster')],
    ['minutesCard draft', minutesCard(anOverview(aMinutesVersion()), t, 'sv')],
    ['minutesCard approved', minutesCard(anOverview(aMinutesVersion({ status: 'approved', approvedBy: { id: '29:hakan', name: 'Håkan Sundberg' }, approvedAt: '2027-02-12T09:00:00.000Z' })), t, 'sv')],
    [
      'minutesCard changed since approval, changes asked for',
      minutesCard(
        {
          ...anOverview(aMinutesVersion({ version: 3, status: 'changesRequested', changesRequestedBy: { id: '29:hakan', name: 'Håkan Sundberg' }, changesNote: 'Punkt 3: nämn arbetsgruppen' })),
          approved: aMinutesVersion({ version: 2, status: 'approved' }),
        },
        t,
        'sv',
      ),
    ],
    ['approvalCard waiting', approvalCard(aMinutesVersion({ status: 'sent' }), 'Håkan Sundberg', MINUTES_LINKS, minutesSummary(aMinutesVersion().content), CARD_ID, t, 'sv')],
    ['approvalCard approved', approvalCard(aMinutesVersion({ status: 'approved', approvedBy: { id: '29:hakan', name: 'Håkan Sundberg' }, approvedAt: '2027-02-12T09:00:00.000Z' }), 'Håkan Sundberg', MINUTES_LINKS, minutesSummary(aMinutesVersion().content), CARD_ID, t, 'sv')],
    ['assessmentCard first page, nothing answered', assessmentCard(anAssessmentForm(55, 0), 0, CARD_ID, t)],
    ['assessmentCard middle page, answered, with a confirmation', assessmentCard(anAssessmentForm(55, 30), 3, CARD_ID, t, t('assess.saved', { count: 8, organisation: 'Munkedal', answered: 30, total: 55 }))],
    ['assessmentCard last page, all answered', assessmentCard(anAssessmentForm(55, 55), 6, CARD_ID, t)],
    ['assessmentCard one page', assessmentCard(anAssessmentForm(3, 1), 0, CARD_ID, t)],
    ['assessmentReminderCard', assessmentReminderCard({ kind: 'assessmentReminder', groupId: 'group-1', groupName: 'E-råd Fyrbodal', organisation: 'Munkedal', answered: 10, total: 55, vision: 'Målbild 2030' }, CARD_ID, t)],
  ];
}

const MINUTES_LINKS = {
  docx: 'https://radslag.example.org/minutes/a.docx',
  html: 'https://radslag.example.org/minutes/a.html',
  md: 'https://radslag.example.org/minutes/a.md',
  publicDocx: 'https://radslag.example.org/minutes/p.docx',
  publicHtml: 'https://radslag.example.org/minutes/p.html',
  expiresAt: '2027-02-17T09:00:00.000Z',
};

const aMinutesVersion = (extra: Partial<MinutesVersion> = {}): MinutesVersion => ({
  id: 'v1',
  tenantId: 'tenant-1',
  meetingId: 'meeting-1',
  version: 1,
  content: {
    groupName: 'E-råd **Fyrbodal**',
    meetingTitle: 'E-rådsmöte',
    date: '2027-02-10',
    startTime: '09:00',
    endTime: '11:00',
    place: 'teams',
    present: [{ name: 'Sara Herrman', organisation: 'Fyrbodals kommunalförbund' }],
    excused: [],
    coopted: [],
    agenda: [{ number: 1, type: 'I', title: 'Statusrapport', plannedStart: '09:00' }],
    sections: [{ number: 1, title: 'Statusrapport', notes: ['Förskjutning i tidsplanen'], checkIns: [], decisions: [{ paragraph: '§1', text: 'Godkänt', retracted: false }], risksRaised: [], riskReviews: [], actions: [] }],
    overrides: [],
    attachments: [],
  },
  contentHash: 'a'.repeat(64),
  status: 'draft',
  createdBy: { id: '29:sara', name: 'Sara Herrman' },
  createdAt: '2027-02-10T11:00:00.000Z',
  ...extra,
});

const anOverview = (version: MinutesVersion) => ({
  meeting: { id: 'meeting-1', tenantId: 'tenant-1', teamsMeetingId: 'm', conversationId: 'c', createdAt: '2027-02-01T00:00:00.000Z' },
  version,
  created: true,
  summary: minutesSummary(version.content),
  links: MINUTES_LINKS,
});

/** A map of `total` capabilities in areas of five (with **markdown** in a name), the first `answered` rated. */
function anAssessmentForm(total: number, answered: number): AssessmentForm {
  const capabilities: Capability[] = Array.from({ length: total }, (_, i) => ({
    id: `cap-${i + 1}`,
    tenantId: 'tenant-1',
    groupId: 'group-1',
    code: `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`,
    area: `Område ${Math.floor(i / 5) + 1}`,
    name: i === 0 ? '**Digital** strategi [länk](https://example.org)' : `Förmåga nummer ${i + 1}`,
    ...(i % 3 === 0 ? { description: 'En beskrivning av förmågan, så som den importerades.' } : {}),
    position: i + 1,
  }));
  const answers = new Map(capabilities.slice(0, answered).map((c, i) => [c.id, { maturity: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5, importance: (((i + 2) % 5) + 1) as 1 | 2 | 3 | 4 | 5 }] as const));
  const group: Group = { id: 'group-1', tenantId: 'tenant-1', name: 'E-råd Fyrbodal', kind: 'council', conversationId: '19:c', rules: DEFAULT_CHARTER_RULES, createdBy: { id: '29:sara', name: 'Sara Herrman' }, createdAt: '2020-01-01T00:00:00.000Z' };
  return { group, vision: 'Målbild 2030', organisation: 'Munkedal', capabilities, answers, answered, total };
}

describe('the assessment card', () => {
  const t = translator('sv');
  it('pages 55 capabilities so each page stays small, with two labelled choices per capability', () => {
    const c = assessmentCard(anAssessmentForm(55, 0), 0, CARD_ID, t);
    const inputs = objectsOf(c).filter((o) => o.type === 'Input.ChoiceSet');
    expect(inputs).toHaveLength(2 * ASSESSMENT_PAGE_SIZE);
    expect(inputs.every((i) => typeof i.label === 'string' && i.label.length > 0)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThan(28_000);
    expect(JSON.stringify(c)).toContain('Sida 1 av 7');
  });

  it('shows the stored answers as the choices’ values, and the last page has no Next', () => {
    const c = assessmentCard(anAssessmentForm(55, 55), 6, CARD_ID, t);
    const values = objectsOf(c).filter((o) => o.type === 'Input.ChoiceSet').map((o) => o.value);
    expect(values.length).toBe(2 * (55 - 6 * ASSESSMENT_PAGE_SIZE));
    expect(values.every((v) => typeof v === 'string' && /^[1-5]$/.test(v))).toBe(true);
    expect(executeActions(c).map((a) => a.title)).toEqual([t('assess.save'), t('assess.previous')]);
  });

  it('keeps imported names literal (a TextRun, not markdown)', () => {
    const c = assessmentCard(anAssessmentForm(3, 0), 0, CARD_ID, t);
    const runs = objectsOf(c).filter((o) => o.type === 'TextRun').map((o) => o.text);
    expect(runs).toContain('1.1 **Digital** strategi [länk](https://example.org)');
  });
});

const anAction = (extra: Partial<Action> = {}): Action => ({
  id: 'a1',
  tenantId: 'tenant-1',
  groupId: 'group-1',
  meetingId: 'meeting-1',
  agendaItem: 3,
  text: 'Skicka det reviderade direktivet till ledamöterna',
  owner: 'Sara Herrman',
  due: '2027-03-18',
  status: 'open',
  createdBy: { id: '29:sara', name: 'Sara Herrman' },
  createdAt: '2027-02-10T08:40:00.000Z',
  ...extra,
});

const allCards = locales.flatMap((locale) => everyCard(translator(locale), locale).map(([name, c]) => [`${name} (${locale})`, c] as [string, AdaptiveCard]));

describe('the SDK check itself', () => {
  const minimal = (body: unknown[], actions?: unknown[]) => ({ type: 'AdaptiveCard', version: '1.5', body, ...(actions ? { actions } : {}) });

  it('accepts a small valid card', () => {
    expect(sdkProblems(minimal([{ type: 'TextBlock', text: 'Hej', wrap: true }]))).toEqual([]);
  });

  it('reports an unknown element type while parsing', () => {
    expect(sdkProblems(minimal([{ type: 'TextBlok', text: 'Hej' }]))).toEqual([expect.objectContaining({ phase: 'Parse', event: 'UnknownElementType' })]);
  });

  it('reports an invalid property value while parsing', () => {
    expect(sdkProblems(minimal([{ type: 'TextBlock', text: 'Hej', size: 'Huge' }]))).toEqual([
      expect.objectContaining({ phase: 'Parse', event: 'InvalidPropertyValue' }),
    ]);
    expect(sdkProblems(minimal([{ type: 'ColumnSet', columns: [{ type: 'Column', width: '4 0px', items: [] }] }]))).toEqual([
      expect.objectContaining({ event: 'InvalidPropertyValue' }),
    ]);
  });

  it('reports an unknown action type', () => {
    expect(sdkProblems(minimal([], [{ type: 'Action.Run', title: 'Go' }]))).toEqual([expect.objectContaining({ event: 'UnknownActionType' })]);
  });

  it('reports validation failures: a required input without label or error message, a duplicate id', () => {
    const events = sdkProblems(minimal([{ type: 'Input.Text', id: 'threat', isRequired: true }, { type: 'Input.Text', id: 'threat' }])).map((p) => p.event);
    expect(events).toEqual(expect.arrayContaining(['RequiredInputsShouldHaveLabel', 'RequiredInputsShouldHaveErrorMessage', 'DuplicateId']));
  });

  it('refuses an element newer than schema 1.5', () => {
    expect(sdkProblems(minimal([{ type: 'Carousel', pages: [] }]))).toEqual([expect.objectContaining({ event: 'UnknownElementType' })]);
  });

  it('reports more actions than Teams shows (six), and more than the SDK default (five) under the default host config', () => {
    const actions = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'Action.Execute', title: `P${i}`, verb: 'v', data: { cardId: 'c' } }));
    expect(sdkProblems(minimal([], actions(6)))).toEqual([]);
    expect(sdkProblems(minimal([], actions(7)))).toEqual([expect.objectContaining({ event: 'TooManyActions' })]);
    expect(sdkProblems(minimal([], actions(6)), new AC.HostConfig())).toEqual([expect.objectContaining({ event: 'TooManyActions' })]);
  });

  it('reads the version of the card', () => {
    expect(sdkVersion(minimal([]))).toBe('1.5');
  });
});

describe.each(allCards)('%s', (_name, c) => {
  it('parses and validates in the Adaptive Cards SDK without a single warning', () => {
    expect(sdkProblems(c)).toEqual([]);
  });

  it('is an AdaptiveCard of version 1.5, full width in Teams', () => {
    expect(c.type).toBe('AdaptiveCard');
    expect(c.version).toBe('1.5');
    expect(sdkVersion(c)).toBe('1.5');
    expect(c.msteams).toEqual({ width: 'Full' });
    expect(c.body.length).toBeGreaterThan(0);
  });

  // A card with buttons: each names its verb and the card; a card without: says so, rather than passing with no check.
  const presses = executeActions(c);
  if (presses.length > 0) {
    it(`gives each of its ${presses.length} Action.Execute a verb and the card id in its data`, () => {
      for (const action of presses) {
        expect(action.verb).toEqual(expect.stringMatching(/^[a-z]+\.[a-zA-Z]+$/));
        expect(action.title).toEqual(expect.any(String));
        expect(isObject(action.data) && action.data.cardId).toBe(CARD_ID);
      }
    });
  } else {
    it('has no Action.Execute (nothing to press)', () => {
      expect(objectsOf(c).filter((o) => o.type === 'Action.Execute')).toEqual([]);
    });
  }

  it('acts only through Action.Execute (no Action.Submit, which Teams does not refresh)', () => {
    const actionTypes = objectsOf(c)
      .map((o) => o.type)
      .filter((type): type is string => typeof type === 'string' && type.startsWith('Action.'));
    // Links may open (Action.OpenUrl) and forms unfold (Action.ShowCard); everything that acts is Action.Execute.
    expect(actionTypes.every((type) => type === 'Action.Execute' || type === 'Action.OpenUrl' || type === 'Action.ShowCard')).toBe(true);
  });
});

describe('the checks above are not vacuous', () => {
  it('the cards with buttons do have Action.Execute actions', () => {
    const t = translator('en');
    expect(executeActions(decisionCard(aDecision(), CARD_ID, t, 'en'))).toHaveLength(1);
    expect(executeActions(riskFormCard(CARD_ID, t))).toHaveLength(1);
    expect(executeActions(choosePersonCard('Anna', candidates(2), CARD_ID, t))).toHaveLength(2);
  });
});

// ---- user text is never markdown --------------------------------------------------------------------

describe('text people typed is shown literally (only in TextRuns)', () => {
  const MARKUP = '**bold** <script>alert(1)</script> [x](http://e)';

  it.each(locales)('a decision text with markdown and HTML is only inside a TextRun (%s)', (locale) => {
    const t = translator(locale);
    const d = aDecision({ text: `Beslut ${MARKUP}` });
    for (const c of [decisionCard(d, CARD_ID, t, locale), decisionCard({ ...d, status: 'retracted' }, CARD_ID, t, locale), decisionListCard([d], t)]) {
      const where = occurrencesOf(c, MARKUP);
      expect(where.length).toBeGreaterThan(0);
      expect(where).toEqual(where.map(() => ({ type: 'TextRun', key: 'text' })));
      expect(textsOf(c, 'TextRun')).toContain(`Beslut ${MARKUP}`);
      expect(textsOf(c, 'TextBlock').some((text) => text.includes('**bold**'))).toBe(false);
    }
  });

  it('every typed risk field is only inside a TextRun, in the risk card and the register', () => {
    const t = translator('sv');
    const r = aFullRisk({
      threat: `Hot ${MARKUP}`,
      vulnerability: `Sårbarhet ${MARKUP}`,
      consequence: `Konsekvens ${MARKUP}`,
      action: `Åtgärd ${MARKUP}`,
      owner: `Ansvarig ${MARKUP}`,
    });
    const card = riskCard(r, t, 'sv');
    const where = occurrencesOf(card, MARKUP);
    expect(where).toHaveLength(5);
    expect(where.every((w) => w.type === 'TextRun' && w.key === 'text')).toBe(true);
    const register = riskRegisterCard([r], t);
    expect(occurrencesOf(register, MARKUP)).toEqual([{ type: 'TextRun', key: 'text' }]);
  });

  it('the unknown command word and the typed name to choose by are only inside TextRuns', () => {
    const t = translator('en');
    const help = helpCard(t, `/${MARKUP}`);
    expect(occurrencesOf(help, MARKUP)).toEqual([{ type: 'TextRun', key: 'text' }]);
    const choose = choosePersonCard(MARKUP, candidates(2), CARD_ID, t);
    expect(occurrencesOf(choose, MARKUP)).toEqual([{ type: 'TextRun', key: 'text' }]);
  });

  it('the risk form gives typed values back as input values, not as text', () => {
    const values: RiskFormValues = { threat: `Hot ${MARKUP}`, action: `Åtgärd ${MARKUP}`, owner: `Ansvarig ${MARKUP}` };
    const form = riskFormCard(CARD_ID, translator('sv'), values);
    const where = occurrencesOf(form, MARKUP);
    expect(where).toHaveLength(3);
    expect(where.every((w) => w.type === 'Input.Text' && w.key === 'value')).toBe(true);
  });

  // After a refused submit the bot shows the form again with the domain's message, and that message quotes
  // what was sent: RISK.SCORE_OUT_OF_RANGE puts the raw S/K value (up to 20 characters) in it.
  it('the problem shown on the risk form, which quotes the value that was sent, is not read as markdown', () => {
    const t = translator('en');
    const problem = t('error.RISK.SCORE_OUT_OF_RANGE', { field: t('field.S'), value: '[x](http://e.co)' });
    const form = riskFormCard(CARD_ID, t, { S: '[x](http://e.co)' }, problem);
    const where = occurrencesOf(form, '[x](http://e.co)').filter((w) => w.type !== 'Input.ChoiceSet');
    expect(where).toEqual([{ type: 'TextRun', key: 'text' }]);
  });
});

// ---- card by card -----------------------------------------------------------------------------------

describe('decisionCard', () => {
  const t = translator('en');

  it('shows §n, the text and who recorded it when, in Stockholm time, with an Undo button', () => {
    const c = decisionCard(aDecision({ id: 'decision-42', number: 3 }), CARD_ID, t, 'en');
    expect(visibleTexts(c)).toContain(t('decision.title', { paragraph: '§3' }));
    expect(textsOf(c, 'TextRun')[0]).toBe('E-rådet beslutar om ändring av förstudiedirektiv');
    // 09:00 UTC on 27 November is 10:00 in Stockholm.
    expect(visibleTexts(c)).toContain(`${t('decision.recordedBy', { name: 'Sara Herrman' })} · 27/11/2020, 10:00`);
    expect(c.actions).toEqual([
      { type: 'Action.Execute', title: t('decision.undo'), verb: RETRACT_DECISION_VERB, data: { decisionId: 'decision-42', cardId: CARD_ID } },
    ]);
  });

  it('is in Swedish for sv', () => {
    const sv = translator('sv');
    const c = decisionCard(aDecision({ number: 3 }), CARD_ID, sv, 'sv');
    expect(visibleTexts(c)).toContain(sv('decision.title', { paragraph: '§3' }));
    expect(visibleTexts(c)).toContain(`${sv('decision.recordedBy', { name: 'Sara Herrman' })} · 2020-11-27 10:00`);
    expect(executeActions(c).map((a) => a.title)).toEqual([sv('decision.undo')]);
    expect(sv('decision.undo')).not.toBe(t('decision.undo'));
  });

  it('when retracted: no Undo, a badge, the text struck through and who retracted it', () => {
    const c = decisionCard(aRetractedDecision(), CARD_ID, t, 'en');
    expect(c.actions).toBeUndefined();
    expect(executeActions(c)).toEqual([]);
    expect(ofType(c, 'TextBlock')).toContainEqual(expect.objectContaining({ text: t('decision.retractedBadge'), color: 'Attention' }));
    expect(ofType(c, 'TextRun').filter((o) => !isHeadingRun(o))[0]).toEqual(expect.objectContaining({ text: aDecision().text, strikethrough: true }));
    expect(ofType(c, 'TextRun')).toContainEqual(
      expect.objectContaining({ text: `${t('decision.retractedBy', { name: 'Håkan Sundberg' })} · 27/11/2020, 10:05`, color: 'Attention' }),
    );
  });
});

describe('decisionListCard', () => {
  const t = translator('en');

  it('when empty says so and gives an example', () => {
    const c = decisionListCard([], t);
    expect(visibleTexts(c)).toEqual([t('decisions.title'), t('decisions.empty'), t('common.example', { example: t('usage.decision') })]);
    expect(rowsOf(c)).toEqual([]);
  });

  it('lists every decision with its § and counts those in force and retracted', () => {
    const c = decisionListCard([aDecision(), aRetractedDecision({ id: 'd2', number: 2, text: 'Andra' }), aDecision({ id: 'd3', number: 3, text: 'Tredje' })], t);
    expect(visibleTexts(c)).toContain(t('decisions.summary', { active: 2, retracted: 1 }));
    expect(rowsOf(c)).toHaveLength(3);
    expect(visibleTexts(c).filter((text) => /^§\d+$/.test(text))).toEqual(['§1', '§2', '§3']);
    expect(ofType(c, 'TextRun')).toContainEqual(expect.objectContaining({ text: 'Andra', strikethrough: true }));
    expect(ofType(c, 'TextRun')).toContainEqual(expect.objectContaining({ text: `Sara Herrman · ${t('decisions.retracted')}`, color: 'Attention' }));
  });

  it('over one message shows the latest decisions that fit, says which, and reaches every one through Show more', () => {
    const decisions = manyDecisions(60, LONG);
    const pages = pagesOf((offset) => decisionListCard(decisions, t, { cardId: CARD_ID, ...(offset === undefined ? {} : { offset }) }));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(byteSizeOf(page)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    // The first page ends with the newest decision; the pages together hold each decision once.
    const numbers = pages.map((p) => visibleTexts(p).filter((text) => /^§\d+$/.test(text)));
    expect(numbers[0]!.at(-1)).toBe('§60');
    expect(numbers.flat().sort()).toEqual(decisions.map((d) => `§${d.number}`).sort());
    expect(new Set(numbers.flat()).size).toBe(60);
    const shown = numbers[0]!.length;
    expect(visibleTexts(pages[0]!)).toContain(t('list.window', { from: 60 - shown + 1, to: 60, total: 60 }));
    // The last page offers no more.
    expect(executeActions(pages.at(-1)!)).toEqual([]);
  });

  it('with few decisions shows all of them, no window note and no Show more', () => {
    const c = decisionListCard(manyDecisions(12), t, { cardId: CARD_ID });
    expect(rowsOf(c)).toHaveLength(12);
    // heading, summary, then the rows.
    expect(c.body).toHaveLength(2 + 12);
    expect(executeActions(c)).toEqual([]);
  });
});

describe('riskCard', () => {
  it('for S=5 K=4 shows R 20 in the critical colour', () => {
    const t = translator('en');
    const c = riskCard(aRisk({ number: 4, probability: 5, impact: 4 }), t, 'en');
    expect(visibleTexts(c)).toContain(t('risk.title', { code: 'R4' }));
    expect(ofType(c, 'TextBlock')).toContainEqual(expect.objectContaining({ text: `20 (${t('risk.band.critical')})`, color: 'Attention' }));
    const scores = c.body.find((e) => e.type === 'ColumnSet' && JSON.stringify(e).includes(t('risk.R')));
    expect(textsOf({ ...c, body: scores ? [scores] : [] }, 'TextBlock')).toEqual([t('risk.S'), '5', t('risk.K'), '4', t('risk.R'), `20 (${t('risk.band.critical')})`]);
  });

  it('shows R with its band in Swedish', () => {
    const sv = translator('sv');
    const texts = textsOf(riskCard(aRisk({ probability: 2, impact: 3 }), sv, 'sv'), 'TextBlock');
    expect(texts).toContain(`6 (${sv('risk.band.medium')})`);
  });

  it('minimal: only the threat, the scores and "action needed: no"', () => {
    const t = translator('en');
    const c = riskCard(aRisk(), t, 'en');
    const labels = visibleTexts(c);
    expect(labels).toEqual(expect.arrayContaining([t('risk.threat'), t('risk.actionNeeded')]));
    for (const absent of [t('risk.vulnerability'), t('risk.consequence'), t('risk.action'), t('risk.owner')]) expect(labels).not.toContain(absent);
    expect(textsOf(c, 'TextRun')).toEqual([aRisk().threat, t('common.no'), expect.stringContaining(t('risk.raisedBy', { name: 'Sara Herrman' }))]);
  });

  it('full: every field that was given', () => {
    const r = aFullRisk();
    const t = translator('en');
    const c = riskCard(r, t, 'en');
    expect(visibleTexts(c)).toEqual(
      expect.arrayContaining([t('risk.threat'), t('risk.vulnerability'), t('risk.consequence'), t('risk.actionNeeded'), t('risk.action'), t('risk.owner')]),
    );
    expect(textsOf(c, 'TextRun')).toEqual([r.threat, r.vulnerability, r.consequence, t('common.yes'), r.action, r.owner, expect.stringContaining(t('risk.raisedBy', { name: 'Sara Herrman' }))]);
    expect(visibleTexts(c)).toContain(`${t('risk.raisedBy', { name: 'Sara Herrman' })} · 27/11/2020, 10:10`);
  });
});

describe('riskFormCard', () => {
  const inputs = (c: AdaptiveCard) => objectsOf(c).filter((o) => typeof o.type === 'string' && o.type.startsWith('Input.'));

  it('has the inputs threat, vulnerability, consequence, S, K, actionNeeded, action, owner', () => {
    const c = riskFormCard(CARD_ID, translator('sv'));
    expect(inputs(c).map((i) => i.id)).toEqual(['threat', 'vulnerability', 'consequence', 'S', 'K', 'actionNeeded', 'action', 'owner']);
  });

  it('requires the threat, S and K, each with a label and an error message; S and K offer 1–5', () => {
    const c = riskFormCard(CARD_ID, translator('en'));
    const required = inputs(c).filter((i) => i.isRequired === true);
    expect(required.map((i) => i.id)).toEqual(['threat', 'S', 'K']);
    for (const input of required) {
      expect(input.label).toEqual(expect.any(String));
      expect(input.errorMessage).toEqual(expect.any(String));
    }
    for (const choiceSet of ofType(c, 'Input.ChoiceSet')) {
      expect(choiceSet.choices).toEqual(['1', '2', '3', '4', '5'].map((v) => ({ title: v, value: v })));
    }
  });

  it('submits with Action.Execute risk.create and the card id', () => {
    expect(riskFormCard(CARD_ID, translator('en')).actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: CREATE_RISK_VERB, data: { cardId: CARD_ID } })]);
  });

  it('empty: no values, the toggle off, no problem shown', () => {
    const c = riskFormCard(CARD_ID, translator('en'));
    expect(inputs(c).filter((i) => i.type !== 'Input.Toggle' && 'value' in i)).toEqual([]);
    expect(ofType(c, 'Input.Toggle')).toEqual([expect.objectContaining({ value: 'false', valueOn: 'true', valueOff: 'false' })]);
    // heading and intro, then the inputs: no problem text.
    expect(c.body.slice(0, 3).map((e) => e.type)).toEqual(['RichTextBlock', 'RichTextBlock', 'Input.Text']);
    expect(isHeadingRun((c.body[0]!.inlines as Json[])[0]!)).toBe(true);
  });

  it('after a refused submit: gives back what was typed and says what to fix', () => {
    const t = translator('en');
    const values: RiskFormValues = { threat: 'Hot', vulnerability: 'Sårbar', consequence: 'Följd', S: '5', K: '4', actionNeeded: 'true', action: 'Gör', owner: 'Sara' };
    const c = riskFormCard(CARD_ID, t, values, 'K (impact) is missing.');
    expect(Object.fromEntries(inputs(c).map((i) => [i.id, i.value]))).toEqual(values);
    expect(JSON.stringify(c)).toContain(JSON.stringify(t('riskForm.fix', { message: 'K (impact) is missing.' })));
  });
});

describe('riskRegisterCard', () => {
  const t = translator('en');
  const codesOf = (c: AdaptiveCard) => visibleTexts(c).filter((text) => /^R\d+$/.test(text));

  it('when empty says so and gives an example', () => {
    const c = riskRegisterCard([], t);
    expect(visibleTexts(c)).toEqual([t('risks.title'), t('risks.empty'), t('common.example', { example: t('usage.risk') })]);
    expect(rowsOf(c)).toEqual([]);
  });

  it('shows the seed register in the order given (highest R first) with S, K and R', () => {
    const c = riskRegisterCard(seedRisks, t);
    expect(codesOf(c)).toEqual(['R4', 'R3', 'R2', 'R5', 'R1']);
    expect(visibleTexts(c)).toContain(t('risks.summary', { count: 5, needAction: 4 }));
    const threats = new Set(seedRisks.map((r) => r.threat));
    const rowValues = rowsOf(c).map((row) => visibleTexts({ ...c, body: [row] }).filter((text) => !threats.has(text)));
    expect(rowValues[0]).toEqual(['R4', t('risks.needsAction'), '5', '4', '20']);
    expect(rowValues[3]).toEqual(['R5', '2', '3', '6']);
    expect(rowValues[4]).toEqual(['R1', t('risks.needsAction'), '1', '5', '5']);
    expect(ofType(c, 'TextBlock')).toContainEqual(expect.objectContaining({ text: '20', color: 'Attention' }));
  });

  it('over one message shows the highest risks that fit and reaches every one, in register order, through Show more', () => {
    const risks = manyRisks(100, LONG);
    const pages = pagesOf((offset) => riskRegisterCard(risks, t, { cardId: CARD_ID, ...(offset === undefined ? {} : { offset }) }));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(byteSizeOf(page)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(pages.flatMap((p) => codesOf(p))).toEqual(risks.map((r) => `R${r.number}`));
    const first = codesOf(pages[0]!).length;
    expect(visibleTexts(pages[0]!)).toContain(t('list.window', { from: 1, to: first, total: 100 }));
  });
});

describe('helpCard', () => {
  it('lists every command the parser knows, with its Swedish name', () => {
    const names = ofType(helpCard(translator('sv')), 'TextBlock')
      .filter((o) => o.fontType === 'Monospace' && o.weight === 'Bolder')
      .map((o) => String(o.text));
    expect(names).toEqual([
      '/decision · /beslut',
      '/decisions · /beslutslista',
      '/numbering · /numrering',
      '/risk',
      '/risks · /risker',
      '/secretary · /sekreterare',
      '/setup',
      '/members · /ledamöter',
      '/preparation · /beredning',
      '/schedule · /boka',
      '/meetings · /möten',
      '/notice · /kallelse',
      '/agenda · /dagordning',
      '/start · /next · /item <n> (/nästa, /punkt)',
      '/checkin · /incheckning',
      '/attendance · /närvaro · /present · /excused · /absent (/närvarande, /förhindrad, /frånvarande)',
      '/note · /anteckning',
      '/action · /åtgärd',
      '/actions · /åtgärder',
      '/adjuster · /justerare',
      '/minutes · /protokoll',
      '/transcripts · /transkript',
      '/attach · /bilaga',
      '/assess · /bedöm',
      '/help · /hjälp',
    ]);
    // Every command word the parser takes is on the card.
    const listed = names.join(' ');
    for (const word of ['decision', 'beslut', 'risker', 'sekreterare', 'setup', 'ledamöter', 'beredning', 'boka', 'kallelse', 'dagordning', 'start', 'nästa', 'punkt', 'incheckning', 'närvaro', 'present', 'närvarande', 'förhindrad', 'frånvarande', 'anteckning', 'åtgärd', 'åtgärder', 'justerare', 'assess', 'bedöm', 'hjälp']) {
      expect(listed).toContain(`/${word}`);
      expect(parseCommand(`/${word}`).kind).toBe('command');
    }
  });

  it('without an unknown command has no warning text', () => {
    const t = translator('en');
    expect(ofType(helpCard(t), 'TextRun').filter((run) => run.color === 'Attention')).toEqual([]);
    expect(visibleTexts(helpCard(t)).some((text) => text.includes(t('help.unknown', { command: '' }).slice(2, 12)))).toBe(false);
  });

  it('names the unknown command first, in the attention colour', () => {
    const t = translator('en');
    const c = helpCard(t, '/foo');
    expect(ofType(c, 'TextRun').filter((run) => run.color === 'Attention')).toEqual([expect.objectContaining({ text: t('help.unknown', { command: '/foo' }), color: 'Attention' })]);
    expect(t('help.unknown', { command: '/foo' })).toContain('/foo');
    expect(c.body[1]?.type).toBe('RichTextBlock');
  });
});

describe('choosePersonCard', () => {
  const t = translator('en');

  it('gives one button per candidate that appoints that person', () => {
    const people = candidates(2);
    const c = choosePersonCard('anna', people, CARD_ID, t);
    expect(c.actions).toEqual(
      people.map((p) => ({
        type: 'Action.Execute',
        title: p.name,
        verb: APPOINT_SECRETARY_VERB,
        data: { cardId: CARD_ID, personId: p.id, aadObjectId: p.aadObjectId ?? '', name: p.name },
      })),
    );
    expect(textsOf(c, 'TextRun')).toEqual([t('secretary.choose', { name: 'anna' })]);
    expect(ofType(c, 'TextRun').filter(isHeadingRun).map((o) => o.text)).toEqual([t('secretary.chooseTitle')]);
  });

  it('shows at most six buttons (what Teams shows) for 10 candidates', () => {
    const people = candidates(10);
    const c = choosePersonCard('Anna', people, CARD_ID, t);
    expect(executeActions(c).map((a) => a.title)).toEqual(people.slice(0, 6).map((p) => p.name));
    expect(executeActions(c)[2]?.data).toEqual(expect.objectContaining({ aadObjectId: '' }));
  });
});
