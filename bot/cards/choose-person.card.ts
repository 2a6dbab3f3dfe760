import type { PersonRef } from '../../src/domain/person';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard } from './card';

export const APPOINT_SECRETARY_VERB = 'secretary.appoint';
export const APPOINT_ADJUSTER_VERB = 'adjuster.appoint';

/** Teams shows at most six buttons on a card; with more candidates the card asks for an @mention. */
const MAX_CHOICES = 6;

/** A typed name matched several people: one button each; the press appoints that person (secretary or adjuster). */
export function choosePersonCard(query: string, candidates: PersonRef[], cardId: string, t: Translate, role: 'secretary' | 'adjuster' = 'secretary'): AdaptiveCard {
  const shown = candidates.slice(0, MAX_CHOICES);
  const verb = role === 'adjuster' ? APPOINT_ADJUSTER_VERB : APPOINT_SECRETARY_VERB;
  return card(
    [
      heading(t(role === 'adjuster' ? 'adjuster.chooseTitle' : 'secretary.chooseTitle')),
      userText(t(role === 'adjuster' ? 'adjuster.choose' : 'secretary.choose', { name: query })),
      ...(shown.length < candidates.length ? [note(t('secretary.tooMany', { shown: shown.length, total: candidates.length }), { color: 'Warning' })] : []),
    ],
    shown.map((p) =>
      execute(p.name, verb, { cardId, personId: p.id, aadObjectId: p.aadObjectId ?? '', name: p.name }),
    ),
  );
}
