import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  SummaryList,
  TextInput,
  Textarea,
} from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { parseDefinition, type Answer, type Definition } from '../../../lib/instrument/types';
import { ApiError, networkProblem } from '../../../lib/problem';
import { findMembership, useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';
import {
  photoPath,
  useAnswer,
  useConcern,
  useReview,
  useVisit,
  useVisitInstrument,
  type Visit,
} from '../api/visits';
import { visitPaths } from '../paths';
import { VisitAnswer, answerText, formatDate, overallNames } from './VisitParts';

const stateNames: Record<string, string> = {
  submitted: 'Waiting for review',
  approved: 'Sent to the service',
  answered: 'Answered',
};

/**
 * One visit for officers and managers: the participation officer reviews
 * it (hides parts with a reason, approves it, or raises a safeguarding
 * concern); the service's manager answers it.
 */
export function VisitPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const id = params.visitId ?? '';
  const visit = useVisit(tenant, id);
  const instrument = useVisitInstrument(tenant);
  const roles = findMembership(useSession().data, tenant)?.roles ?? [];
  usePageTitle(visit.data ? `Visit to ${visit.data.place}` : 'Visit');

  if (visit.isError) {
    if (visit.error instanceof ApiError && visit.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }
    throw visit.error;
  }
  if (instrument.isError) throw instrument.error;
  if (!visit.data || !instrument.data) return <p className="govuk-body">Loading the visit…</p>;
  const def = parseDefinition(instrument.data);
  const v = visit.data;
  const officer = roles.includes('participation_officer');
  const answers = roles.includes('service_manager') || roles.includes('qa_lead');

  return (
    <>
      <BackLink href={visitPaths.list(tenant)} text="Site visits" />
      <span className="govuk-caption-l">{stateNames[v.state] ?? v.state}</span>
      <h1 className="govuk-heading-l">Visit to {v.place}</h1>
      {v.safeguarding && (
        <NotificationBanner
          titleText="Safeguarding"
          text="A safeguarding concern was raised from this visit. Only participation officers see it."
        />
      )}
      <VisitSummary tenant={tenant} visit={v} def={def} />
      <VisitAnswer visit={v} />
      {officer && v.state === 'submitted' && (
        <ReviewForm key={v.version} tenant={tenant} visit={v} def={def} />
      )}
      {officer && !v.safeguarding && <ConcernForm tenant={tenant} visit={v} />}
      {answers && v.state === 'approved' && !officer && <AnswerForm tenant={tenant} visit={v} />}
    </>
  );
}

function VisitSummary({ tenant, visit, def }: { tenant: string; visit: Visit; def: Definition }) {
  const hidden = new Map(visit.hidden.map((h) => [h.item, h.reason]));
  const items = def.sections
    .filter((s) => s.id !== 'about_visit')
    .flatMap((s) => s.items)
    .filter((i) => i.kind !== 'evidence');

  return (
    <>
      <SummaryList
        rows={[
          { key: { text: 'Date' }, value: { text: formatDate(visit.visit_date) } },
          { key: { text: 'Service' }, value: { text: visit.organisation_name || 'Not given' } },
          {
            key: { text: 'Who went' },
            value: { text: visit.people.map((p) => p.first_name).join(', ') },
          },
          {
            key: { text: 'Overall' },
            value: { text: overallNames[visit.overall_label ?? ''] ?? 'Not scored' },
          },
        ]}
      />
      <h2 className="govuk-heading-m">What the young people said</h2>
      <SummaryList
        rows={items
          .filter((item) => item.id in visit.answers)
          .map((item) => ({
            key: { text: item.label },
            value: {
              html: (
                <>
                  {answerText(item, visit.answers[item.id] as Answer | undefined)}
                  {hidden.has(item.id) && (
                    <strong className="govuk-!-display-block govuk-body-s">
                      Hidden from the service: {hidden.get(item.id)}
                    </strong>
                  )}
                </>
              ),
            },
          }))}
      />
      {visit.photos.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Photos</h2>
          <ul className="govuk-list">
            {visit.photos.map((p, i) => (
              <li key={p.id}>
                <img
                  src={photoPath(tenant, visit.id, p.id)}
                  alt={`Taken on the visit to ${visit.place}, ${i + 1} of ${visit.photos.length}`}
                  style={{ maxWidth: '100%', height: 'auto' }}
                />
                {p.hidden && (
                  <strong className="govuk-!-display-block govuk-body-s">
                    Hidden from the service
                  </strong>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {visit.review_note && (
        <p className="govuk-body">
          <strong>Review note:</strong> {visit.review_note}
        </p>
      )}
    </>
  );
}

function ReviewForm({ tenant, visit, def }: { tenant: string; visit: Visit; def: Definition }) {
  const review = useReview(tenant, visit.id);
  const errors = useFormErrors();
  const [hide, setHide] = useState<Record<string, string>>(() =>
    Object.fromEntries(visit.hidden.map((h) => [h.item, h.reason])),
  );
  const [hiddenPhotos, setHiddenPhotos] = useState<string[]>(
    visit.photos.filter((p) => p.hidden).map((p) => p.id),
  );
  const [note, setNote] = useState(visit.review_note);
  const hideable = def.sections
    .flatMap((s) => s.items)
    .filter((i) => i.id in visit.answers && i.kind !== 'evidence');

  async function submit(approve: boolean, event?: FormEvent) {
    event?.preventDefault();
    try {
      await review.mutateAsync({
        version: visit.version,
        body: {
          approve,
          note,
          hidden: Object.entries(hide).map(([item, reason]) => ({ item, reason })),
          hidden_photos: hiddenPhotos,
        },
      });
      errors.clear();
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'note');
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(true, event)}>
      <h2 className="govuk-heading-m">Review</h2>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <Checkboxes
        name="hidden"
        idPrefix={fieldId('hidden')}
        fieldset={{
          legend: { text: 'Hide parts from the service', classes: 'govuk-fieldset__legend--s' },
        }}
        hint={{ text: 'Give the reason for each part you hide.' }}
        values={Object.keys(hide)}
        onChange={(event) => {
          const { value, checked } = event.target;
          setHide((previous) => {
            const next = { ...previous };
            if (checked) next[value] = next[value] ?? '';
            else delete next[value];

            return next;
          });
        }}
        items={hideable.map((item) => {
          const index = Object.keys(hide).indexOf(item.id);

          return {
            value: item.id,
            text: item.label,
            conditional: {
              html: (
                <TextInput
                  id={fieldId(`hidden[${index < 0 ? 0 : index}].reason`) + `-${item.id}`}
                  name={`reason-${item.id}`}
                  label={{ text: `Why hide “${item.label}”?` }}
                  value={hide[item.id] ?? ''}
                  errorMessage={
                    index >= 0 ? errors.messageFor(`hidden[${index}].reason`) : undefined
                  }
                  onChange={(event) => setHide({ ...hide, [item.id]: event.target.value })}
                />
              ),
            },
          };
        })}
      />
      {visit.photos.length > 0 && (
        <Checkboxes
          name="hidden_photos"
          idPrefix={fieldId('hidden_photos')}
          fieldset={{
            legend: { text: 'Hide photos from the service', classes: 'govuk-fieldset__legend--s' },
          }}
          values={hiddenPhotos}
          onChange={(event) => {
            const { value, checked } = event.target;
            setHiddenPhotos(
              checked ? [...hiddenPhotos, value] : hiddenPhotos.filter((p) => p !== value),
            );
          }}
          items={visit.photos.map((p, i) => ({ value: p.id, text: `Photo ${i + 1}` }))}
        />
      )}
      <Textarea
        id={fieldId('note')}
        name="note"
        label={{ text: 'Note for participation officers (optional)', classes: 'govuk-label--s' }}
        value={note}
        errorMessage={errors.messageFor('note')}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="govuk-button-group">
        <Button text="Approve and send to the service" disabled={review.isPending} />
        <Button
          type="button"
          classes="govuk-button--secondary"
          text="Save the review"
          disabled={review.isPending}
          onClick={() => void submit(false)}
        />
      </div>
    </form>
  );
}

function ConcernForm({ tenant, visit }: { tenant: string; visit: Visit }) {
  const concern = useConcern(tenant, visit.id);
  const errors = useFormErrors();
  const [note, setNote] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await concern.mutateAsync(note);
      errors.clear();
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'concern');
    }
  }

  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Raise a safeguarding concern</span>
      </summary>
      <div className="govuk-details__text">
        <form noValidate onSubmit={submit}>
          <p className="govuk-body">
            If something in this visit suggests a young person or someone else may be at risk,
            record it here for the council’s safeguarding route and follow your safeguarding
            procedure. The visit is then hidden from the service and everyone but participation
            officers.
          </p>
          <Textarea
            id={fieldId('concern')}
            name="concern"
            label={{ text: 'What worried you', classes: 'govuk-label--s' }}
            value={note}
            errorMessage={errors.messageFor('note') ?? errors.messageFor('concern')}
            onChange={(event) => setNote(event.target.value)}
          />
          <Button
            text="Raise the concern"
            classes="govuk-button--warning"
            disabled={concern.isPending}
          />
        </form>
      </div>
    </details>
  );
}

function AnswerForm({ tenant, visit }: { tenant: string; visit: Visit }) {
  const answer = useAnswer(tenant, visit.id);
  const errors = useFormErrors();
  const [text, setText] = useState('');
  const [action, setAction] = useState('');
  const [due, setDue] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await answer.mutateAsync({
        version: visit.version,
        body: {
          answer: text,
          actions: action.trim() ? [{ title: action.trim(), due_on: due }] : [],
        },
      });
      errors.clear();
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'answer');
    }
  }

  return (
    <form noValidate onSubmit={submit}>
      <h2 className="govuk-heading-m">Answer the young people</h2>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <Textarea
        id={fieldId('answer')}
        name="answer"
        label={{ text: 'You said, we did', classes: 'govuk-label--s' }}
        hint={{ text: 'Say in plain words what you did or will do because of their visit.' }}
        value={text}
        errorMessage={errors.messageFor('answer')}
        onChange={(event) => setText(event.target.value)}
      />
      <TextInput
        id={fieldId('actions[0].title')}
        name="action_title"
        label={{ text: 'An action for your local plan (optional)', classes: 'govuk-label--s' }}
        value={action}
        errorMessage={errors.messageFor('actions[0].title')}
        onChange={(event) => setAction(event.target.value)}
      />
      <TextInput
        id={fieldId('actions[0].due_on')}
        name="action_due_on"
        type="date"
        classes="govuk-input--width-10"
        label={{ text: 'When the action is due', classes: 'govuk-label--s' }}
        value={due}
        errorMessage={errors.messageFor('actions[0].due_on')}
        onChange={(event) => setDue(event.target.value)}
      />
      <Button text="Send the answer" disabled={answer.isPending} />
    </form>
  );
}
