/**
 * The MeetingCalendar port over Microsoft Graph (app-only): Teams meetings as Outlook events, the
 * meeting chat found by join URL, the app installed in that chat, and mail. Graph's JSON is read here
 * and turned into the port's types; nothing outside src/graph sees a Graph shape.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CreatedEvent, EmailAddress, InstallResult, MeetingCalendar, NewOnlineMeetingEvent, OnlineMeetingInfo } from '../app/ports';
import type { GraphConfig } from '../config';
import { createGraphHttp, graphPath, type GraphAnswer, type GraphHttp } from './graph-http';
import { MANIFEST_RSC_PERMISSIONS } from './rsc-permissions';

// ---- Graph shapes we read (only the fields we use; Graph sends many more) ----

const createdEvent = z.object({
  id: z.string().min(1),
  webLink: z.string().nullish(),
  // Null when the online meeting could not be provisioned (e.g. Teams not licensed for the organizer).
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
});

const onlineMeetingList = z.object({
  value: z.array(
    z.object({
      id: z.string().min(1),
      joinWebUrl: z.string().nullish(),
      chatInfo: z.object({ threadId: z.string().nullish() }).nullish(),
    }),
  ),
});

const graphErrorMessage = z.object({ error: z.object({ message: z.string() }) });

const catalogApps = z.object({ value: z.array(z.object({ id: z.string().min(1), externalId: z.string().nullish() })) });

function recipient(a: EmailAddress): { emailAddress: { name: string; address: string } } {
  return { emailAddress: { name: a.name, address: a.address } };
}

/** OData string literal: single quotes doubled, the whole wrapped in single quotes. */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function refusalMessage(answer: GraphAnswer): string {
  const parsed = graphErrorMessage.safeParse(answer.body);
  return parsed.success ? parsed.data.error.message : `HTTP ${answer.status}`;
}

export function createGraphCalendar(config: GraphConfig, log: Logger, options: CatalogOptions = {}): MeetingCalendar {
  return graphCalendarOver(createGraphHttp(config, log), config.baseUrl, log, options);
}

export interface CatalogOptions {
  /** The app's id in the organisation's app catalog (TEAMS_APP_CATALOG_ID), when known; else looked up once. */
  catalogId?: string;
}

/** The calendar over any GraphHttp; `baseUrl` names the app catalog in `teamsApp@odata.bind`. */
export function graphCalendarOver(graph: GraphHttp, baseUrl: string, log: Logger, options: CatalogOptions = {}): MeetingCalendar {
  const graphBase = baseUrl.replace(/\/+$/, '');
  // An app published to the organisation's catalog has a catalog id of its own; the manifest id is its externalId.
  const catalogIds = new Map<string, Promise<string | undefined>>();
  const catalogIdOf = (manifestId: string): Promise<string | undefined> => {
    if (options.catalogId) return Promise.resolve(options.catalogId);
    let found = catalogIds.get(manifestId);
    if (!found) {
      found = (async () => {
        const path = '/appCatalogs/teamsApps';
        const answer = await graph.send('GET', path, { filter: `externalId eq ${odataString(manifestId)}` });
        return graph.parse(catalogApps, answer, 'GET', path).value[0]?.id;
      })();
      catalogIds.set(manifestId, found);
      // Not found (yet: the admin may publish it later) or failed: asked again next time.
      found.then((id) => (id ? undefined : catalogIds.delete(manifestId)), () => catalogIds.delete(manifestId));
    }
    return found;
  };

  return {
    async createOnlineMeetingEvent(input: NewOnlineMeetingEvent): Promise<CreatedEvent> {
      const path = graphPath`/users/${input.organizerUserId}/events`;
      const answer = await graph.send('POST', path, {
        body: {
          subject: input.subject,
          body: { contentType: 'HTML', content: input.bodyHtml },
          start: { dateTime: input.start, timeZone: input.timeZone },
          end: { dateTime: input.end, timeZone: input.timeZone },
          attendees: input.attendees.map((a) => ({ ...recipient(a), type: 'required' })),
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          // A council meeting's time is set by its rules of procedure, not negotiated by invitees.
          allowNewTimeProposals: false,
          // Graph answers a repeated POST with the same transactionId with the first event: retries are safe.
          transactionId: input.transactionId,
        },
      });
      const event = graph.parse(createdEvent, answer, 'POST', path);
      log.info({ eventId: event.id, organizer: input.organizerUserId, hasJoinUrl: Boolean(event.onlineMeeting?.joinUrl) }, 'Teams meeting event created');
      return { eventId: event.id, joinUrl: event.onlineMeeting?.joinUrl ?? undefined, webLink: event.webLink ?? undefined };
    },

    async updateEventBody(organizerUserId: string, eventId: string, bodyHtml: string): Promise<void> {
      await graph.send('PATCH', graphPath`/users/${organizerUserId}/events/${eventId}`, {
        body: { body: { contentType: 'HTML', content: bodyHtml } },
      });
    },

    async cancelEvent(organizerUserId: string, eventId: string, comment: string): Promise<void> {
      // POST /users/{id}/events/{id}/cancel: 202 without a body; Graph sends the cancellation to the attendees.
      await graph.send('POST', graphPath`/users/${organizerUserId}/events/${eventId}/cancel`, { body: { comment } });
    },

    async moveEvent(organizerUserId: string, eventId: string, to: { start: string; end: string; timeZone: string }): Promise<void> {
      // PATCH /users/{id}/events/{id} with start and end (dateTimeTimeZone): 200; Graph sends the update to the attendees.
      await graph.send('PATCH', graphPath`/users/${organizerUserId}/events/${eventId}`, {
        body: { start: { dateTime: to.start, timeZone: to.timeZone }, end: { dateTime: to.end, timeZone: to.timeZone } },
      });
    },

    async findOnlineMeetingByJoinUrl(organizerUserId: string, joinUrl: string): Promise<OnlineMeetingInfo | undefined> {
      const path = graphPath`/users/${organizerUserId}/onlineMeetings`;
      const answer = await graph.send('GET', path, { filter: `JoinWebUrl eq ${odataString(joinUrl)}` });
      const meeting = graph.parse(onlineMeetingList, answer, 'GET', path).value[0];
      if (!meeting) return undefined;
      return { id: meeting.id, chatThreadId: meeting.chatInfo?.threadId ?? undefined, joinUrl: meeting.joinWebUrl ?? undefined };
    },

    async installAppInChat(chatThreadId: string, teamsAppId: string): Promise<InstallResult> {
      const catalogId = await catalogIdOf(teamsAppId);
      if (!catalogId) {
        log.warn({ teamsAppId }, 'the app is not in the organisation\'s app catalog: it cannot be installed in meeting chats');
        return { kind: 'refused', status: 404, message: `the app (${teamsAppId}) is not published to the organisation's app catalog` };
      }
      const answer = await graph.send('POST', graphPath`/chats/${chatThreadId}/installedApps`, {
        body: {
          'teamsApp@odata.bind': `${graphBase}${graphPath`/appCatalogs/teamsApps/${catalogId}`}`,
          // The app asks for resource-specific consent: the installation grants exactly what the manifest names.
          consentedPermissionSet: { resourceSpecificPermissions: MANIFEST_RSC_PERMISSIONS.map((p) => ({ permissionValue: p.name, permissionType: p.type })) },
        },
        // 409: already there. 403/404: policy, consent or the chat is out of reach: an answer, not a failure.
        accept: [403, 404, 409],
      });
      let result: InstallResult;
      if (answer.status === 409) result = { kind: 'alreadyInstalled' };
      else if (answer.status === 403 || answer.status === 404) result = { kind: 'refused', status: answer.status, message: refusalMessage(answer) };
      else result = { kind: 'installed' };
      log.info({ chatThreadId, teamsAppId, result: result.kind, requestId: answer.requestId }, 'app installation in meeting chat');
      return result;
    },

    async sendMail(fromUserId: string, to: EmailAddress, subject: string, bodyHtml: string): Promise<void> {
      await graph.send('POST', graphPath`/users/${fromUserId}/sendMail`, {
        body: {
          message: { subject, body: { contentType: 'HTML', content: bodyHtml }, toRecipients: [recipient(to)] },
          saveToSentItems: false,
        },
        // sendMail has no idempotency key: after a 503/504 the mail may have gone, so only a 429 is retried.
        retryOnlyWhenThrottled: true,
      });
    },
  };
}
