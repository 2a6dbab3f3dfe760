/**
 * The personal-link pages as HTML strings: the answer form (notice or check-in), its confirmation, and the
 * refusal of a bad link. Pure functions of a view model; every piece of text is escaped (names and titles
 * come from people and may contain markup). No script, no external resource: the page works under
 * `default-src 'none'`, with its style inline.
 */
import { escapeHtml } from '../app/html';
import { LINK_MOODS, type LinkPageView, type LinkRefusal, type Mood } from '../app/personal-link-service';
import type { Locale, MessageKey, Translate } from '../i18n';

/** What was typed, given back with the problem when the form was wrong. */
export interface LinkFormValues {
  attending?: string;
  note?: string;
  substitute?: string;
  mood?: string;
  text?: string;
  inRoom?: boolean;
  /** An assessment's choices as posted: `m_<capabilityId>` and `i_<capabilityId>` → "1".."5" or "". */
  assessment?: Record<string, string>;
}

/** Form field names of an assessment page: maturity and importance per capability. */
export const maturityField = (capabilityId: string): string => `m_${capabilityId}`;
export const importanceField = (capabilityId: string): string => `i_${capabilityId}`;

const MATURITY_KEYS: readonly MessageKey[] = ['maturity.nonExistent', 'maturity.inadequate', 'maturity.basic', 'maturity.good', 'maturity.leading'];

export interface LinkPageOptions {
  t: Translate;
  locale: Locale;
  /** Where the form posts: the link itself, relative to the page. */
  action: string;
  /** The answer was just stored: say so, above the form (which stays, to change the answer). */
  stored?: boolean;
  problem?: string;
  values?: LinkFormValues;
}

const STYLE = [
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;margin:0;background:#f5f5f5;color:#1b1b1b}',
  'main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem 3rem;background:#fff;min-height:100vh;box-sizing:border-box}',
  'h1{font-size:1.5rem;margin:0 0 .25rem}',
  '.meta{margin:0 0 1rem;color:#3b3b3b}',
  'fieldset{border:1px solid #8a8a8a;border-radius:4px;margin:1rem 0;padding:.5rem 1rem 1rem}',
  'legend{font-weight:600;padding:0 .25rem}',
  '.choice{display:block;margin:.5rem 0}',
  'label{font-weight:600}',
  '.choice label,.check label{font-weight:400}',
  'textarea{display:block;width:100%;box-sizing:border-box;margin:.25rem 0 1rem;font:inherit;padding:.5rem;border:1px solid #6b6b6b;border-radius:4px}',
  'button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}',
  'button:focus,input:focus,textarea:focus{outline:3px solid #f2a900;outline-offset:2px}',
  '.stored{border-left:4px solid #107c10;background:#eef7ee;padding:.75rem 1rem;margin:1rem 0}',
  '.problem{border-left:4px solid #a4262c;background:#fbeeee;padding:.75rem 1rem;margin:1rem 0}',
  '.note{font-size:.9rem;color:#3b3b3b}',
  'h2{font-size:1.15rem;margin:1.5rem 0 .25rem}',
  '.pair{display:flex;flex-wrap:wrap;gap:.5rem 1rem}',
  '.pair div{flex:1 1 12rem}',
  'select{display:block;width:100%;font:inherit;padding:.4rem;margin-top:.25rem;border:1px solid #6b6b6b;border-radius:4px;background:#fff}',
  'select:focus{outline:3px solid #f2a900;outline-offset:2px}',
  'input[type=text]{display:block;width:100%;box-sizing:border-box;margin:.25rem 0 1rem;font:inherit;padding:.5rem;border:1px solid #6b6b6b;border-radius:4px}',
  '.agenda{padding-left:1.25rem;margin:.25rem 0 1rem}',
].join('');

function document(locale: Locale, title: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  );
}

const KIND_KEYS = { council: 'kind.council', steering: 'kind.steering', network: 'kind.network', preparation: 'kind.preparation' } as const;

/** The weekday of a Stockholm calendar date, in the page's language ("onsdag", "Wednesday"). */
const weekday = (date: string, locale: Locale): string => new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

const moodKey = (m: Mood): MessageKey => `checkin.mood.${m}` as MessageKey;

function storedAnswer(view: LinkPageView, t: Translate): string | undefined {
  if (view.kind === 'notice' && view.notice) {
    const n = view.notice;
    return `${n.attending ? t('notice.attend') : t('notice.decline')}${n.note ? ` (${n.note})` : ''}${n.substitute ? ` · ${t('notice.substituteIs', { name: n.substitute })}` : ''}`;
  }
  if (view.kind === 'checkin' && view.checkIn) {
    const c = view.checkIn;
    return `${t(moodKey(c.mood))}${c.text ? ` — ${c.text}` : ''}${c.inRoom ? ` · ${t('checkin.inRoom')}` : ''}`;
  }
  return undefined;
}

const checked = (on: boolean): string => (on ? ' checked' : '');

/**
 * The assessment form: per area, per capability a group of two labelled selects (maturity on the five
 * named levels, importance 1–5), the stored answers chosen; "not answered" leaves a capability out.
 */
function assessmentPage(view: LinkPageView, o: LinkPageOptions): string {
  const { t } = o;
  const a = view.assessment!;
  const heading = `${t('link.assessment.title')}: ${a.organisation}`;
  const vision = a.vision ?? t('assess.visionDefault');
  const parts: string[] = [`<h1>${escapeHtml(heading)}</h1>`, `<p class="meta">${escapeHtml(view.groupName ?? view.meetingTitle)}${a.vision ? `<br>${escapeHtml(a.vision)}` : ''}</p>`];
  parts.push(`<p>${escapeHtml(t('link.answeringAs', { name: view.personName }))}</p>`);
  parts.push(`<p>${escapeHtml(t('link.assessment.intro', { organisation: a.organisation, group: view.groupName ?? view.meetingTitle, vision }))}</p>`);
  const progress = t('link.assessment.saved', { answered: a.answered, total: a.total, organisation: a.organisation });
  if (o.stored) parts.push(`<div class="stored" role="status"><p>${escapeHtml(progress)}</p></div>`);
  else parts.push(`<p class="stored">${escapeHtml(t('assess.progress', { answered: a.answered, total: a.total, organisation: a.organisation }))}</p>`);
  if (o.problem) parts.push(`<div class="problem" role="alert" id="problem"><p>${escapeHtml(o.problem)}</p></div>`);
  const fields: string[] = ['<input type="hidden" name="kind" value="assessment">'];
  const chosen = (field: string, stored: number | undefined): string => o.values?.assessment?.[field] ?? (stored === undefined ? '' : String(stored));
  const select = (field: string, label: string, options: Array<[string, string]>, value: string) =>
    `<div><label for="${escapeHtml(field)}">${escapeHtml(label)}</label><select id="${escapeHtml(field)}" name="${escapeHtml(field)}">` +
    [['', t('link.assessment.notAnswered')] as [string, string], ...options].map(([v, text]) => `<option value="${v}"${v === value ? ' selected' : ''}>${escapeHtml(text)}</option>`).join('') +
    '</select></div>';
  const maturityOptions = MATURITY_KEYS.map((key, i): [string, string] => [String(i + 1), `${i + 1} – ${t(key)}`]);
  const importanceOptions = ['1', '2', '3', '4', '5'].map((v): [string, string] => [v, v === '1' ? t('assess.importanceLow') : v === '5' ? t('assess.importanceHigh') : v]);
  let area: string | undefined;
  for (const c of a.capabilities) {
    if (c.area !== area) {
      area = c.area;
      fields.push(`<h2>${escapeHtml(c.area)}</h2>`);
    }
    const answer = a.answers[c.id];
    const name = `${c.code} ${c.name}`;
    fields.push(
      `<fieldset><legend>${escapeHtml(name)}</legend>`,
      c.description ? `<p class="note">${escapeHtml(c.description)}</p>` : '',
      '<div class="pair">',
      select(maturityField(c.id), t('link.assessment.maturity'), maturityOptions, chosen(maturityField(c.id), answer?.maturity)),
      select(importanceField(c.id), t('link.assessment.importance'), importanceOptions, chosen(importanceField(c.id), answer?.importance)),
      '</div></fieldset>',
    );
  }
  fields.push(`<p><button type="submit">${escapeHtml(t('link.assessment.save'))}</button></p>`);
  parts.push(`<form method="post" action="${escapeHtml(o.action)}">${fields.join('')}</form>`);
  parts.push(`<p class="note">${escapeHtml(t('link.private'))}</p>`);
  return document(o.locale, heading, parts.join(''));
}

/** The form for the person the link names, with their stored answer filled in (or what they just typed). */
export function linkPage(view: LinkPageView, o: LinkPageOptions): string {
  const { t } = o;
  if (view.kind === 'assessment' && view.assessment) return assessmentPage(view, o);
  const heading = view.kind === 'notice' ? t('notice.title', { title: view.meetingTitle }) : t('link.checkinHeading', { title: view.meetingTitle });
  const parts: string[] = [`<h1>${escapeHtml(heading)}</h1>`];
  const meta: string[] = [];
  if (view.groupName) meta.push(escapeHtml(view.groupKind ? `${view.groupName} (${t(KIND_KEYS[view.groupKind])})` : view.groupName));
  if (view.preparesFor) meta.push(escapeHtml(t('link.preparesFor', { council: view.preparesFor })));
  const w = view.when;
  if (w) {
    const when = w.end ? t('link.when', { date: w.date, start: w.start, end: w.end }) : t('link.whenStart', { date: w.date, start: w.start });
    meta.push(escapeHtml(`${weekday(w.date, o.locale)} ${when}`));
  }
  if (view.joinUrl && /^https:\/\//.test(view.joinUrl)) meta.push(`<a href="${escapeHtml(view.joinUrl)}">${escapeHtml(t('link.joinMeeting'))}</a>`);
  if (meta.length > 0) parts.push(`<p class="meta">${meta.join('<br>')}</p>`);
  if (view.agenda && view.kind === 'notice') {
    const rows = view.agenda.map((r) => `<li>${escapeHtml(`${r.start} ${r.kind === 'item' ? (r.text ?? '') : `${t(r.kind === 'end' ? 'agenda.end' : 'agenda.break')}${r.text ? ` — ${r.text}` : ''}`}`)}</li>`);
    parts.push(`<h2>${escapeHtml(t('link.agenda'))}</h2><ul class="agenda">${rows.join('')}</ul>`);
  }
  parts.push(`<p>${escapeHtml(t('link.answeringAs', { name: view.personName }))}</p>`);

  const answer = storedAnswer(view, t);
  if (o.stored && answer) parts.push(`<div class="stored" role="status"><p><strong>${escapeHtml(t('link.stored'))}</strong> ${escapeHtml(answer)}</p><p>${escapeHtml(t('link.changeHint'))}</p></div>`);
  else if (answer) parts.push(`<p class="stored">${escapeHtml(t('link.current', { answer }))}</p>`);
  if (o.problem) parts.push(`<div class="problem" role="alert" id="problem"><p>${escapeHtml(o.problem)}</p></div>`);

  const described = o.problem ? ' aria-describedby="problem"' : '';
  const fields: string[] = [`<input type="hidden" name="kind" value="${view.kind}">`];
  if (view.kind === 'notice') {
    const attending = o.values?.attending ?? (view.notice ? (view.notice.attending ? 'yes' : 'no') : undefined);
    const note = o.values?.note ?? view.notice?.note ?? '';
    const substitute = o.values?.substitute ?? view.notice?.substitute ?? '';
    fields.push(
      `<fieldset${described}><legend>${escapeHtml(t('link.attendQuestion'))}</legend>`,
      `<div class="choice"><input type="radio" id="attending-yes" name="attending" value="yes" required${checked(attending === 'yes')}> <label for="attending-yes">${escapeHtml(t('notice.attend'))}</label></div>`,
      `<div class="choice"><input type="radio" id="attending-no" name="attending" value="no"${checked(attending === 'no')}> <label for="attending-no">${escapeHtml(t('notice.decline'))}</label></div>`,
      '</fieldset>',
      `<label for="note">${escapeHtml(t('notice.note'))}</label><textarea id="note" name="note" rows="3" maxlength="500">${escapeHtml(note)}</textarea>`,
      `<label for="substitute">${escapeHtml(t('notice.substitute'))}</label><p class="note" id="substitute-hint">${escapeHtml(t('link.substituteHint'))}</p>`,
      `<input type="text" id="substitute" name="substitute" maxlength="200" aria-describedby="substitute-hint" value="${escapeHtml(substitute)}">`,
    );
  } else {
    const mood = o.values?.mood ?? view.checkIn?.mood;
    const text = o.values?.text ?? view.checkIn?.text ?? '';
    const inRoom = o.values ? Boolean(o.values.inRoom) : Boolean(view.checkIn?.inRoom);
    fields.push(
      `<fieldset${described}><legend>${escapeHtml(t('checkin.mood'))}</legend>`,
      ...LINK_MOODS.map(
        (m) => `<div class="choice"><input type="radio" id="mood-${m}" name="mood" value="${m}" required${checked(mood === m)}> <label for="mood-${m}">${escapeHtml(t(moodKey(m)))}</label></div>`,
      ),
      '</fieldset>',
      `<label for="text">${escapeHtml(t('checkin.text'))}</label><textarea id="text" name="text" rows="3" maxlength="500">${escapeHtml(text)}</textarea>`,
      `<div class="check"><input type="checkbox" id="inRoom" name="inRoom" value="true"${checked(inRoom)}> <label for="inRoom">${escapeHtml(t('checkin.inRoom'))}</label></div>`,
    );
  }
  fields.push(`<p><button type="submit">${escapeHtml(answer ? t('link.change') : t('link.send'))}</button></p>`);
  parts.push(`<form method="post" action="${escapeHtml(o.action)}">${fields.join('')}</form>`);
  parts.push(`<p class="note">${escapeHtml(t('link.private'))}</p>`);
  return document(o.locale, heading, parts.join(''));
}

const refusalKeys: Record<LinkRefusal | 'unavailable', { title: MessageKey; body: MessageKey }> = {
  malformed: { title: 'link.refused.malformed.title', body: 'link.refused.malformed.body' },
  forged: { title: 'link.refused.forged.title', body: 'link.refused.forged.body' },
  expired: { title: 'link.refused.expired.title', body: 'link.refused.expired.body' },
  wrongKind: { title: 'link.refused.wrongKind.title', body: 'link.refused.wrongKind.body' },
  gone: { title: 'link.refused.gone.title', body: 'link.refused.gone.body' },
  cancelled: { title: 'link.refused.cancelled.title', body: 'link.refused.cancelled.body' },
  notMember: { title: 'link.refused.notMember.title', body: 'link.refused.notMember.body' },
  unavailable: { title: 'link.unavailable.title', body: 'link.unavailable.body' },
};

/** A bad link: what is wrong, that nothing was stored, and what to do. `unavailable`: the server failed. */
export function refusedPage(refusal: LinkRefusal | 'unavailable', t: Translate, locale: Locale): string {
  const keys = refusalKeys[refusal];
  const nothingStored = refusal === 'unavailable' ? '' : `<p><strong>${escapeHtml(t('link.nothingStored'))}</strong></p>`;
  return document(locale, t(keys.title), `<h1>${escapeHtml(t(keys.title))}</h1><p>${escapeHtml(t(keys.body))}</p>${nothingStored}`);
}
