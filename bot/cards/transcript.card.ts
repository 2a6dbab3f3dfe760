/** The meeting chat's one card when Teams' transcript has been fetched, and the `/transcripts` setting's answer. */
import type { Translate } from '../../src/i18n';
import { card, heading, note, userText, type AdaptiveCard } from './card';

export function transcriptCard(summary: { title: string; items: number; minutes: number; link?: string }, t: Translate): AdaptiveCard {
  return card(
    [
      heading(t('transcript.fetchedTitle')),
      ...(summary.title ? [userText(summary.title)] : []),
      note(t('transcript.fetched', { items: summary.items, minutes: summary.minutes })),
      note(t('transcript.personalData')),
    ],
    summary.link ? [{ type: 'Action.OpenUrl', title: t('transcript.open'), url: summary.link }] : [],
  );
}

export function transcriptSettingCard(groupName: string, on: boolean, t: Translate): AdaptiveCard {
  return card([heading(t('transcript.settingTitle')), userText(groupName), note(t(on ? 'transcript.membersReadOn' : 'transcript.membersReadOff'))]);
}
