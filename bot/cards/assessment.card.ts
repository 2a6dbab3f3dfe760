import type { AssessmentForm } from '../../src/app/capability-service';
import type { Notification } from '../../src/app/ports';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const SAVE_ASSESSMENT_VERB = 'assess.save';
export const ASSESSMENT_PAGE_VERB = 'assess.page';

/**
 * Capabilities per page. Teams refuses cards over about 28 KB and a long form is hard to use on a phone:
 * 55 capabilities become 7 pages of two labelled choices each, saved page by page.
 */
export const ASSESSMENT_PAGE_SIZE = 8;

/** Input ids carry the capability id: `m.<id>` maturity, `i.<id>` importance. */
export const maturityInputId = (capabilityId: string): string => `m.${capabilityId}`;
export const importanceInputId = (capabilityId: string): string => `i.${capabilityId}`;

const MATURITY_KEYS = ['maturity.nonExistent', 'maturity.inadequate', 'maturity.basic', 'maturity.good', 'maturity.leading'] as const;

export const pageCount = (form: Pick<AssessmentForm, 'total'>): number => Math.max(1, Math.ceil(form.total / ASSESSMENT_PAGE_SIZE));
export const clampPage = (form: Pick<AssessmentForm, 'total'>, page: number): number => Math.min(Math.max(0, Math.trunc(page)), pageCount(form) - 1);

/**
 * One page of an organisation's assessment: for each capability, its maturity on the five named levels
 * and its strategic importance 1–5, both labelled (the label names the capability, for screen readers).
 * Saving stores the page and shows the next one with a confirmation; Previous and Next only move.
 */
export function assessmentCard(form: AssessmentForm, page: number, cardId: string, t: Translate, confirmation?: string): AdaptiveCard {
  const current = clampPage(form, page);
  const pages = pageCount(form);
  const slice = form.capabilities.slice(current * ASSESSMENT_PAGE_SIZE, (current + 1) * ASSESSMENT_PAGE_SIZE);
  const vision = form.vision ?? t('assess.visionDefault');
  const body: CardElement[] = [
    // Names and the vision are people's text: TextRuns, never markdown.
    userText(t('assess.title', { organisation: form.organisation }), { weight: 'Bolder', size: 'Medium' }),
    note(t('assess.intro', { organisation: form.organisation, vision, page: current + 1, pages })),
  ];
  if (confirmation) body.push(userText(confirmation, { color: 'Good' }));
  body.push(note(form.answered === form.total ? t('assess.done', { organisation: form.organisation }) : t('assess.progress', { answered: form.answered, total: form.total, organisation: form.organisation })));
  const maturityChoices = MATURITY_KEYS.map((key, i) => ({ title: `${i + 1} – ${t(key)}`, value: String(i + 1) }));
  const importanceChoices = ['1', '2', '3', '4', '5'].map((v) => ({ title: v === '1' ? t('assess.importanceLow') : v === '5' ? t('assess.importanceHigh') : v, value: v }));
  let area: string | undefined;
  for (const c of slice) {
    if (c.area !== area) {
      area = c.area;
      body.push(userText(t('assess.area', { area: c.area }), { weight: 'Bolder', color: 'Accent' }));
    }
    const answer = form.answers.get(c.id);
    const label = `${c.code} ${c.name}`;
    body.push({
      type: 'Container',
      separator: true,
      items: [
        userText(label, { weight: 'Bolder' }),
        ...(c.description ? [note(c.description)] : []),
        {
          type: 'ColumnSet',
          columns: [
            {
              type: 'Column',
              width: 'stretch',
              items: [
                {
                  type: 'Input.ChoiceSet',
                  id: maturityInputId(c.id),
                  label: t('assess.maturity', { capability: c.code }),
                  style: 'compact',
                  choices: maturityChoices,
                  ...(answer ? { value: String(answer.maturity) } : {}),
                },
              ],
            },
            {
              type: 'Column',
              width: 'stretch',
              items: [
                {
                  type: 'Input.ChoiceSet',
                  id: importanceInputId(c.id),
                  label: t('assess.importance', { capability: c.code }),
                  style: 'compact',
                  choices: importanceChoices,
                  ...(answer ? { value: String(answer.importance) } : {}),
                },
              ],
            },
          ],
        },
      ],
    });
  }
  const data = { cardId, groupId: form.group.id, organisation: form.organisation };
  const actions: CardElement[] = [execute(t('assess.save'), SAVE_ASSESSMENT_VERB, { ...data, page: current }, { style: 'positive' })];
  if (current > 0) actions.push(execute(t('assess.previous'), ASSESSMENT_PAGE_VERB, { ...data, page: current - 1 }, { associatedInputs: 'none' }));
  if (current < pages - 1) actions.push(execute(t('assess.next'), ASSESSMENT_PAGE_VERB, { ...data, page: current + 1 }, { associatedInputs: 'none' }));
  return card(body, actions);
}

/** The reminder a representative gets privately; "Assess now" turns it into the first page of the form. */
export function assessmentReminderCard(n: Extract<Notification, { kind: 'assessmentReminder' }>, cardId: string, t: Translate): AdaptiveCard {
  return card(
    [heading(t('reminder.title')), userText(t('reminder.text', { organisation: n.organisation, answered: n.answered, total: n.total, group: n.groupName }))],
    [execute(t('reminder.open'), ASSESSMENT_PAGE_VERB, { cardId, groupId: n.groupId, organisation: n.organisation, page: 0 }, { style: 'positive' })],
  );
}
