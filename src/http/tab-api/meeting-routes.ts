/**
 * The tab's meeting page: GET /api/tab/groups/:groupId/meeting (?meeting=<id> or ?chat=<meeting chat id>)
 * and, for those who may record, POST …/meetings/:meetingId/{decisions|notes|actions|risks|next} through the
 * chat commands' use cases. Shapes: src/contract/tab-api.ts (MeetingPageView, MeetingRecordRequest).
 */
import type { Server } from 'restify';
import { z } from 'zod';
import type { MeetingPage, MeetingPageService, MeetingRecord } from '../../app/meeting-page-service';
import type { MeetingActionRow, MeetingPageView } from '../../contract/tab-api';
import { groupAccess, pathParam, TabApiError, tabRoute, type TabApiDeps } from './tab-auth';

type Deps = TabApiDeps & { meetingPage: MeetingPageService };

const requestId = z.string().regex(/^[A-Za-z0-9-]{8,100}$/, 'requestId must be a UUID the tab makes per submit');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const score = z.number().int().min(1, 'must be 1–5').max(5, 'must be 1–5');

/** Each form's body; the domain checks the texts again with the chat's messages. */
const bodies = {
  decisions: z.object({ requestId, heading: z.string().trim().max(300).optional(), text: text(20_000) }).strict(),
  notes: z.object({ requestId, text: text(20_000) }).strict(),
  actions: z.object({ requestId, text: text(2_000), owner: z.string().trim().max(200).optional(), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional() }).strict(),
  risks: z.object({ requestId, threat: text(2_000), probability: score, impact: score }).strict(),
  next: z.object({ requestId, from: z.number().int().min(0).max(100).optional() }).strict(),
} as const;
type Kind = keyof typeof bodies;

const USAGE: Record<Kind, string> = {
  decisions: '{ requestId, heading?, text }',
  notes: '{ requestId, text }',
  actions: '{ requestId, text, owner?, due?: "YYYY-MM-DD" }',
  risks: '{ requestId, threat, probability: 1–5, impact: 1–5 }',
  next: '{ requestId, from?: <the item in progress> }',
};

function toRecord(kind: Kind, body: Record<string, unknown>): MeetingRecord {
  const { requestId: _id, ...rest } = body;
  const named = { decisions: 'decision', notes: 'note', actions: 'action', risks: 'risk', next: 'next' } as const;
  // The schema checked the fields; blank optional texts are left out.
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== ''));
  return { kind: named[kind], ...fields } as MeetingRecord;
}

function actionRow(a: MeetingPage['actions'][number]): MeetingActionRow {
  return { id: a.id, ...(a.agendaItem ? { agendaItem: a.agendaItem } : {}), text: a.text, ...(a.owner ? { owner: a.owner } : {}), ...(a.due ? { due: a.due } : {}), status: a.status };
}

export function toMeetingView(p: MeetingPage): MeetingPageView {
  const m = p.meeting;
  const times = p.times;
  const current = m && !m.agendaDoneAt && m.startedAt ? m.currentItem : undefined;
  const attending = p.answers.filter((a) => a.attending).length;
  return {
    group: { id: p.access.group.id, name: p.access.group.name },
    canRecord: p.canRecord,
    ...(m
      ? {
          meeting: {
            id: m.id,
            title: m.title ?? p.access.group.name,
            ...(times ? { date: times.date, start: times.start } : {}),
            ...(times?.end ? { end: times.end } : {}),
            ...(m.joinUrl ? { joinUrl: m.joinUrl } : {}),
            started: Boolean(m.startedAt),
            ended: p.held,
            ...(current ? { currentItem: current } : {}),
          },
        }
      : {}),
    agenda: p.agenda.map((r) => (r.kind === 'item' ? { ...r, current: r.number === current } : r)),
    notice: {
      attending,
      notAttending: p.answers.length - attending,
      ...(p.canRecord
        ? {
            answers: p.answers.map((a) => ({ name: a.person.name, attending: a.attending, ...(a.note ? { note: a.note } : {}), ...(a.substitute ? { substitute: a.substitute } : {}), ...(a.via === 'link' ? { viaLink: true } : {}) })),
            unanswered: p.unanswered,
          }
        : {}),
    },
    decisions: p.decisions.map((d) => ({
      id: d.id,
      ...(d.agendaItem ? { agendaItem: d.agendaItem } : {}),
      ...(p.numbered ? { paragraph: `§${d.number}` } : {}),
      ...(d.heading ? { heading: d.heading } : {}),
      text: d.text,
      status: d.status,
    })),
    notes: p.notes.map((n) => ({ id: n.id, ...(n.agendaItem ? { agendaItem: n.agendaItem } : {}), text: n.text, by: n.recordedBy.name })),
    actions: p.actions.map(actionRow),
    openActions: p.openActions.map(actionRow),
    topRisks: p.topRisks.map((r) => ({ id: r.id, code: r.code, threat: r.threat, score: r.score, band: r.band, status: r.status })),
  };
}

export function registerMeetingRoutes(server: Server, deps: Deps): void {
  server.get(
    '/api/tab/groups/:groupId/meeting',
    tabRoute(deps, async (req, res, caller) => {
      const query = (req.query ?? {}) as Record<string, unknown>;
      const { meeting, chat } = query;
      if (meeting !== undefined && (typeof meeting !== 'string' || meeting === '' || meeting.length > 200)) throw new TabApiError(400, 'BadRequest', 'Give one meeting id of at most 200 characters as ?meeting=.');
      if (chat !== undefined && (typeof chat !== 'string' || chat === '' || chat.length > 300)) throw new TabApiError(400, 'BadRequest', 'Give one chat id of at most 300 characters as ?chat=.');
      const access = await groupAccess(deps, caller, pathParam(req, 'groupId'));
      const choice = typeof meeting === 'string' ? { meetingId: meeting } : typeof chat === 'string' ? { conversationId: chat } : {};
      res.send(200, toMeetingView(await deps.meetingPage.view(access, choice)));
    }),
  );

  for (const kind of Object.keys(bodies) as Kind[]) {
    server.post(
      `/api/tab/groups/:groupId/meetings/:meetingId/${kind}`,
      tabRoute(deps, async (req, res, caller) => {
        const access = await groupAccess(deps, caller, pathParam(req, 'groupId'));
        const meetingId = pathParam(req, 'meetingId');
        const parsed = bodies[kind].safeParse(req.body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new TabApiError(400, 'BadRequest', `The request is not valid: ${issue.path.join('.') || 'body'}: ${issue.message}. Send JSON ${USAGE[kind]}.`);
        }
        const { requestId: id } = parsed.data;
        const { page, created } = await deps.meetingPage.record(access, caller.person, meetingId, toRecord(kind, parsed.data), `tab:${meetingId}:${id}`, caller.locale);
        res.send(created ? 201 : 200, toMeetingView(page));
      }),
    );
  }
}
