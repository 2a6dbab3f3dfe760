/** A form's outcome: a success (or warning) read out politely, a refusal as an alert. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export function FeedbackBar({ feedback, className }: { feedback: { intent: 'success' | 'warning' | 'error'; text: string } | undefined; className?: string }) {
  if (!feedback) return null;
  return (
    <MessageBar intent={feedback.intent} className={className} role={feedback.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>{feedback.text}</MessageBarBody>
    </MessageBar>
  );
}
