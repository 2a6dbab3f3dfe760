/** Minutes: the versions kept (src/store) and their rendering into files (src/minutes). */
import type { MinutesContent, MinutesVersion } from '../../domain/minutes';
import type { PersonRef } from '../../domain/person';
import type { RequestContext } from '../context';
import type { Stored } from './stored';

export type NewMinutesVersion = Pick<MinutesVersion, 'tenantId' | 'meetingId' | 'content' | 'contentHash' | 'createdBy' | 'createdAt'>;

export interface MinutesRepository {
  latest(tenantId: string, meetingId: string): Promise<MinutesVersion | undefined>;
  get(tenantId: string, id: string): Promise<MinutesVersion | undefined>;
  /** The latest approved version of a meeting, if any. */
  latestApproved(tenantId: string, meetingId: string): Promise<MinutesVersion | undefined>;
  /**
   * Stores the content as the next version unless the latest version has the same hash, which is returned
   * instead (`created` false): asking for the minutes twice without a change makes one version.
   */
  snapshot(input: NewMinutesVersion): Promise<Stored<MinutesVersion>>;
  /** draft/changesRequested → sent; a version already sent or approved is returned unchanged. */
  markSent(tenantId: string, id: string, by: PersonRef, at: string): Promise<MinutesVersion>;
  /** sent → approved; an approved version keeps its first approver and time (a second press changes nothing). */
  approve(tenantId: string, id: string, by: PersonRef, at: string): Promise<MinutesVersion>;
  /** sent → changesRequested, with the adjuster's note. */
  requestChanges(tenantId: string, id: string, by: PersonRef, at: string, note: string | undefined): Promise<MinutesVersion>;
}

export type MinutesFormat = 'docx' | 'html' | 'md';

export interface RenderedMinutes {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** Turns a version into a file, and fixes the content's hash. */
export interface MinutesRendering {
  /** SHA-256 (hex) of the content's canonical JSON. */
  hash(content: MinutesContent): string;
  /** In the language of a request (the app's `RequestContext['locale']`, the same as src/i18n's `Locale`). */
  render(version: MinutesVersion, format: MinutesFormat, locale: NonNullable<RequestContext['locale']>, audience: 'internal' | 'public'): Promise<RenderedMinutes>;
}
