import type { PersonRef } from '../../src/domain/person';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, userText, type AdaptiveCard } from './card';

export const APPOINT_SECRETARY_VERB = 'secretary.appoint';

/** A typed name matched several people: one button each; the press appoints that person. */
export function choosePersonCard(query: string, candidates: PersonRef[], cardId: string, t: Translate): AdaptiveCard {
  return card(
    [heading(t('secretary.chooseTitle')), userText(t('secretary.choose', { name: query }))],
    // Teams shows at most six buttons on a card; more candidates means the organizer should @mention instead.
    candidates.slice(0, 6).map((p) =>
      execute(p.name, APPOINT_SECRETARY_VERB, { cardId, personId: p.id, aadObjectId: p.aadObjectId ?? '', name: p.name }),
    ),
  );
}
