/**
 * Child-process side of tests/fakes/calendar-in-child.ts: runs the production `createGraphCalendar` and
 * `createGraphAttendance` (real MSAL, real Graph client) in a Node process started with
 * NODE_EXTRA_CA_CERTS, so it trusts the fakes' certificate exactly as the app would, and answers calls
 * from the parent over the IPC channel.
 * Started as `node --import tsx tests/fakes/calendar-child.ts [logLevel]`; logs go to stderr.
 */
import pino from 'pino';
import type { AttendanceSource, MeetingCalendar } from '../../src/app/ports';
import type { GraphConfig } from '../../src/config';
import { createGraphAttendance } from '../../src/graph/graph-attendance';
import { createGraphCalendar } from '../../src/graph/graph-calendar';
import type { ChildReply, ChildRequest, SerializedError } from './calendar-in-child';

const log = pino({ level: process.argv[2] ?? 'warn', base: { app: 'calendar-child' } }, pino.destination(2));
const calendars: MeetingCalendar[] = [];
const attendanceSources: AttendanceSource[] = [];

function serialize(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'NonError', message: String(e), fields: {} };
  const fields: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(e)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  }
  return { name: e.name, message: e.message, fields, cause: e.cause === undefined ? undefined : serialize(e.cause) };
}

function reply(message: ChildReply): void {
  process.send!(message);
}

async function handle(request: ChildRequest): Promise<void> {
  try {
    if (request.op === 'create') {
      calendars.push(createGraphCalendar(request.config satisfies GraphConfig, log));
      reply({ id: request.id, ok: true, value: calendars.length - 1 });
      return;
    }
    if (request.op === 'createAttendance') {
      attendanceSources.push(createGraphAttendance(request.config satisfies GraphConfig, log));
      reply({ id: request.id, ok: true, value: attendanceSources.length - 1 });
      return;
    }
    if (request.op === 'callAttendance') {
      const source = attendanceSources[request.source];
      if (!source) throw new Error(`no attendance source ${request.source}`);
      const method = source[request.method] as (...args: unknown[]) => Promise<unknown>;
      reply({ id: request.id, ok: true, value: await method.apply(source, request.args) });
      return;
    }
    const calendar = calendars[request.calendar];
    if (!calendar) throw new Error(`no calendar ${request.calendar}`);
    const method = calendar[request.method] as (...args: unknown[]) => Promise<unknown>;
    reply({ id: request.id, ok: true, value: await method.apply(calendar, request.args) });
  } catch (e) {
    reply({ id: request.id, ok: false, error: serialize(e) });
  }
}

process.on('message', (request: ChildRequest) => void handle(request));
// Keep-alive sockets to the fakes would keep this process alive after the parent is gone.
process.on('disconnect', () => process.exit(0));
reply({ id: 0, ok: true, value: 'ready' });
