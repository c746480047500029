import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '../components/govuk';
import { api, csrfHeaders, latestExpiry, onSessionEvent, refreshSession } from '../lib/api';
import { paths, signInPath } from '../lib/paths';

/**
 * The idle limit assumed when the server does not say when the session
 * ends (its answers carry `session.idle_expires_at`; older ones did not).
 */
export const fallbackIdleLimitMs = 30 * 60 * 1000;
/** How long before the end the warning appears (WCAG 2.2.1 asks for 20s). */
export const warningMs = 2 * 60 * 1000;

function endOf(expiry: { idleExpiresAt: string } | undefined) {
  const at = expiry ? Date.parse(expiry.idleExpiresAt) : NaN;

  return Number.isNaN(at) ? Date.now() + fallbackIdleLimitMs : at;
}

/**
 * Warns before the session ends for inactivity and lets the person keep
 * it (WCAG 2.2.1, timing adjustable). The end is the server's: each
 * refresh, in this tab or another, moves it on and reports the new time.
 */
export function SessionTimeout() {
  const [deadline, setDeadline] = useState(() => endOf(latestExpiry()));
  // The latest end, for code that runs between renders.
  const latest = useRef(deadline);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const here = useRef('');
  here.current = location.pathname + location.search;

  useEffect(
    () =>
      onSessionEvent((event) => {
        if (event.type !== 'expiry') return;

        latest.current = endOf(event);
        setDeadline(latest.current);
      }),
    [],
  );

  useEffect(() => {
    const untilWarning = deadline - warningMs - Date.now();
    setOpen(untilWarning <= 0);
    const warn = setTimeout(() => setOpen(true), Math.max(untilWarning, 0));
    const end = setTimeout(
      () => {
        setOpen(false);
        // Best effort: the server ends the session by itself anyway.
        void api
          .POST('/api/v1/auth/logout', { params: { header: csrfHeaders } })
          .catch(() => undefined);
        // The cache is cleared once the sign-in page is showing: cleared
        // earlier, the area's pages would see no session and move away.
        void Promise.resolve(navigate(signInPath(here.current, 'timeout'), { replace: true })).then(
          () => queryClient.clear(),
        );
      },
      Math.max(deadline - Date.now(), 0),
    );

    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [deadline, navigate, queryClient]);

  async function staySignedIn() {
    setFailed(false);
    // A refresh that cannot move the end on (the session's absolute limit
    // is near) leaves the warning up, with a message to save and sign in.
    const kept = await refreshSession();
    if (!kept || latest.current - Date.now() <= warningMs) setFailed(true);
  }

  if (!open) return null;

  return (
    <Countdown deadline={deadline}>
      {(minutes) => (
        <TimeoutDialog
          minutes={minutes}
          failed={failed}
          onStay={staySignedIn}
          onSignOut={() => setOpen(false)}
        />
      )}
    </Countdown>
  );
}

/** Minutes left until `deadline`, rounded up, updated as they pass. */
function Countdown(props: { deadline: number; children: (minutes: number) => ReactNode }) {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 10_000);

    return () => clearInterval(tick);
  }, []);

  return props.children(Math.max(1, Math.ceil((props.deadline - now) / 60_000)));
}

function TimeoutDialog(props: {
  minutes: number;
  failed: boolean;
  onStay: () => void;
  onSignOut: () => void;
}) {
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
          <span className="govuk-visually-hidden">Error:</span> Your session could not be kept. Save
          your work elsewhere and sign in again.
        </p>
      )}
      <div className="govuk-button-group">
        <Button text="Stay signed in" type="button" onClick={props.onStay} />
        <Link className="govuk-link" to={paths.signOut} onClick={props.onSignOut}>
          Sign out
        </Link>
      </div>
    </dialog>
  );
}
