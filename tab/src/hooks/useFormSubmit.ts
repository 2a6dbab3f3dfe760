/**
 * What every form that writes shares: busy while the write runs, one request id per intended write (kept
 * after a failure, so a retry is stored once), and the outcome (success or the server's refusal) as feedback.
 */
import { useRef, useState, type FormEvent } from 'react';
import { ApiFailure, newRequestId } from '../api';
import { errorText } from '../components/common';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';

export interface Feedback {
  intent: 'success' | 'error';
  text: string;
}

export interface FormSubmit {
  busy: boolean;
  feedback: Feedback | undefined;
  /** A message of the form's own, e.g. a validation error. */
  setFeedback: (feedback: Feedback | undefined) => void;
  /** The form's onSubmit: no page load, the last feedback cleared, then `submit` (which validates, then `send`s). */
  onSubmit: (submit: () => void | Promise<void>) => (ev: FormEvent) => void;
  /**
   * Sends the write with its request id. `done` takes the answer (updating or reloading the page) and gives
   * the success text; a failure shows `failed` with the server's explanation as `{message}`.
   */
  send: <T>(write: (requestId: string) => Promise<T>, done: (answer: T) => string, failed: MessageKey) => Promise<void>;
}

export function useFormSubmit(): FormSubmit {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | undefined>();
  const requestId = useRef<string | undefined>(undefined);

  const onSubmit = (submit: () => void | Promise<void>) => (ev: FormEvent) => {
    ev.preventDefault();
    setFeedback(undefined);
    void submit();
  };

  const send = async <T>(write: (requestId: string) => Promise<T>, done: (answer: T) => string, failed: MessageKey) => {
    requestId.current ??= newRequestId();
    setBusy(true);
    try {
      const answer = await write(requestId.current);
      requestId.current = undefined; // stored: the next write is a new one
      setFeedback({ intent: 'success', text: done(answer) });
    } catch (e) {
      setFeedback({ intent: 'error', text: t(failed, { message: e instanceof ApiFailure ? errorText(t, e) : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return { busy, feedback, setFeedback, onSubmit, send };
}
