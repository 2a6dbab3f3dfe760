import type { GroupKind } from '../../src/domain/charter';
import { GROUP_ROLES, isMemberOn, type Group, type Member } from '../../src/domain/group';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import { byteSize, rowsThatFit, SHOW_MORE_VERB } from './paging';

export const UPDATE_MEMBER_VERB = 'member.update';
export const ADD_CHAT_MEMBERS_VERB = 'member.addFromChat';

const kindKey = { council: 'kind.council', steering: 'kind.steering', network: 'kind.network', preparation: 'kind.preparation' } as const;
export const kindName = (kind: GroupKind, t: Translate): string => t(kindKey[kind]);

/** `claimed`: the group came from imported minutes; this chat took it over, its roster kept. */
export function groupCreatedCard(group: Group, members: number, risksMoved: number, t: Translate, claimed = false): AdaptiveCard {
  return card([
    heading(t(claimed ? 'setup.claimedTitle' : 'setup.createdTitle', { name: group.name })),
    note(kindName(group.kind, t)),
    userText(claimed ? t('setup.claimed', { members }) : t('setup.created', { members, organizer: group.createdBy.name })),
    ...(risksMoved > 0 ? [note(t('setup.risksMoved', { count: risksMoved }))] : []),
  ]);
}

export function meetingLinkedCard(group: Group, risksMoved: number, t: Translate): AdaptiveCard {
  return card([
    heading(t('setup.linkedTitle', { name: group.name })),
    userText(t('setup.linked', { name: group.name })),
    ...(risksMoved > 0 ? [note(t('setup.risksMoved', { count: risksMoved }))] : []),
  ]);
}

/**
 * The roster: current members first, then former ones; managers get a form to change a membership of those
 * shown. As many as fit in one Teams message; "Show more" shows the next (`offset` are already shown).
 */
export function rosterCard(group: Group, members: Member[], today: string, mayEdit: boolean, cardId: string, t: Translate, notice?: string, offset = 0): AdaptiveCard {
  const current = members.filter((m) => isMemberOn(m, today) || m.from > today);
  const former = members.filter((m) => !current.includes(m));
  const body: CardElement[] = [heading(t('members.title', { name: group.name }))];
  if (notice) body.push(note(notice, { color: 'Good' }));
  if (members.length === 0) body.push({ type: 'TextBlock', text: t('members.empty'), wrap: true });
  else body.push(note(t('members.summary', { current: current.length, former: former.length })));
  const row = (m: Member, isFormer: boolean): CardElement => ({
    type: 'ColumnSet',
    separator: true,
    columns: [
      { type: 'Column', width: 'stretch', items: [userText(m.person.name, isFormer ? { isSubtle: true } : { weight: 'Bolder' }), ...(m.organisation ? [note(m.organisation)] : [])] },
      {
        type: 'Column',
        width: 'auto',
        items: [note(t(`role.${m.role}`)), ...(isFormer && m.to ? [note(t('members.former', { to: m.to }))] : [])],
      },
    ],
  });
  const ordered = [...current.map((m) => [m, false] as const), ...former.map((m) => [m, true] as const)];
  const start = Math.min(Math.max(offset, 0), Math.max(ordered.length - 1, 0));
  const remaining = ordered.slice(start);
  const rows = remaining.map(([m, isFormer]) => row(m, isFormer));
  const edit = (shown: readonly Member[]): CardElement[] =>
    !mayEdit || shown.length === 0
      ? []
      : [
          { type: 'TextBlock', text: t('members.edit'), weight: 'Bolder', separator: true, spacing: 'Large', wrap: true },
          {
            type: 'Input.ChoiceSet',
            id: 'memberId',
            label: t('members.person'),
            isRequired: true,
            errorMessage: t('members.person'),
            choices: shown.map((m) => ({ title: `${m.person.name}${m.to ? ` (${t('members.former', { to: m.to })})` : ''}`, value: m.id })),
          },
          { type: 'Input.ChoiceSet', id: 'role', label: t('members.role'), choices: GROUP_ROLES.map((r) => ({ title: t(`role.${r}`), value: r })) },
          { type: 'Input.Text', id: 'organisation', label: t('members.organisation'), maxLength: 200 },
          { type: 'Input.Text', id: 'email', label: t('members.email'), style: 'Email', maxLength: 320 },
          {
            type: 'ColumnSet',
            columns: [
              { type: 'Column', width: 'stretch', items: [{ type: 'Input.Date', id: 'from', label: t('members.from') }] },
              { type: 'Column', width: 'stretch', items: [{ type: 'Input.Date', id: 'to', label: t('members.to') }] },
            ],
          },
        ];
  const actions = (n: number): CardElement[] => [
    ...(mayEdit && members.length > 0
      ? [
          execute(t('members.save'), UPDATE_MEMBER_VERB, { cardId, groupId: group.id }, { style: 'positive' }),
          execute(t('members.addChat'), ADD_CHAT_MEMBERS_VERB, { cardId, groupId: group.id }, { associatedInputs: 'none' }),
        ]
      : []),
    ...(start + n < ordered.length ? [execute(t('list.showMore'), SHOW_MORE_VERB, { cardId, list: 'roster', offset: start + n }, { associatedInputs: 'none' })] : []),
  ];
  const window = (n: number) => note(t('list.window', { from: start + 1, to: start + n, total: ordered.length }));
  // Measured with every remaining member in the form's choices: the page's own choices can only be fewer.
  const n = rowsThatFit(rows, byteSize(card([...body, window(1), ...edit(remaining.map(([m]) => m))], actions(1))));
  if (start > 0 || n < ordered.length) body.push(window(n));
  body.push(...rows.slice(0, n), ...edit(remaining.slice(0, n).map(([m]) => m)));
  return card(body, actions(n));
}
