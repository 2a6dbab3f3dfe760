/**
 * Domain errors carry a stable code; adapters map the code to a localized message (bot) or a 4xx (HTTP).
 * `params` fill the message's placeholders.
 */
export type ErrorCode =
  | 'TEXT.EMPTY'
  | 'TEXT.TOO_LONG'
  | 'RISK.SCORE_MISSING'
  | 'RISK.SCORE_OUT_OF_RANGE'
  | 'RISK.NOT_FOUND'
  | 'RISK.BAD_STATUS'
  | 'RISK.BAD_CODE'
  | 'DECISION.NEEDS_MEETING'
  | 'DECISION.NOT_FOUND'
  | 'ACCESS.RECORD_DENIED'
  | 'ACCESS.APPOINT_DENIED'
  | 'PERSON.NOT_FOUND'
  | 'PERSON.AMBIGUOUS'
  | 'PERSON.MISSING'
  | 'CARD.INVALID_DATA'
  | 'CARD.STALE'
  | 'GROUP.NAME_TAKEN'
  | 'GROUP.NOT_FOUND'
  | 'GROUP.NOT_SET_UP'
  | 'GROUP.ALREADY_LINKED'
  | 'ACCESS.MANAGE_DENIED'
  | 'ACCESS.GROUP_RECORD_DENIED'
  | 'ACCESS.TAB_DENIED'
  | 'MEMBER.NOT_FOUND'
  | 'MEMBER.BAD_ROLE'
  | 'MEMBER.BAD_PERIOD'
  | 'SCHEDULE.BAD_DATE'
  | 'SCHEDULE.BAD_TIME'
  | 'SCHEDULE.BAD_TIME_RANGE'
  | 'SCHEDULE.BAD_WEEKDAY'
  | 'SCHEDULE.OVERRIDE_REASON'
  | 'SCHEDULE.IN_THE_PAST'
  | 'SCHEDULE.END_BEFORE_START'
  | 'MEETING.NONE'
  | 'AGENDA.EMPTY'
  | 'AGENDA.NO_SUCH_ITEM'
  | 'SCHEDULE.SERIES_OUTSIDE_YEAR'
  | 'SCHEDULE.SERIES_TOO_EARLY'
  | 'SCHEDULE.SERIES_NO_ROOM'
  | 'CHARTER.BAD_RULE'
  | 'AGENDA.TIME_NOT_RISING'
  | 'AGENDA.OUTSIDE_MEETING'
  | 'AGENDA.TOO_MANY'
  | 'AGENDA.QUICK_FORM'
  | 'AGENDA.NUMBERING'
  | 'AGENDA.BAD_TYPE'
  | 'AGENDA.BAD_LINK'
  | 'AGENDA.TOO_MANY_LINKS'
  | 'AGENDA.MEETING_TOO_SHORT'
  | 'ATTENDANCE.BAD_STATUS'
  | 'ATTENDANCE.BAD_PERIOD'
  | 'MINUTES.NEEDS_MEETING'
  | 'ACTION.REPEATED_FIELD'
  | 'ACTION.NOT_FOUND'
  | 'ACTION.DONE_DENIED';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
