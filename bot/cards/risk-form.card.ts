import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const CREATE_RISK_VERB = 'risk.create';

/** What the form shows again after a refused submit, so nothing typed is lost. */
export interface RiskFormValues {
  threat?: string;
  vulnerability?: string;
  consequence?: string;
  S?: string;
  K?: string;
  actionNeeded?: string;
  action?: string;
  owner?: string;
}

const scoreChoices = ['1', '2', '3', '4', '5'].map((v) => ({ title: v, value: v }));

/** Every field of a risk row in the seeds' table, submitted with Action.Execute. */
export function riskFormCard(cardId: string, t: Translate, values: RiskFormValues = {}, problem?: string): AdaptiveCard {
  const text = (id: keyof RiskFormValues, label: string, placeholder: string, required = false): CardElement => ({
    type: 'Input.Text',
    id,
    label,
    placeholder,
    isMultiline: true,
    maxLength: 2000,
    ...(required ? { isRequired: true, errorMessage: t('error.TEXT.EMPTY', { field: label }) } : {}),
    ...(values[id] ? { value: values[id] } : {}),
  });
  const score = (id: 'S' | 'K', label: string): CardElement => ({
    type: 'Column',
    width: 'stretch',
    items: [
      {
        type: 'Input.ChoiceSet',
        id,
        label,
        style: 'compact',
        isRequired: true,
        errorMessage: t('error.RISK.SCORE_MISSING', { field: label }),
        choices: scoreChoices,
        ...(values[id] ? { value: values[id] } : {}),
      },
    ],
  });
  const body: CardElement[] = [heading(t('riskForm.title')), note(t('riskForm.intro'))];
  // The problem quotes what was typed: a TextRun keeps it literal.
  if (problem) body.push(userText(t('riskForm.fix', { message: problem }), { color: 'Attention' }));
  body.push(
    text('threat', t('risk.threat'), t('riskForm.threatPlaceholder'), true),
    text('vulnerability', t('risk.vulnerability'), t('riskForm.vulnerabilityPlaceholder')),
    text('consequence', t('risk.consequence'), t('riskForm.consequencePlaceholder')),
    { type: 'ColumnSet', columns: [score('S', t('risk.S')), score('K', t('risk.K'))] },
    {
      type: 'Input.Toggle',
      id: 'actionNeeded',
      title: t('riskForm.actionNeeded'),
      valueOn: 'true',
      valueOff: 'false',
      value: values.actionNeeded === 'true' ? 'true' : 'false',
    },
    text('action', t('risk.action'), t('riskForm.actionPlaceholder')),
    {
      type: 'Input.Text',
      id: 'owner',
      label: t('risk.owner'),
      placeholder: t('riskForm.ownerPlaceholder'),
      maxLength: 200,
      ...(values.owner ? { value: values.owner } : {}),
    },
  );
  return card(body, [execute(t('riskForm.submit'), CREATE_RISK_VERB, { cardId }, { style: 'positive' })]);
}
