/** `/risk` (a new risk, its form, or a review), `/risks` (`/risker`), and the risk form's Save. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CREATE_RISK_VERB, riskFormCard, type RiskFormValues } from '../cards/risk-form.card';
import { riskRegisterCard } from '../cards/risk-register.card';
import { riskCard, riskReviewCard } from '../cards/risk.card';
import { cardIdSchema, cardMessage } from '../turn';
import { asTyped, cardAction, command, EVERYWHERE, type CommandFamily } from './command';

export interface RiskArgs {
  threat: string;
  probability?: string;
  impact?: string;
}

/**
 * `/risk <threat> S=<1-5> K=<1-5>`: S and K may stand anywhere, as `S=4`, `s = 4` or `S:4`; the rest is
 * the threat. With a colon only a digit counts, so "S:t Görans sjukhus" stays text. The values are
 * returned as typed, for the domain to judge.
 */
export function parseRiskArgs(args: string): RiskArgs {
  let probability: string | undefined;
  let impact: string | undefined;
  const threat = args
    .replace(/(^|\s)([SsKk])(?:\s*=\s*(\S*)|\s*:\s*(\d\S*))/g, (_whole, lead: string, letter: string, afterEquals: string | undefined, afterColon: string | undefined) => {
      const value = afterEquals ?? afterColon ?? '';
      if (letter.toUpperCase() === 'S') probability = value;
      else impact = value;
      return lead;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { threat, probability, impact };
}

export interface RiskReviewArgs {
  code?: string;
  probability?: string;
  impact?: string;
  status?: string;
  note: string;
}

/**
 * `/risk review R2 S=3 K=3 status=handled <note>` (Swedish: `/risk uppföljning R2 … status=hanterad`):
 * undefined when the arguments are not a review. S, K and status may be left out (they stay as they are).
 */
export function parseRiskReviewArgs(args: string): RiskReviewArgs | undefined {
  const m = /^(?:review|follow-up|uppföljning|uppfoljning)\s*([\s\S]*)$/iu.exec(args.trim());
  if (!m) return undefined;
  let rest = m[1] ?? '';
  let status: string | undefined;
  rest = rest.replace(/(^|\s)status\s*[=:]\s*(\S+)/iu, (_w, lead: string, value: string) => {
    status = value;
    return lead;
  });
  const scored = parseRiskArgs(rest);
  const code = /^(\S+)/.exec(scored.threat)?.[1];
  const note = scored.threat.slice(code?.length ?? 0).trim();
  return { ...(code ? { code } : {}), probability: scored.probability, impact: scored.impact, ...(status ? { status } : {}), note };
}

type RiskCommandArgs = { kind: 'form' } | { kind: 'review'; review: RiskReviewArgs } | { kind: 'raise'; risk: RiskArgs };

const optionalString = z.string().max(20_000).optional();
const riskFormData = z.object({
  cardId: cardIdSchema,
  threat: optionalString,
  vulnerability: optionalString,
  consequence: optionalString,
  S: z.union([z.string().max(20), z.number()]).optional(),
  K: z.union([z.string().max(20), z.number()]).optional(),
  actionNeeded: z.union([z.string().max(10), z.boolean()]).optional(),
  action: optionalString,
  owner: optionalString,
});

function formValues(d: z.infer<typeof riskFormData>): RiskFormValues {
  return {
    threat: d.threat,
    vulnerability: d.vulnerability,
    consequence: d.consequence,
    S: d.S === undefined ? undefined : String(d.S),
    K: d.K === undefined ? undefined : String(d.K),
    actionNeeded: String(d.actionNeeded ?? 'false'),
    action: d.action,
    owner: d.owner,
  };
}

export const riskCommands: CommandFamily = {
  commands: [
    command<RiskCommandArgs>({
      name: 'risk',
      help: 'help.risk',
      usage: 'usage.risk',
      scopes: EVERYWHERE,
      menu: true,
      parse: (args) => {
        if (args === '') return { kind: 'form' };
        const review = parseRiskReviewArgs(args);
        return review ? { kind: 'review', review } : { kind: 'raise', risk: parseRiskArgs(args) };
      },
      run: async (turn, args) => {
        const { ctx, t, locale, services } = turn;
        if (args.kind === 'form') {
          await services.risks.assertMayRaise(ctx);
          await turn.context.sendActivity(cardMessage(riskFormCard(randomUUID(), t)));
          return;
        }
        if (args.kind === 'review') {
          const { code, probability, impact, status, note } = args.review;
          const done = await services.risks.reviewRisk(ctx, code ?? '', { probability, impact, status, note }, turn.sourceKey);
          const link = await turn.tabLink(`risks/${done.after.id}`);
          await turn.context.sendActivity(cardMessage(riskReviewCard(done.before, done.after, done.history, t, locale, link)));
          return;
        }
        const { value } = await services.risks.raiseRisk(ctx, args.risk, turn.sourceKey);
        await turn.context.sendActivity(cardMessage(riskCard(value, t, locale, await turn.tabLink(`risks/${value.id}`))));
      },
    }),
    command({
      name: 'risks',
      sv: 'risker',
      help: 'help.risks',
      scopes: EVERYWHERE,
      menu: true,
      parse: asTyped,
      run: async (turn) => {
        const risks = await turn.services.risks.listRisks(turn.ctx);
        const tabLink = await turn.tabLink('risks');
        await turn.context.sendActivity(cardMessage(riskRegisterCard(risks, turn.t, { cardId: randomUUID(), ...(tabLink ? { tabLink } : {}) })));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: CREATE_RISK_VERB,
      data: riskFormData,
      run: async (turn, data) => {
        const { ctx, t, locale } = turn;
        const sourceKey = `card:${data.cardId}:${ctx.caller.aadObjectId ?? ctx.caller.id}`;
        const { value } = await turn.services.risks.raiseRisk(
          ctx,
          {
            threat: data.threat,
            vulnerability: data.vulnerability,
            consequence: data.consequence,
            probability: data.S,
            impact: data.K,
            actionNeeded: data.actionNeeded === true || data.actionNeeded === 'true',
            action: data.action,
            owner: data.owner,
          },
          sourceKey,
        );
        return { card: riskCard(value, t, locale, await turn.tabLink(`risks/${value.id}`)), shared: true };
      },
      onFieldError: (turn, data, problem) => ({ card: riskFormCard(data.cardId, turn.t, formValues(data), problem), shared: false }),
    }),
  ],
};
