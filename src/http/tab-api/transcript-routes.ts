/**
 * The tab's Transcript page: GET /api/tab/meetings/:meetingId/transcript (the cues per agenda item) and
 * POST …/transcript/notes (passages as a note, through `/note`'s use case; `requestId` is the source key).
 * Shapes: src/contract/tab-api.ts (TranscriptPageView, TranscriptNoteRequest).
 */
import type { Server } from 'restify';
import { z } from 'zod';
import type { TranscriptService, TranscriptView } from '../../app/transcript-service';
import type { TranscriptNoteResult, TranscriptPageView } from '../../contract/tab-api';
import { pathParam, TabApiError, tabRoute, type TabApiDeps, type TabCaller } from './tab-auth';

type Deps = TabApiDeps & { transcripts: TranscriptService };

const noteBody = z
  .object({
    itemNumber: z.number().int().min(1).max(100).nullable(),
    cueIds: z.array(z.string().min(1).max(200)).min(1, 'choose at least one passage').max(500),
    requestId: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, 'requestId must be a UUID the tab makes per submit'),
  })
  .strict();

export function toTranscriptView(v: TranscriptView): TranscriptPageView {
  const m = v.meeting;
  return {
    meeting: { id: m.id, title: m.title ?? '', ...(m.groupId ? { groupId: m.groupId } : {}), ...(v.date ? { date: v.date } : {}) },
    attributed: v.attributed,
    deleted: v.deleted,
    mayTakeNotes: v.mayTakeNotes,
    withheld: v.withheld === true,
    items: v.items.map((i) => ({
      number: i.number ?? null,
      place: i.place,
      title: i.title,
      cues: i.cues.map((c) => ({ id: c.id, start: c.start, end: c.end, speaker: c.speaker ?? null, text: c.text })),
    })),
  };
}

/** The tab's local reader (no token) reads the demo workspace only; a transcript is never shown to it. */
function person(caller: TabCaller) {
  if (caller.principal.kind !== 'person') throw new TabApiError(403, 'Forbidden', 'Transcripts are shown only to a signed-in secretary, chair, vice chair or organizer.');
  return caller.person;
}

export function registerTranscriptRoutes(server: Server, deps: Deps): void {
  server.get(
    '/api/tab/meetings/:meetingId/transcript',
    tabRoute(deps, async (req, res, caller) => {
      const meetingId = pathParam(req, 'meetingId');
      const view = caller.principal.kind === 'localReader' ? await deps.transcripts.outline(caller.tenantId, meetingId) : await deps.transcripts.view(caller.tenantId, caller.person, meetingId);
      res.send(200, toTranscriptView(view));
    }),
  );

  server.post(
    '/api/tab/meetings/:meetingId/transcript/notes',
    tabRoute(deps, async (req, res, caller) => {
      const meetingId = pathParam(req, 'meetingId');
      const parsed = noteBody.safeParse(req.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new TabApiError(400, 'BadRequest', `The request is not valid: ${issue.path.join('.') || 'body'}: ${issue.message}. Send JSON { itemNumber: <number or null>, cueIds: [<cue id>…], requestId }.`);
      }
      const { itemNumber, cueIds, requestId } = parsed.data;
      const stored = await deps.transcripts.takeNote(caller.tenantId, person(caller), meetingId, { itemNumber, cueIds }, `tab:transcript:${meetingId}:${requestId}`, caller.locale);
      const result: TranscriptNoteResult = { noteId: stored.value.id, agendaItem: stored.value.agendaItem ?? null, text: stored.value.text };
      res.send(stored.created ? 201 : 200, result);
    }),
  );
}
