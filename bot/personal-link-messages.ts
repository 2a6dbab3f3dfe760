/**
 * The words around personal links, in the language of the person who sent the notice or check-in: the
 * private message each member gets (e-mail or one-to-one chat), and the line that tells the group chat how
 * many links went out — without any link in it.
 */
import type { LinkDeliveryReport, LinkMessage, LinkMessageWriter } from '../src/app/personal-link-service';
import type { Translate } from '../src/i18n';

export function linkMessageWriter(t: Translate): LinkMessageWriter {
  return ({ kind, personName, meetingTitle, groupName, when }) => {
    const whenText = when ? t('link.mail.when', { date: when.date, start: when.start }) : '';
    const title = groupName && groupName !== meetingTitle ? `${meetingTitle} (${groupName})` : meetingTitle;
    return {
      subject: kind === 'notice' ? t('link.mail.subject.notice', { title: meetingTitle }) : t('link.mail.subject.checkin', { title: meetingTitle }),
      paragraphs: [
        kind === 'notice' ? t('link.mail.notice', { name: personName, title, when: whenText }) : t('link.mail.checkin', { name: personName, title }),
        t('link.mail.personal'),
      ],
      action: t('link.mail.action'),
    };
  };
}

/** The e-mail that carries a representative's personal assessment link (a reminder from the tab). */
export function assessmentLinkMessage(t: Translate, about: { groupName: string; organisation: string; vision?: string }): LinkMessage {
  return {
    subject: t('link.assessment.subject', { organisation: about.organisation }),
    paragraphs: [t('link.assessment.message', { group: about.groupName, organisation: about.organisation, vision: about.vision ?? t('assess.visionDefault') }), t('link.mail.personal')],
    action: t('link.mail.action'),
  };
}

const MAX_NAMES = 10;
const names = (list: string[]) => (list.length > MAX_NAMES ? `${list.slice(0, MAX_NAMES).join(', ')} (+${list.length - MAX_NAMES})` : list.join(', '));

/**
 * What is told after a notice or check-in. `chat`: the group chat, counts only (undefined when the meeting
 * has no roster); `sender`: the caller, privately, who could not be reached or failed, by name (undefined
 * when nobody) — who has not answered is for editors only.
 */
export function linkReportText(report: LinkDeliveryReport, t: Translate, audience: 'chat' | 'sender' = 'chat'): string | undefined {
  if (audience === 'sender') {
    const lines: string[] = [];
    if (report.unreachable.length > 0) lines.push(t('link.report.unreachable', { names: names(report.unreachable) }));
    if (report.failed.length > 0) lines.push(t('link.report.failed', { names: names(report.failed) }));
    return lines.length > 0 ? lines.join(' ') : undefined;
  }
  const total = report.mailed.length + report.messaged.length + report.inChat.length + report.unreachable.length + report.failed.length;
  if (total === 0) return undefined;
  const lines = [t('link.report.sent', { mailed: report.mailed.length, messaged: report.messaged.length })];
  if (report.inChat.length > 0) lines.push(t('link.report.inChat', { count: report.inChat.length }));
  if (report.unreachable.length > 0) lines.push(t('link.report.unreachableCount', { count: report.unreachable.length }));
  if (report.failed.length > 0) lines.push(t('link.report.failedCount', { count: report.failed.length }));
  return lines.join(' ');
}
