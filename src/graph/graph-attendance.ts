/**
 * The AttendanceSource port over Microsoft Graph (app-only, OnlineMeetingArtifact.Read.All): the attendance
 * reports of an online meeting (`GET /users/{organizer}/onlineMeetings/{id}/attendanceReports`; one per
 * session, so a meeting ended and restarted has several) and every record of each
 * (`…/attendanceReports/{reportId}/attendanceRecords`), all pages of both. Graph's JSON is read and
 * translated here; nothing outside src/graph sees an attendanceRecord.
 *
 * Graph answers 403 for every online-meeting call of an app that no Teams application access policy
 * covers for that organizer; that refusal becomes AttendanceAccessDenied (src/app/ports/attendance.ts), so
 * the app can tell the organizer which admin step is missing instead of asking again and again.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { AttendanceAccessDenied, type AttendanceSource, type FetchedAttendanceRecord } from '../app/ports';
import type { GraphConfig } from '../config';
import { graphCalendarOver } from './graph-calendar';
import { GraphRequestError } from './graph-errors';
import { createGraphHttp, graphPath, type GraphHttp } from './graph-http';
import { getAllPages } from './graph-paging';

// ---- Graph shapes we read (only the fields we use; Graph sends more) ----

/** meetingAttendanceReport: we need its id only (meetingStart/EndDateTime and totalParticipantCount are informative). */
const attendanceReport = z.object({ id: z.string().min(1) });

/**
 * attendanceRecord. `emailAddress` is null for people Graph has no address of (and may be left out);
 * `identity` is an identity (or, for ACS users, a derived type) whose `tenantId` is the person's home
 * tenant: a guest from another organisation keeps its own.
 */
const attendanceRecord = z.object({
  id: z.string().min(1),
  emailAddress: z.string().nullish(),
  role: z.string().nullish(),
  totalAttendanceInSeconds: z.number().nullish(),
  identity: z
    .object({
      id: z.string().nullish(),
      displayName: z.string().nullish(),
      tenantId: z.string().nullish(),
    })
    .nullish(),
  attendanceIntervals: z.array(z.object({ durationInSeconds: z.number().nullish() })).nullish(),
});

type GraphAttendanceRecord = z.infer<typeof attendanceRecord>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Graph's documented values are Organizer, Presenter, Attendee and None. */
const ROLES: Readonly<Record<string, FetchedAttendanceRecord['role']>> = {
  organizer: 'Organizer',
  presenter: 'Presenter',
  attendee: 'Attendee',
};

/**
 * Graph's 403 to an app that no Teams application access policy covers for the user in the path. Graph
 * words it "No application access policy found for this app" (code `Forbidden`, earlier `General`); older
 * answers said "App … is not authorized to … on behalf of user …". Any other 403 (a missing permission, a
 * user who is not the organizer) is not this.
 */
function isPolicyRefusal(e: unknown): e is GraphRequestError {
  return (
    e instanceof GraphRequestError &&
    e.status === 403 &&
    (/\bapplication access policy\b/i.test(e.graphMessage) || /\bis not authorized to .+ on behalf of user\b/i.test(e.graphMessage))
  );
}

/**
 * Graph's 403 to an app registration without the permission the call needs ("Missing role permissions on
 * the request. API requires one of 'OnlineMeetingArtifact.Read.All'…"): the permission's name, '' when the
 * answer names none; undefined for any other error. An administrator's consent is missing, not worth retrying.
 */
export function missingPermissionOf(e: unknown): string | undefined {
  if (!(e instanceof GraphRequestError) || e.status !== 403 || !/\bmissing role permissions\b/i.test(e.graphMessage)) return undefined;
  return /requires one of '([^']+)'/i.exec(e.graphMessage)?.[1] ?? '';
}

/**
 * True for what this source throws when the access policy is missing (AttendanceAccessDenied), and for
 * Graph's own refusal (a GraphRequestError 403 as isPolicyRefusal describes) from any other caller.
 */
export function isAccessPolicyDenied(e: unknown): boolean {
  return e instanceof AttendanceAccessDenied || isPolicyRefusal(e);
}

function translate(reportId: string, r: GraphAttendanceRecord): FetchedAttendanceRecord {
  const identityId = r.identity?.id ?? undefined;
  const email = r.emailAddress?.trim() || undefined;
  const seconds = r.totalAttendanceInSeconds ?? (r.attendanceIntervals ?? []).reduce((sum, i) => sum + (i.durationInSeconds ?? 0), 0);
  return {
    reportId,
    recordId: r.id,
    // Entra users have an object id; anonymous, phone and ACS participants have ids of other forms.
    aadObjectId: identityId !== undefined && GUID.test(identityId) ? identityId : undefined,
    tenantId: r.identity?.tenantId || undefined,
    email,
    displayName: r.identity?.displayName?.trim() || email || '',
    role: ROLES[(r.role ?? '').toLowerCase()] ?? 'Unknown',
    seconds: Math.max(0, Math.round(seconds)),
  };
}

export function createGraphAttendance(config: GraphConfig, log: Logger): AttendanceSource {
  return graphAttendanceOver(createGraphHttp(config, log), config.baseUrl, log);
}

/** The attendance source over any GraphHttp (e.g. the one the calendar uses, to share its token cache). */
export function graphAttendanceOver(graph: GraphHttp, baseUrl: string, log: Logger): AttendanceSource {
  const calendar = graphCalendarOver(graph, baseUrl, log);

  /** Runs a Graph call for `organizerUserId`, turning the access-policy 403 into AttendanceAccessDenied. */
  async function asOrganizer<T>(organizerUserId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (!isPolicyRefusal(e)) throw e;
      log.warn({ organizer: organizerUserId, requestId: e.requestId }, 'Graph: no Teams application access policy covers this organizer');
      throw new AttendanceAccessDenied(
        organizerUserId,
        `No Teams application access policy lets this app read online meetings of user ${organizerUserId}: a Teams admin must grant one ` +
          `(New-CsApplicationAccessPolicy -AppIds <app id>, then Grant-CsApplicationAccessPolicy -Identity <user> or -Global; it takes up to 30 minutes). ` +
          `Graph said: ${e.graphMessage}${e.requestId ? ` (request-id ${e.requestId})` : ''}`,
        { cause: e },
      );
    }
  }

  return {
    fetchRecords(organizerUserId, onlineMeetingId) {
      return asOrganizer(organizerUserId, async () => {
        const reportsPath = graphPath`/users/${organizerUserId}/onlineMeetings/${onlineMeetingId}/attendanceReports`;
        // 404: Graph has no report for this meeting (yet): it appears some minutes after the meeting ends.
        const reports = await getAllPages(graph, reportsPath, attendanceReport, { accept: [404] });
        if (!reports.found) {
          log.debug({ organizer: organizerUserId, status: reports.status }, 'Graph has no attendance report for the meeting yet');
          return [];
        }
        const records: FetchedAttendanceRecord[] = [];
        // One report after the other: a report may hold thousands of records, and Graph throttles per app.
        for (const report of reports.items) {
          const recordsPath = graphPath`/users/${organizerUserId}/onlineMeetings/${onlineMeetingId}/attendanceReports/${report.id}/attendanceRecords`;
          const page = await getAllPages(graph, recordsPath, attendanceRecord);
          for (const r of page.items) records.push(translate(report.id, r));
        }
        log.info({ organizer: organizerUserId, reports: reports.items.length, records: records.length }, 'attendance records fetched from Graph');
        return records;
      });
    },

    onlineMeetingIdByJoinUrl(organizerUserId, joinUrl) {
      return asOrganizer(organizerUserId, async () => (await calendar.findOnlineMeetingByJoinUrl(organizerUserId, joinUrl))?.id);
    },
  };
}
