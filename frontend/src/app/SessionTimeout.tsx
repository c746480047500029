import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '../components/govuk';
import { api, onSessionEvent, refreshSession } from '../lib/api';
import { signInPath } from '../lib/paths';

/**
 * How long the server keeps an idle session. Limitation: the API does not
 * yet say when a session ends, so this mirrors the server's default; when
 * /auth/me reports the expiry, read it from there instead.
 */
export const idleLimitMs = 30 * 60 * 1000;
/** How long before the end the warning appears (WCAG 2.2.1 asks for 20s). */
export const warningMs = 2 * 60 * 1000;

interface SessionTimeoutProps {
  idleLimit?: number;
  warning?: number;
}

/**
 * Warns before the session ends for inactivity and lets the person keep
 * it (WCAG 2.2.1, timing adjustable). Activity is what the server sees:
 * each successful API call starts the clock again.
 */
export function SessionTimeout(props: SessionTimeoutProps) {
  const idleLimit = props.idleLimit ?? idleLimitMs;
  const warning = props.warning ?? warningMs;
  const [deadline, setDeadline] = useState(() => Date.now() + idleLimit);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const here = location.pathname + location.search;

  const restart = useCallback(() => {
    setDeadline(Date.now() + idleLimit);
    setOpen(false);
  }, [idleLimit]);

  useEffect(() => onSessionEvent((event) => event === 'activity' && restart()), [restart]);

  useEffect(() => {
    const untilWarning = deadline - warning - Date.now();
    const untilEnd = deadline - Date.now();
    const warn = setTimeout(() => setOpen(true), Math.max(untilWarning, 0));
    const end = setTimeout(
      () => {
        setOpen(false);
        // Best effort: the server ends the session by itself anyway.
        void api.POST('/api/v1/auth/logout').catch(() => undefined);
        // The cache is cleared once the sign-in page is showing: cleared
        // earlier, the area's pages would see no session and move away.
        void Promise.resolve(navigate(signInPath(here, 'timeout'), { replace: true })).then(() =>
          queryClient.clear(),
        );
      },
      Math.max(untilEnd, 0),
    );

    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
    // `here` is read when the time is up; a new page does not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deadline, warning, navigate, queryClient]);

  async function staySignedIn() {
    setFailed(false);
    if (await refreshSession()) restart();
    else setFailed(true);
  }

  if (!open) return null;

  return (
    <TimeoutDialog
      minutes={Math.max(1, Math.round(warning / 60000))}
      failed={failed}
      onStay={staySignedIn}
    />
  );
}

function TimeoutDialog(props: { minutes: number; failed: boolean; onStay: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // A modal dialog keeps focus inside it and returns it on close.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');

    return () => {
      if (typeof dialog.close === 'function') dialog.close();
    };
  }, []);

  const unit = props.minutes === 1 ? 'minute' : 'minutes';

  return (
    <dialog
      ref={ref}
      className="app-dialog"
      aria-labelledby="session-timeout-title"
      aria-describedby="session-timeout-text"
      // Escape would hide the warning without keeping the session.
      onCancel={(event) => event.preventDefault()}
    >
      <h2 className="govuk-heading-m" id="session-timeout-title">
        You will be signed out soon
      </h2>
      <p className="govuk-body" id="session-timeout-text">
        You have not done anything for a while. To protect the information in sendqa, you will be
        signed out in {props.minutes} {unit}. Anything you have not saved will be lost.
      </p>
      {props.failed && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error: </span>
          Your session could not be kept. Save your work elsewhere and sign in again.
        </p>
      )}
      <Button text="Stay signed in" type="button" onClick={props.onStay} />
    </dialog>
  );
}
