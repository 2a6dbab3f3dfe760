/** The risk register as a CSV file for Excel: what the tab's "Download CSV" gives. */
import type { RegisterEntry } from '../../app/tab-service';
import type { Locale } from '../../i18n';

const CSV_HEADERS: Record<Locale, string[]> = {
  en: ['ID', 'Threat', 'Vulnerability', 'Consequence', 'S', 'K', 'R', 'Action needed', 'Action', 'Owner', 'Status', 'Last review'],
  sv: ['ID', 'Hot', 'Sårbarhet', 'Konsekvens', 'S', 'K', 'R', 'Åtgärd behövs', 'Åtgärd', 'Ansvarig', 'Status', 'Senast uppföljd'],
};
const STATUS_WORDS: Record<Locale, Record<RegisterEntry['status'], string>> = {
  en: { open: 'open', handled: 'handled', closed: 'closed' },
  sv: { open: 'öppen', handled: 'hanterad', closed: 'stängd' },
};

/**
 * One CSV cell (RFC 4180): quoted when it holds a separator, quote or line break. A text that a
 * spreadsheet would run as a formula (= + - @, or a leading tab or carriage return) gets a leading '.
 */
export function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (so Excel reads å, ä, ö), CRLF line ends, header in the caller's language. */
export function registerCsv(risks: readonly RegisterEntry[], locale: Locale): string {
  const yes = locale === 'sv' ? 'Ja' : 'Yes';
  const no = locale === 'sv' ? 'Nej' : 'No';
  const lines = [CSV_HEADERS[locale].map(csvCell).join(',')];
  for (const r of risks) {
    lines.push(
      [r.code, r.threat, r.vulnerability, r.consequence, r.probability, r.impact, r.score, r.actionNeeded ? yes : no, r.action, r.owner, STATUS_WORDS[locale][r.status], r.lastReviewedAt?.slice(0, 10)]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
