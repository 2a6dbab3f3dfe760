/**
 * The minutes as a sequence of blocks (headings, paragraphs, tables, lists) in the reader's language. The
 * Word, HTML and Markdown renderers only lay these out, so all three say the same thing in the same order —
 * the order of the seeds' minutes.
 */
import type { MinutesContent, MinutesPerson, MinutesSection, MinutesVersion } from '../domain/minutes';
import { sectionIsEmpty } from '../domain/minutes';
import { noteBlocks } from '../domain/note';
import { formatStockholm } from '../domain/stockholm-time';
import { translator, type Locale, type MessageKey, type Translate } from '../i18n';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; label?: string; small?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption?: string; headers: string[]; rows: string[][]; firstColumnHeader?: boolean };

export interface OutlineInput {
  version: Pick<MinutesVersion, 'version' | 'status' | 'contentHash' | 'approvedBy' | 'approvedAt'>;
  content: MinutesContent;
  locale: Locale;
  audience: 'internal' | 'public';
}

/** Swedish minutes write times 11.00; English 11:00. */
const clock = (locale: Locale, time: string): string => (locale === 'sv' ? time.replace(':', '.') : time);

export function minutesOutline({ version, content: c, locale, audience }: OutlineInput): Block[] {
  const t = translator(locale);
  const blocks: Block[] = [];
  blocks.push({ kind: 'title', text: t('minutes.word') });
  blocks.push({ kind: 'heading', level: 2, text: c.groupName });
  if (audience === 'public') blocks.push({ kind: 'paragraph', text: t('minutes.publicNote'), small: true });

  const time = c.startTime ? `${clock(locale, c.startTime)}${c.endTime ? `–${clock(locale, c.endTime)}` : ''}` : '';
  blocks.push({ kind: 'heading', level: 2, text: t('minutes.meetingInfo') });
  blocks.push({
    kind: 'table',
    headers: [],
    firstColumnHeader: true,
    rows: [
      [t('minutes.called'), c.groupName],
      ...(c.meetingTitle !== c.groupName ? [[t('minutes.meeting'), c.meetingTitle]] : []),
      [t('minutes.date'), c.date],
      ...(time ? [[t('minutes.time'), time]] : []),
      [t('minutes.place'), t('minutes.placeTeams')],
    ],
  });

  const people = (heading: MessageKey, list: MinutesPerson[]): void => {
    blocks.push({ kind: 'heading', level: 2, text: t(heading) });
    if (list.length === 0) {
      blocks.push({ kind: 'paragraph', text: t('minutes.nobody') });
      return;
    }
    const withEmail = audience === 'internal' && list.some((p) => p.email);
    blocks.push({
      kind: 'table',
      headers: [t('minutes.name'), t('minutes.organisation'), ...(withEmail ? [t('minutes.email')] : [])],
      rows: list.map((p) => [p.name, p.organisation ?? '', ...(withEmail ? [p.email ?? ''] : [])]),
    });
  };
  people('minutes.present', c.present);
  people('minutes.excused', c.excused);
  if (c.coopted.length > 0) people('minutes.coopted', c.coopted);

  blocks.push({ kind: 'heading', level: 2, text: t('minutes.agenda') });
  blocks.push({ kind: 'paragraph', text: t('minutes.agendaLegend'), small: true });
  blocks.push({
    kind: 'table',
    headers: [t('minutes.itemNumber'), t('minutes.itemType'), t('minutes.itemDescription'), t('minutes.itemResponsible'), t('minutes.itemTime')],
    // A break and the closing row have no number or type: "PAUS … 14.30", "AVSLUT … 16.00".
    rows: c.agenda.map((i) =>
      i.kind ? [t(i.kind === 'end' ? 'minutes.agendaEnd' : 'minutes.agendaBreak'), '', i.title, '', clock(locale, i.plannedStart)] : [String(i.number), i.type ?? '', i.title, i.responsible ?? '', clock(locale, i.plannedStart)],
    ),
  });

  for (const s of c.sections) blocks.push(...sectionBlocks(s, t));

  if (c.overrides.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t('minutes.overrides') });
    blocks.push({ kind: 'list', items: c.overrides.map((o) => t('minutes.overrideLine', { rule: ruleNames(o.rule, t), reason: o.reason, name: o.byName })) });
  }
  const approved = version.status === 'approved' && version.approvedBy && version.approvedAt;
  blocks.push({ kind: 'paragraph', label: t('minutes.recordedBy'), text: c.recordedBy ?? t('minutes.notAppointed') });
  blocks.push(
    approved
      ? { kind: 'paragraph', label: t('minutes.approvedBy'), text: t('minutes.approvedOn', { name: version.approvedBy!.name, at: formatStockholm(new Date(version.approvedAt!)) }) }
      : { kind: 'paragraph', label: t('minutes.toBeApprovedBy'), text: c.adjuster ?? t('minutes.notAppointed') },
  );
  // After who recorded and approved, as the council's minutes list them: "2020-11-30 - Bilaga 1-Presentation av möte".
  if (c.attachments.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t('minutes.attachments') });
    blocks.push({ kind: 'list', items: c.attachments.map((a) => [a.date, a.url ? `${a.title}: ${a.url}` : a.title].filter(Boolean).join(' - ')) });
  }
  blocks.push({
    kind: 'paragraph',
    small: true,
    text: t('minutes.versionLine', { version: version.version, status: t(`minutes.state.${version.status}`), hash: version.contentHash }),
  });
  return blocks;
}

function sectionBlocks(s: MinutesSection, t: Translate): Block[] {
  const out: Block[] = [{ kind: 'heading', level: 2, text: s.number === 0 ? t('minutes.otherRecords') : `${s.number}) ${s.title}` }];
  if (sectionIsEmpty(s)) {
    out.push({ kind: 'paragraph', text: t('minutes.nothingRecorded') });
    return out;
  }
  for (const note of s.notes) {
    for (const b of noteBlocks(note)) out.push(b.kind === 'heading' ? { kind: 'heading', level: 3, text: b.text } : b);
  }
  if (s.checkIns.length > 0) {
    out.push({ kind: 'heading', level: 3, text: t('minutes.checkIns') });
    out.push({
      kind: 'list',
      items: s.checkIns.map((a) => `${a.name}${a.organisation ? ` (${a.organisation})` : ''}: ${t(`minutes.mood.${a.mood}`)}${a.text ? ` – ${a.text}` : ''}`),
    });
  }
  if (s.risksRaised.length > 0) {
    out.push({
      kind: 'table',
      caption: t('minutes.risks'),
      headers: [t('minutes.riskId'), t('minutes.riskThreat'), t('minutes.riskVulnerability'), t('minutes.riskConsequence'), 'S', 'K', 'R', t('minutes.riskAction')],
      rows: s.risksRaised.map((r) => [
        r.code,
        r.threat,
        r.vulnerability ?? '',
        r.consequence ?? '',
        String(r.probability),
        String(r.impact),
        String(r.score),
        `${r.actionNeeded ? t('minutes.yes') : t('minutes.no')}${r.action ? `: ${r.action}` : ''}`,
      ]),
    });
  }
  for (const r of s.riskReviews) {
    out.push({ kind: 'heading', level: 3, text: `${r.code} ${r.heading}` });
    out.push({ kind: 'paragraph', small: true, text: t('minutes.riskReviewValues', { s: r.probability, k: r.impact, r: r.score, status: t(`minutes.status.${r.status}`) }) });
    if (r.note) out.push({ kind: 'paragraph', text: r.note });
  }
  for (const d of s.decisions) {
    // The heading as written, as a sub-heading of the item; then "Beslut: §3" (or "Beslut:" for a group without numbers) and the text.
    if (d.heading) out.push({ kind: 'heading', level: 3, text: d.heading });
    const label = d.paragraph ? `${t('minutes.decision')} ${d.paragraph}` : t('minutes.decision');
    out.push({ kind: 'paragraph', label, text: d.retracted ? `${d.text} ${t('minutes.retracted')}` : d.text });
  }
  if (s.actions.length > 0) {
    out.push({ kind: 'heading', level: 3, text: t('minutes.actions') });
    out.push({
      kind: 'list',
      items: s.actions.map((a) => {
        const details = [
          a.owner ? t('minutes.actionOwner', { owner: a.owner }) : '',
          a.due ? t('minutes.actionDue', { due: a.due }) : '',
          a.carriedFrom ? t('minutes.actionCarried', { date: a.carriedFrom }) : '',
          a.done ? t('minutes.actionDone') : '',
        ].filter(Boolean);
        return details.length > 0 ? `${a.text} (${details.join(', ')})` : a.text;
      }),
    });
  }
  return out;
}

/** The charter rules an override set aside, in words (`NOTICE_PERIOD,NO_PREPARATION_MEETING`). */
function ruleNames(rules: string, t: Translate): string {
  const known: Record<string, MessageKey> = {
    NOTICE_PERIOD: 'minutes.rule.NOTICE_PERIOD',
    NO_PREPARATION_MEETING: 'minutes.rule.NO_PREPARATION_MEETING',
    YEARLY_COUNT: 'minutes.rule.YEARLY_COUNT',
    IN_THE_PAST: 'minutes.rule.IN_THE_PAST',
    END_BEFORE_START: 'minutes.rule.END_BEFORE_START',
  };
  return rules
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => (Object.hasOwn(known, r) ? t(known[r]!) : r))
    .join(', ');
}
