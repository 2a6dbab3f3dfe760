/**
 * The TranscriptSource port over Microsoft Graph: the transcripts of an online meeting
 * (`GET /users/{organizer}/onlineMeetings/{id}/transcripts`, all pages) and each one's content as WebVTT
 * (`…/transcripts/{id}/content?$format=text/vtt`), parsed with `webvtt-parser` (the W3C parser: voice tags
 * become `v` nodes, so `<v Speaker>` is read as a speaker, never as text).
 *
 * A tenant that switched speaker attribution off answers the attributed format 403 with the inner code
 * `SpeakerAttributionNotAllowed`; Graph's documented way on is to ask again without a format, which gives
 * the cues without speakers. Any other 403 (no OnlineMeetingTranscript.Read.All, no RSC grant in the meeting
 * chat, no application access policy) becomes TranscriptAccessDenied.
 */
import type { Logger } from 'pino';
import { WebVTTParser, type TreeNode, type TreeNodeObjectTagNameWithRt } from 'webvtt-parser';
import { z } from 'zod';
import { TranscriptAccessDenied, type FetchedCue, type FetchedTranscript, type TranscriptSource } from '../app/ports';
import { GraphRequestError } from './graph-errors';
import { graphPath, type GraphAnswer, type GraphHttp } from './graph-http';
import { getAllPages } from './graph-paging';

/** callTranscript: only what we read. */
const callTranscript = z.object({ id: z.string().min(1), createdDateTime: z.string().min(1), endDateTime: z.string().nullish() });

const isSpeakerAttributionRefusal = (e: unknown): boolean => e instanceof GraphRequestError && e.status === 403 && e.innerCode === 'SpeakerAttributionNotAllowed';

/** The text of a cue's tree; the first voice tag names the speaker. */
function readTree(nodes: ReadonlyArray<TreeNode<TreeNodeObjectTagNameWithRt>>, into: { speaker?: string; text: string[] }): void {
  for (const node of nodes) {
    if (node.type === 'text') into.text.push(node.value);
    else if (node.type === 'object') {
      if (node.name === 'v' && into.speaker === undefined && node.value.trim() !== '') into.speaker = node.value.trim();
      readTree(node.children, into);
    }
  }
}

/**
 * The character references WebVTT knows, keyed with their `;`: the parser's own table lacks it, and would turn
 * `&amp;` into `&;`.
 */
const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&lrm;': '\u200e', '&rlm;': '\u200f', '&nbsp;': '\u00a0' } as const;

/** Cues of a WebVTT document; an empty cue (Teams writes some) is left out. */
export function parseTranscriptVtt(vtt: string): FetchedCue[] {
  const parsed = new WebVTTParser(ENTITIES).parse(vtt, 'subtitles');
  const cues: FetchedCue[] = [];
  for (const cue of parsed.cues) {
    const read: { speaker?: string; text: string[] } = { text: [] };
    readTree(cue.tree.children, read);
    const text = read.text.join('').replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    cues.push({ startSeconds: cue.startTime, endSeconds: cue.endTime, ...(read.speaker ? { speaker: read.speaker } : {}), text });
  }
  return cues;
}

/** The content's text; JSON (or anything but text) where WebVTT belongs is not the documented answer. */
function textOf(answer: GraphAnswer, path: string): string {
  if (typeof answer.body === 'string') return answer.body;
  if (answer.body === undefined) return '';
  throw new GraphRequestError('GET', path, answer.status, 'UnexpectedResponse', 'the transcript content is not WebVTT text', answer.requestId);
}

export function graphTranscriptsOver(graph: GraphHttp, log: Logger): TranscriptSource {
  /** The content: attributed first; without a format when the tenant allows no speakers. */
  async function content(contentPath: string): Promise<{ vtt: string; attributed: boolean } | undefined> {
    try {
      const answer = await graph.send('GET', `${contentPath}?$format=text/vtt`, { accept: [404] });
      return answer.status === 404 ? undefined : { vtt: textOf(answer, contentPath), attributed: true };
    } catch (e) {
      if (!isSpeakerAttributionRefusal(e)) throw e;
      log.info({ path: contentPath }, 'Graph: speaker attribution is off in this tenant; fetching the transcript without speakers');
      const answer = await graph.send('GET', contentPath, { accept: [404] });
      return answer.status === 404 ? undefined : { vtt: textOf(answer, contentPath), attributed: false };
    }
  }

  return {
    async fetchTranscripts(organizerUserId, onlineMeetingId) {
      try {
        const listPath = graphPath`/users/${organizerUserId}/onlineMeetings/${onlineMeetingId}/transcripts`;
        // 404: Graph knows no transcript of this meeting (yet).
        const list = await getAllPages(graph, listPath, callTranscript, { accept: [404] });
        if (!list.found) return [];
        const out: FetchedTranscript[] = [];
        for (const t of list.items) {
          const body = await content(graphPath`/users/${organizerUserId}/onlineMeetings/${onlineMeetingId}/transcripts/${t.id}/content`);
          if (!body) continue;
          out.push({ graphId: t.id, startedAt: new Date(t.createdDateTime).toISOString(), ...(t.endDateTime ? { endedAt: new Date(t.endDateTime).toISOString() } : {}), attributed: body.attributed, cues: parseTranscriptVtt(body.vtt) });
        }
        log.info({ organizer: organizerUserId, transcripts: out.length, cues: out.reduce((n, t) => n + t.cues.length, 0) }, 'transcripts fetched from Graph');
        return out;
      } catch (e) {
        if (!(e instanceof GraphRequestError && e.status === 403)) throw e;
        throw new TranscriptAccessDenied(
          `Graph refused the transcripts of user ${organizerUserId}'s meeting: the app needs OnlineMeetingTranscript.Read.Chat (granted when it is added to the meeting chat) ` +
            `or OnlineMeetingTranscript.Read.All with a Teams application access policy. Graph said: ${e.graphMessage}${e.requestId ? ` (request-id ${e.requestId})` : ''}`,
          { cause: e },
        );
      }
    },
  };
}
