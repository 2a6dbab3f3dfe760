/** `/attendance` (`/närvaro`, `import`), and the corrections `/present`, `/excused`, `/absent` (`/närvarande`, `/förhindrad`, `/frånvarande`). */
import type { ImportOutcome } from '../../src/app/attendance-service';
import type { PersonQuery } from '../../src/app/meeting-service';
import type { Meeting } from '../../src/domain/meeting';
import { attendanceCard, attendanceDeniedCard, attendanceFiguresCard } from '../cards/attendance.card';
import { personNamed } from '../mentions';
import { cardMessage, type Turn } from '../turn';
import { CHATS, command, type Command, type CommandFamily, type HandlerTurn } from './command';

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
  const outcome = await services.attendance.importFor(ctx.tenantId, meeting.id);
  if (outcome.kind === 'imported') {
    const view = await services.attendance.attendanceOf(ctx.tenantId, meeting.id);
    await turn.context.sendActivity(cardMessage(attendanceCard(view, t, importNotice(outcome, t), attendanceLink(turn, view))));
  } else if (outcome.kind === 'accessDenied' && outcome.firstTime) {
    await turn.context.sendActivity(cardMessage(attendanceDeniedCard(meeting.title ?? '', t)));
  }
}

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
      parse: (args) => (/^import\b/iu.test(args.trim()) ? 'import' : 'show'),
      run: async (turn, what) => {
        const { ctx, t, services } = turn;
        if (what === 'import') {
          const { outcome, view } = await services.attendance.importHere(ctx);
          await turn.context.sendActivity(cardMessage(attendanceCard(view, t, importNotice(outcome, t), attendanceLink(turn, view))));
          return;
        }
        if ((await services.meetings.scopeOf(ctx)).meeting) {
          const here = await services.attendance.viewHere(ctx);
          await turn.context.sendActivity(cardMessage(attendanceCard(here, t, undefined, attendanceLink(turn, here))));
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
  cardActions: [],
};
