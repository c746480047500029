import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  FileUpload,
  Link,
  SummaryList,
} from '../../../components/govuk';
import { ItemField } from '../../../components/instrument/ItemField';
import { DraftSaver, recover, type SaveState } from '../../../lib/draft/autosave';
import { deviceStore } from '../../../lib/draft/deviceStore';
import { fieldId, useFormErrors } from '../../../lib/forms';
import {
  parseDefinition,
  type Answer,
  type Answers,
  type Definition,
  type Item,
} from '../../../lib/instrument/types';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import {
  keys,
  fetchVisit,
  saveVisit,
  submitVisit,
  uploadPhoto,
  useVisit,
  useVisitInstrument,
  type Visit,
} from '../api/visits';
import { visitPaths } from '../paths';
import { VisitAnswer, answerText, stateText } from './VisitParts';

/** The questions the young person answers one screen at a time. */
function questionsOf(def: Definition): Item[] {
  return def.sections
    .filter((section) => section.id !== 'about_visit')
    .flatMap((section) => section.items)
    .filter((item) => item.kind !== 'evidence');
}

/** A young person's own visit: the form while a draft, then what happened. */
export function MyVisitPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const id = params.visitId ?? '';
  const visit = useVisit(tenant, id);
  const instrument = useVisitInstrument(tenant);
  usePageTitle(visit.data ? `Your visit to ${visit.data.place}` : 'Your visit');
  const sentAway = visit.data !== undefined && visit.data.state !== 'draft';
  const [sentHere, setSentHere] = useState(false);
  // A visit this phone was waiting to send that the server now has: the
  // send went through, even if its answer was lost on the way back.
  useEffect(() => {
    if (!sentAway) return;
    void deviceStore.get(sendKey(id)).then((pending) => {
      if (!pending) return;
      setSentHere(true);
      void deviceStore.remove(sendKey(id));
      void deviceStore.remove(id);
    });
  }, [sentAway, id]);

  if (visit.isError) {
    if (visit.error instanceof ApiError && visit.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }
    throw visit.error;
  }
  if (instrument.isError) throw instrument.error;
  if (!visit.data || !instrument.data) return <p className="govuk-body">Loading your visit…</p>;
  const def = parseDefinition(instrument.data);

  if (visit.data.state !== 'draft') {
    return (
      <SentVisit
        tenant={tenant}
        visit={visit.data}
        def={def}
        justSent={sentHere || sentVisits.has(id)}
      />
    );
  }

  return <VisitForm key={visit.data.id} tenant={tenant} visit={visit.data} def={def} />;
}

interface SentVisitProps {
  tenant: string;
  visit: Visit;
  def: Definition;
  /** Sent from this page a moment ago: say so first. */
  justSent: boolean;
}

function SentVisit({ tenant, visit, def, justSent }: SentVisitProps) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={visitPaths.mine(tenant)} text="My visits" />
        {justSent ? (
          <VisitSent tenant={tenant} place={visit.place} />
        ) : (
          <>
            <span className="govuk-caption-l">{stateText(visit)}</span>
            <h1 className="govuk-heading-l">Your visit to {visit.place}</h1>
          </>
        )}
        <VisitAnswer visit={visit} />
        <h2 className="govuk-heading-m">What you said</h2>
        <SummaryList
          rows={questionsOf(def).map((item) => ({
            key: { text: item.easy_read ?? item.label },
            value: { text: answerText(item, visit.answers[item.id] as Answer | undefined) },
          }))}
        />
        <p className="govuk-body">
          <Link className="govuk-link" href={visitPaths.mine(tenant)}>
            Back to my visits
          </Link>
        </p>
      </div>
    </div>
  );
}

/** The confirmation that a visit has gone to the participation officer. */
function VisitSent({ tenant, place }: { tenant: string; place: string }) {
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">Visit sent</h1>
        <div className="govuk-panel__body">Thank you for telling us about {place}</div>
      </div>
      <p className="govuk-body">
        Your participation officer will check it, then the service will answer you. You will see
        their answer on My visits.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" href={visitPaths.mine(tenant)}>
          Go to my visits
        </Link>
      </p>
    </>
  );
}

function saveMessage(state: SaveState, sending: boolean) {
  if (sending) {
    return 'Waiting to send: your visit is kept on this phone and will send itself when you are back online.';
  }
  switch (state.kind) {
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved.';
    case 'device':
      return 'Waiting to send: saved on this phone. It will send itself when you are back online.';
    case 'conflict':
      return 'Someone else who went changed this visit. Load it again to carry on.';
    case 'error':
      return `Not saved: ${state.message}`;
    default:
      return '';
  }
}

/** Visits being sent from this tab now, and those it has sent. */
const sendingVisits = new Set<string>();
const sentVisits = new Set<string>();

/** The key on this device that says a visit is waiting to be sent. */
const sendKey = (id: string) => `send:${id}`;

interface FormProps {
  tenant: string;
  visit: Visit;
  def: Definition;
}

/**
 * The visit's questions one to a screen, then photos, then a check before
 * sending, with progress shown. Every answer is saved as it is given;
 * without a signal it is kept on the phone and sent when the signal comes
 * back, and a visit sent while offline waits, visibly, and sends itself.
 */
function VisitForm({ tenant, visit, def }: FormProps) {
  const queryClient = useQueryClient();
  const questions = useMemo(() => questionsOf(def), [def]);
  const steps = questions.length + 2; // the questions, the photos, the check
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Answers>(() => visit.answers as Answers);
  const [photos, setPhotos] = useState(visit.photos);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [waiting, setWaiting] = useState(false);
  const [sent, setSent] = useState<Visit>();
  const [photoMessage, setPhotoMessage] = useState('');
  const errors = useFormErrors();
  const heading = useRef<HTMLDivElement>(null);
  const [saver] = useState(
    () =>
      new DraftSaver({
        responseId: visit.id,
        version: visit.version,
        personal: new Set(),
        save: (version, next) => saveVisit(tenant, visit.id, version, { answers: next as never }),
        store: deviceStore,
        isOnline: () => navigator.onLine,
        onState: setSaveState,
      }),
  );

  const send = async () => {
    // The signal's return, a retry and a press of the button may all ask
    // at once, even from a page drawn afresh when the signal came back.
    if (sendingVisits.has(visit.id)) return;
    sendingVisits.add(visit.id);
    try {
      await sendOnce();
    } finally {
      sendingVisits.delete(visit.id);
    }
  };
  const finish = async (done: Visit) => {
    sentVisits.add(visit.id);
    await deviceStore.remove(sendKey(visit.id));
    await deviceStore.remove(visit.id);
    setWaiting(false);
    errors.clear();
    setSent(done);
    void queryClient.invalidateQueries({ queryKey: keys.all(tenant) });
  };
  const wait = async () => {
    await deviceStore.put({
      responseId: sendKey(visit.id),
      baseVersion: saver.currentVersion,
      answers: {},
      savedAt: new Date().toISOString(),
    });
    setWaiting(true);
  };
  /**
   * The server's copy, after a save or a send whose answer was lost on
   * the way back when the signal dropped: sent already, or a newer
   * version to carry on from with these answers.
   */
  const catchUp = async (): Promise<boolean> => {
    const latest = await fetchVisit(tenant, visit.id);
    if (latest.state !== 'draft') {
      await finish(latest);

      return true;
    }
    saver.reset(latest.version);
    saver.change(answers);
    await saver.flush();

    return false;
  };
  const sendOnce = async (retried = false): Promise<void> => {
    if (sentVisits.has(visit.id)) return;
    await saver.flush();
    try {
      if (saver.current.kind === 'conflict' && (await catchUp())) return;
      if (!navigator.onLine || saver.current.kind !== 'saved') {
        if (saver.current.kind === 'error') {
          errors.show([{ field: 'answers', message: saveMessage(saver.current, false) }]);

          return;
        }
        if (saver.current.kind !== 'idle') return wait();
      }
      await finish(await submitVisit(tenant, visit.id, saver.currentVersion, answers));
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : networkProblem;
      if (problem.status === 0) return wait();
      if (problem.status === 409 || problem.status === 412) {
        try {
          if (await catchUp()) return;
        } catch {
          return wait();
        }
        if (!retried) return sendOnce(true);
      }
      setWaiting(false);
      await deviceStore.remove(sendKey(visit.id));
      errors.showProblem(problem, 'answers');
    }
  };
  const sendRef = useRef(send);
  sendRef.current = send;

  // Answers or a send left on this phone by an earlier visit to the page.
  useEffect(() => {
    let live = true;
    void Promise.all([deviceStore.get(visit.id), deviceStore.get(sendKey(visit.id))]).then(
      ([device, pendingSend]) => {
        if (!live) return;
        const got = recover(
          { version: visit.version, answers: visit.answers as Answers },
          device,
          new Set(),
        );
        if (got.fromDevice) {
          setAnswers(got.answers);
          saver.change(got.answers);
        }
        if (pendingSend) {
          setStep(questions.length + 1);
          setWaiting(true);
          if (navigator.onLine) void sendRef.current();
        }
      },
    );

    return () => {
      live = false;
    };
  }, [visit, saver, questions.length]);

  useEffect(() => {
    // A visit waiting to be sent goes on the next retry below.
    const online = () => saver.online();
    window.addEventListener('online', online);

    return () => {
      window.removeEventListener('online', online);
      saver.stop();
    };
  }, [saver, visit.id]);

  // While a visit waits to be sent, try again every few seconds: the
  // browser may say it is online a moment before requests get through.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (navigator.onLine) void sendRef.current();
    }, 2000);

    return () => clearInterval(timer);
  }, [waiting]);

  // A new screen starts at its top, with focus there, so that a screen
  // reader reads the new question and the keyboard starts from it. This
  // happens as the screen is drawn, never after someone has moved on.
  const moved = useRef(false);
  useLayoutEffect(() => {
    if (!moved.current) return;
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, [step]);

  const go = (next: number) => {
    moved.current = true;
    setStep(next);
  };

  const onAnswer = (itemId: string, value: Answer | undefined) => {
    setAnswers((previous) => {
      const next = { ...previous };
      if (value === undefined || value === '') delete next[itemId];
      else next[itemId] = value;
      saver.change(next);

      return next;
    });
  };

  const addPhoto = async (file: File) => {
    setPhotoMessage('');
    if (!navigator.onLine) {
      setPhotoMessage('You are offline. Add your photo when you are back online.');

      return;
    }
    try {
      const photo = await uploadPhoto(tenant, visit.id, file);
      setPhotos((previous) => [...previous, photo]);
      setPhotoMessage(`Photo ${photos.length + 1} added.`);
    } catch (error) {
      setPhotoMessage(`That photo could not be added: ${(error as Error).message}`);
    }
  };

  if (sent) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Visit sent</h1>
            <div className="govuk-panel__body">Thank you for telling us about {sent.place}</div>
          </div>
          <p className="govuk-body">
            Your participation officer will check it, then the service will answer you. You will see
            their answer on My visits.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" href={visitPaths.mine(tenant)}>
              Go to my visits
            </Link>
          </p>
        </div>
      </div>
    );
  }

  const progress = `Step ${step + 2} of ${steps + 1}`;
  const question = questions[step];
  const message = saveMessage(saveState, waiting);

  return (
    <div className="govuk-grid-row app-visit-step">
      <div className="govuk-grid-column-two-thirds">
        {step > 0 ? (
          <button
            type="button"
            className="govuk-back-link app-link-button"
            onClick={() => go(step - 1)}
          >
            Back
          </button>
        ) : (
          <BackLink href={visitPaths.mine(tenant)} text="My visits" />
        )}
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <div ref={heading} tabIndex={-1}>
          <span className="govuk-caption-m">
            {progress}: {visit.place}
          </span>
          <progress
            className="app-visit-progress"
            max={steps + 1}
            value={step + 2}
            aria-label={progress}
          />
        </div>
        <p className="govuk-body govuk-!-font-weight-bold" role="status" aria-live="polite">
          {message}
        </p>
        {question && (
          <form
            noValidate
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              go(step + 1);
            }}
          >
            <ItemField
              def={def}
              item={question}
              answer={answers[question.id]}
              onAnswer={onAnswer}
              errorFor={errors.messageFor}
              organisations={[]}
              easyRead
            />
            <Button text="Next" />
          </form>
        )}
        {step === questions.length && (
          <>
            <h1 className="govuk-heading-l">Add photos if you want to</h1>
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                No faces please. Do not take photos of people.
              </strong>
            </div>
            <FileUpload
              id={fieldId('photo')}
              name="photo"
              label={{ text: 'Choose a photo', classes: 'govuk-label--s' }}
              hint={{ text: 'A JPEG or PNG picture. Where it was taken is removed.' }}
              attributes={{ accept: 'image/jpeg,image/png' }}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void addPhoto(file);
                event.target.value = '';
              }}
            />
            <p className="govuk-body" role="status">
              {photoMessage}
            </p>
            {photos.length > 0 && (
              <p className="govuk-body">
                {photos.length === 1 ? '1 photo added.' : `${photos.length} photos added.`}
              </p>
            )}
            <Button text="Next" onClick={() => go(step + 1)} />
          </>
        )}
        {step === questions.length + 1 && (
          <>
            <h1 className="govuk-heading-l">Check and send</h1>
            <SummaryList
              rows={questions.map((item, index) => ({
                key: { text: item.easy_read ?? item.label },
                value: {
                  html: (
                    <>
                      {answerText(item, answers[item.id])}{' '}
                      <button
                        type="button"
                        className="app-link-button govuk-!-display-block"
                        onClick={() => go(index)}
                      >
                        Change
                        <span className="govuk-visually-hidden">
                          {' '}
                          {item.easy_read ?? item.label}
                        </span>
                      </button>
                    </>
                  ),
                },
              }))}
            />
            <p className="govuk-body">
              {photos.length === 0
                ? 'No photos.'
                : photos.length === 1
                  ? '1 photo.'
                  : `${photos.length} photos.`}
            </p>
            <Button
              text={waiting ? 'Waiting to send' : 'Send my visit'}
              disabled={waiting}
              onClick={() => void send()}
            />
          </>
        )}
      </div>
    </div>
  );
}
