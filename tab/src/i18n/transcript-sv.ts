/** Swedish texts of the Transcript page (spread into sv.ts; the same keys as transcript-en.ts). */
import type { transcriptEn } from './transcript-en';

export const transcriptSv: Record<keyof typeof transcriptEn, string> = {
  'tr.title': 'Transkription',
  'tr.link': 'Transkription',
  'tr.intro': 'Det som sades, per punkt på dagordningen, efter när punkterna faktiskt togs upp. Transkriptionen är personuppgifter: den ingår inte i det offentliga protokollet och raderas en tid efter att protokollet justerats.',
  'tr.noMeeting': 'Inget möte valt. Öppna transkriptionen från mötets protokollkort eller mötessidan.',
  'tr.deleted': 'Mötets transkription raderades efter lagringstiden. Det som togs in i protokollet finns kvar där.',
  'tr.withheld': 'Transkriptioner visas bara för inloggad sekreterare, ordförande, vice ordförande eller processledare (och ledamöter, där gruppen tillåter det).',
  'tr.empty': 'Teams har ingen transkription av mötet än, eller så startade ingen någon.',
  'tr.unattributed': 'Organisationen låter inte Teams ange talare, så transkriptionen saknar dem.',
  'tr.search': 'Sök i transkriptionen',
  'tr.searchPlaceholder': 'Ord eller talare…',
  'tr.count': '{shown} av {total} avsnitt visas',
  'tr.before': 'Före dagordningen',
  'tr.after': 'Efter dagordningen',
  'tr.item': 'Punkt {number}. {title}',
  'tr.nothingSaid': 'Inget i transkriptionen.',
  'tr.unknownSpeaker': 'Okänd talare',
  'tr.select': 'Välj avsnittet kl. {time}',
  'tr.addNote': 'Lägg till som anteckning',
  'tr.addNoteNone': 'Välj avsnitt först.',
  'tr.added': 'Tillagt i protokollet som anteckning.',
  'tr.addFailed': 'Anteckningen lades inte till: {message}',
};
