/** Signed links: personal links (/p/…) and the minutes' download links (/minutes/…); tokens in src/links. */
import type { RequestContext } from '../context';
import type { MinutesFormat } from './minutes';

/** Which answer a personal link gives: the notice's, the check-in's, or the capability assessment's. */
export type LinkKind = 'notice' | 'checkin' | 'assessment';

/** What a personal link says, fixed when it is made: whose answer, to what, until when. */
export interface PersonalLinkClaims {
  tenantId: string;
  /** The meeting a notice or check-in link answers; empty for an assessment link, which names its group. */
  meetingId: string;
  /** The group whose capability map an assessment link answers. */
  groupId?: string;
  /** The roster row of the person the link is for: the page answers for that person only. */
  memberId: string;
  kind: LinkKind;
  expiresAt: Date;
}

/** Why a link is refused: cut off or garbled, altered or signed with another key, out of date, or for the other form. */
export type LinkTokenRefusal = 'malformed' | 'forged' | 'expired' | 'wrongKind';

export type LinkTokenReading = { ok: true; claims: PersonalLinkClaims } | { ok: false; refusal: LinkTokenRefusal };

/** Signs and checks personal-link tokens. */
export interface LinkTokens {
  issue(claims: PersonalLinkClaims): string;
  /** Checks the signature first; only a genuine token is then checked for expiry (at `now`) and kind. */
  read(token: string, now: Date, expectedKind?: LinkKind): LinkTokenReading;
}

export interface DownloadClaims {
  tenantId: string;
  versionId: string;
  format: MinutesFormat;
  locale: NonNullable<RequestContext['locale']>;
  public: boolean;
  expiresAt: Date;
}

export type DownloadReading = { ok: true; claims: DownloadClaims } | { ok: false; refusal: 'malformed' | 'forged' | 'expired' };

/** Signs and checks the minutes' download links. */
export interface DownloadLinks {
  issue(claims: DownloadClaims): string;
  read(token: string, now: Date): DownloadReading;
}
