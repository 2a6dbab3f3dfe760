/**
 * `/attendance` (`/närvaro`; `import`; a date), the secretary's attendance sheet and its presses, and the
 * corrections `/present`, `/excused`, `/absent` (`/närvarande`, `/förhindrad`, `/frånvarande`).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ImportOutcome } from '../../src/app/attendance-service';
import type { PersonQuery } from '../../src/app/meeting-service';
import type { AttendanceView } from '../../src/app/ports';
import type { Meeting } from '../../src/domain/meeting';
import { parseDate } from '../../src/domain/stockholm-time';
import { attendanceSheet, attendanceSheetCard, EDIT_SHEET_VERB, editSheetAction, RECORD_SHEET_VERB } from '../cards/attendance-sheet.card';
import { attendanceCard, attendanceDeniedCard, attendanceFiguresCard } from '../cards/attendance.card';
import { personNamed } from '../mentions';
import { cardIdSchema, cardMessage, type Turn } from '../turn';
import { cardAction, CHATS, command, type Command, type CommandFamily, type HandlerTurn } from './command';
import { transcriptsAfterEnd } from './transcripts';

/** The tab's attendance page of the meeting's group. */
function attendanceLink(turn: HandlerTurn, view: { group?: { id: string } }): string | undefined {
  const links = turn.services.tabLinks;
  return view.group && links ? links.to(view.group.id, 'attendance') : undefined;
}

/** What an import found, in one line for the attendance card. */
function importNotice(outcome: ImportOutcome, t: Turn['t']): string {
  switch (outcome.kind) {
    case 'imported':
      return t('attendance.imported', { records: outcome.records, added: outcome.added });
    case 'empty':
      return t('attendance.noReports');
    case 'notConfigured':
      return t('attendance.notConfigured');
    case 'noOnlineMeeting':
      return t('attendance.noOnlineMeeting');
    case 'accessDenied':
      return t('attendance.deniedTitle');
    case 'permissionMissing':
      return t('attendance.permissionMissing', { permission: outcome.permission ?? 'OnlineMeetingArtifact.Read.All' });
  }
}

/**
 * The meeting's end event: the end is kept, the attendance import is tried at once and set up as jobs
 * (reports are often empty until the scheduled end, and end events go missing).
 */
export async function meetingEnded(turn: HandlerTurn): Promise<void> {
  const { services, ctx, t } = turn;
  const meeting: Meeting | undefined = await services.meetingRun.end(ctx);
  if (!meeting) return;
  await services.scheduling.scheduleAttendanceImports(meeting);
  // The transcript's fetches too, before anything here can fail (transcriptsAfterEnd sets them again, once).
  await services.transcripts?.scheduleFetches(meeting);
  const outcome = await services.attendance.importFor(ctx.tenantId, meeting.id);
  if (outcome.kind === 'imported') {
    const view = await services.attendance.attendanceOf(ctx.tenantId, meeting.id);
    await turn.context.sendActivity(cardMessage(attendanceCard(view, t, importNotice(outcome, t), attendanceLink(turn, view))));
  } else if (outcome.kind === 'accessDenied' && outcome.firstTime) {
    await turn.context.sendActivity(cardMessage(attendanceDeniedCard(meeting.title ?? '', t)));
  }
  await transcriptsAfterEnd(turn, meeting);
}

/** The sheet's result, for everyone: the attendance as it stands, with the button that opens the sheet again. */
export function sheetResultCard(turn: HandlerTurn, view: AttendanceView, cardId: string, notice?: string) {
  return attendanceCard(view, turn.t, notice, attendanceLink(turn, view), [editSheetAction(view.meeting.id, cardId, turn.t)]);
}

/** `/attendance [import | YYYY-MM-DD]`: the date is checked here, before anything is looked up. */
export function parseAttendanceArgs(args: string): { kind: 'show' } | { kind: 'import' } | { kind: 'on'; date: string } {
  const text = args.trim();
  if (text === '') return { kind: 'show' };
  if (/^(import|hämta)$/iu.test(text)) return { kind: 'import' };
  return { kind: 'on', date: parseDate(text, 'date') };
}

const sheetData = z.object({ cardId: cardIdSchema, meetingId: z.string().min(1).max(200), offset: z.number().int().min(0).max(10_000).optional(), next: z.number().int().min(0).max(10_000).optional() }).catchall(z.unknown());

const correction = (name: 'present' | 'excused' | 'absent', sv: string, alias: string): Command<PersonQuery> =>
  command({
    name,
    sv,
    aliases: [alias],
    help: 'help.attendance',
    usage: 'usage.attendance',
    scopes: CHATS,
    parse: (args, incoming) => personNamed(incoming, args),
    run: async (turn, who) => {
      const view = await turn.services.attendance.correct(turn.ctx, name, who);
      await turn.context.sendActivity(cardMessage(attendanceCard(view, turn.t, undefined, attendanceLink(turn, view))));
    },
  });

export const attendanceCommands: CommandFamily = {
  commands: [
    command({
      name: 'attendance',
      sv: 'närvaro',
      aliases: ['narvaro'],
      help: 'help.attendance',
      usage: 'usage.attendance',
      scopes: CHATS,
      waitsOnGraph: true,
      parse: parseAttendanceArgs,
      run: async (turn, what) => {
        const { ctx, t, services } = turn;
        if (what.kind === 'import') {
          const { outcome, view } = await services.attendance.importHere(ctx);
          await turn.context.sendActivity(cardMessage(attendanceCard(view, t, importNotice(outcome, t), attendanceLink(turn, view))));
          return;
        }
        // A meeting's attendance: the sheet for those who may record it, the card for everyone else.
        if (what.kind === 'on' || (await services.meetings.scopeOf(ctx)).meeting) {
          const { view, mayRecord } = await services.attendance.sheetHere(ctx, what.kind === 'on' ? what.date : undefined);
          const cardId = randomUUID();
          const sheet = mayRecord ? attendanceSheet(view, cardId, t, { tabLink: attendanceLink(turn, view) }) : undefined;
          // A roster longer than one message: everyone on the card, and the sheet a page at a time behind its button.
          const reply = sheet?.complete ? sheet.card : mayRecord ? sheetResultCard(turn, view, cardId) : attendanceCard(view, t, undefined, attendanceLink(turn, view));
          await turn.context.sendActivity(cardMessage(reply));
          return;
        }
        const { group, figures, period } = await services.attendance.figures(ctx);
        await turn.context.sendActivity(cardMessage(attendanceFiguresCard(group.name, period.from, period.to, figures, t)));
      },
    }),
    correction('present', 'närvarande', 'narvarande'),
    correction('excused', 'förhindrad', 'forhindrad'),
    correction('absent', 'frånvarande', 'franvarande'),
  ],
  cardActions: [
    cardAction({
      verb: RECORD_SHEET_VERB,
      data: sheetData,
      run: async (turn, data, raw) => {
        const { view, changed } = await turn.services.attendance.recordSheet(turn.ctx, data.meetingId, raw as Record<string, unknown>);
        const saved = turn.t('attendance.sheetSaved', { count: changed });
        // More members than one message holds: the next page follows, for the one who is filling it in.
        if (data.next !== undefined && data.next < view.members.length) {
          return { card: attendanceSheetCard(view, data.cardId, turn.t, { offset: data.next, notice: saved, tabLink: attendanceLink(turn, view) }), shared: false };
        }
        return { card: sheetResultCard(turn, view, data.cardId, saved), shared: true };
      },
    }),
    cardAction({
      verb: EDIT_SHEET_VERB,
      data: z.object({ cardId: cardIdSchema, meetingId: z.string().min(1).max(200) }),
      run: async (turn, data) => {
        const view = await turn.services.attendance.sheetFor(turn.ctx, data.meetingId);
        return { card: attendanceSheetCard(view, data.cardId, turn.t, { tabLink: attendanceLink(turn, view) }), shared: false };
      },
    }),
  ],
};
