import type { PersonRef } from '../../src/domain/person';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard } from './card';

export const APPOINT_SECRETARY_VERB = 'secretary.appoint';

/** Teams shows at most six buttons on a card; with more candidates the card asks for an @mention. */
const MAX_CHOICES = 6;

/** A typed name matched several people: one button each; the press appoints that person. */
export function choosePersonCard(query: string, candidates: PersonRef[], cardId: string, t: Translate): AdaptiveCard {
  const shown = candidates.slice(0, MAX_CHOICES);
  return card(
    [
      heading(t('secretary.chooseTitle')),
      userText(t('secretary.choose', { name: query })),
      ...(shown.length < candidates.length ? [note(t('secretary.tooMany', { shown: shown.length, total: candidates.length }), { color: 'Warning' })] : []),
    ],
    shown.map((p) =>
      execute(p.name, APPOINT_SECRETARY_VERB, { cardId, personId: p.id, aadObjectId: p.aadObjectId ?? '', name: p.name }),
    ),
  );
}
