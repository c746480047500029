import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Radios,
  SummaryList,
  TextInput,
  Textarea,
} from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { fieldId } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/title';
import {
  byTheme,
  decisionText,
  formatDate,
  ratingText,
  standardStateText,
  stateText,
  useAudit,
  useOfficer,
  type Challenge,
  type ProviderAudit,
  type Standard,
} from '../api/providers';
import { providerPaths } from '../paths';
import { useManage } from './RegisterPage';
import { Files, RatingTag, useAction } from './shared';

type Officer = ReturnType<typeof useOfficer>;

/** A council officer's view of one audit: rate, ask for more, answer, decide, share. */
export function OfficerAuditPage() {
  const { tenant, areaName } = useArea();
  const { auditId = '' } = useParams();
  const audit = useAudit(tenant, auditId);
  const officer = useOfficer(tenant, auditId);
  const manage = useManage();
  usePageTitle(`Audit of ${audit.data?.provider_name ?? 'a provider'} – ${areaName}`);
  if (audit.error) throw audit.error;
  if (!audit.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const a = audit.data;
  const open = a.state !== 'decided';

  return (
    <>
      <BackLink href={providerPaths.provider(tenant, a.provider_id)} text="Back to the provider" />
      <span className="govuk-caption-l">{a.provider_name}</span>
      <h1 className="govuk-heading-l">Quality standards audit</h1>
      <SummaryList
        rows={[
          { key: { text: 'Status' }, value: { text: stateText[a.state] } },
          { key: { text: 'Evidence due' }, value: { text: formatDate(a.evidence_due_on) } },
          ...(a.state === 'decided'
            ? [
                {
                  key: { text: 'Overall rating' },
                  value: { html: <RatingTag rating={a.overall} /> },
                },
                { key: { text: 'Decision' }, value: { text: decisionText[a.decision] ?? '' } },
                ...(a.conditions
                  ? [{ key: { text: 'Conditions' }, value: { text: a.conditions } }]
                  : []),
                { key: { text: 'Review date' }, value: { text: formatDate(a.review_on) } },
              ]
            : []),
        ]}
      />
      {manage && a.extension_until && <ExtensionGrant audit={a} officer={officer} />}
      {byTheme(a.standards).map(([theme, standards]) => (
        <section key={theme} aria-label={theme}>
          <h2 className="govuk-heading-m">{theme}</h2>
          {standards.map((s) => (
            <StandardBlock
              key={s.key}
              tenant={tenant}
              audit={a}
              standard={s}
              officer={officer}
              manage={manage && open}
            />
          ))}
        </section>
      ))}
      <Challenges audit={a} officer={officer} manage={manage} />
      {manage && <VisitForm audit={a} officer={officer} />}
      {manage && a.state === 'submitted' && <DecisionForm audit={a} officer={officer} />}
      {manage && a.state === 'decided' && <ShareForm audit={a} officer={officer} />}
    </>
  );
}

function ExtensionGrant({ audit, officer }: { audit: ProviderAudit; officer: Officer }) {
  const { errors, run } = useAction('extension.', 'grant');

  return (
    <div className="govuk-inset-text">
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <p className="govuk-body">
        The provider asks for more time, until {formatDate(audit.extension_until)}:{' '}
        {audit.extension_reason}
      </p>
      <Button
        id={fieldId('extension.grant')}
        text="Grant more time"
        classes="govuk-button--secondary"
        onClick={() => void run(() => officer.extension.mutateAsync({ version: audit.version }))}
      />
    </div>
  );
}

function StandardBlock(props: {
  tenant: string;
  audit: ProviderAudit;
  standard: Standard;
  officer: Officer;
  manage: boolean;
}) {
  const { standard: s, audit } = props;
  const rateable = props.manage && (s.state === 'submitted' || s.state === 'rated');

  return (
    <section aria-labelledby={`standard-${s.key}`} className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-s" id={`standard-${s.key}`}>
        {s.title}
      </h3>
      <p className="govuk-body">
        {standardStateText[s.state]} · <RatingTag rating={s.rating} />
      </p>
      {s.guidance && <p className="govuk-hint">{s.guidance}</p>}
      <h4 className="govuk-heading-s">The provider’s statement</h4>
      <p className="govuk-body">{s.statement || 'No statement yet.'}</p>
      <Files
        files={s.evidence}
        href={(file) => providerPaths.councilEvidence(props.tenant, audit.id, file)}
      />
      {s.more_request && s.state !== 'rated' && (
        <p className="govuk-body">More evidence asked for: {s.more_request}</p>
      )}
      {rateable && <RatingForm standard={s} officer={props.officer} />}
      {rateable && audit.state === 'submitted' && (
        <MoreForm audit={audit} standard={s} officer={props.officer} />
      )}
    </section>
  );
}

function RatingForm({ standard: s, officer }: { standard: Standard; officer: Officer }) {
  const prefix = `standards.${s.key}.`;
  const { errors, run } = useAction(prefix, 'rating');
  const [rating, setRating] = useState<string>(s.rating ?? '');
  const [feedback, setFeedback] = useState(s.feedback);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() => officer.rate.mutateAsync({ key: s.key, version: s.version, rating, feedback }));
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <Radios
        idPrefix={fieldId(`${prefix}rating`)}
        name={`${prefix}rating`}
        classes="govuk-radios--inline"
        fieldset={{
          legend: { text: `Rating of ${s.title}`, classes: 'govuk-fieldset__legend--s' },
        }}
        errorMessage={errors.messageFor(`${prefix}rating`)}
        value={rating}
        items={Object.entries(ratingText).map(([value, text]) => ({ value, text }))}
        onChange={(event) => setRating(event.target.value)}
      />
      <Textarea
        id={fieldId(`${prefix}feedback`)}
        name={`${prefix}feedback`}
        rows={3}
        label={{ text: `Feedback on ${s.title}`, classes: 'govuk-label--s' }}
        value={feedback}
        errorMessage={errors.messageFor(`${prefix}feedback`)}
        onChange={(event) => setFeedback(event.target.value)}
      />
      <Button
        type="submit"
        text={`Save the rating of ${s.title}`}
        disabled={officer.rate.isPending}
      />
    </form>
  );
}

function MoreForm(props: { audit: ProviderAudit; standard: Standard; officer: Officer }) {
  const s = props.standard;
  const prefix = `more.${s.key}.`;
  const { errors, run } = useAction(prefix, 'request');
  const [request, setRequest] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() =>
      props.officer.more.mutateAsync({ version: props.audit.version, key: s.key, request }),
    );
  }

  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Ask for more evidence on {s.title}</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <Textarea
            id={fieldId(`${prefix}request`)}
            name={`${prefix}request`}
            rows={3}
            label={{ text: `What more is needed for ${s.title}`, classes: 'govuk-label--s' }}
            value={request}
            errorMessage={errors.messageFor(`${prefix}request`)}
            onChange={(event) => setRequest(event.target.value)}
          />
          <Button
            type="submit"
            text={`Ask for more on ${s.title}`}
            classes="govuk-button--secondary"
            disabled={props.officer.more.isPending}
          />
        </form>
      </div>
    </details>
  );
}

function Challenges(props: { audit: ProviderAudit; officer: Officer; manage: boolean }) {
  const titles = new Map(props.audit.standards.map((s) => [s.key, s.title]));
  if (props.audit.challenges.length === 0) return null;

  return (
    <section aria-labelledby="challenges">
      <h2 className="govuk-heading-m" id="challenges">
        Challenges
      </h2>
      {props.audit.challenges.map((c) => (
        <div key={c.id} className="govuk-inset-text">
          <p className="govuk-body">
            <strong>{titles.get(c.standard_key)}</strong> rated {ratingText[c.rating]}: {c.reasons}
          </p>
          {c.answered_at ? (
            <p className="govuk-body">
              {c.outcome === 'upheld' ? `Upheld, now ${ratingText[c.new_rating]}` : 'Not upheld'}:{' '}
              {c.answer}
            </p>
          ) : (
            props.manage && (
              <AnswerForm challenge={c} title={titles.get(c.standard_key) ?? ''} {...props} />
            )
          )}
        </div>
      ))}
    </section>
  );
}

function AnswerForm(props: { challenge: Challenge; title: string; officer: Officer }) {
  const c = props.challenge;
  const prefix = `challenges.${c.id}.`;
  const { errors, run } = useAction(prefix, 'answer');
  const [fields, setFields] = useState({ outcome: '', answer: '', new_rating: '' });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() =>
      props.officer.answer.mutateAsync({ challenge: c.id, version: c.version, ...fields }),
    );
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <Radios
        idPrefix={fieldId(`${prefix}outcome`)}
        name={`${prefix}outcome`}
        fieldset={{
          legend: {
            text: `Your answer to the challenge of ${props.title}`,
            classes: 'govuk-fieldset__legend--s',
          },
        }}
        errorMessage={errors.messageFor(`${prefix}outcome`)}
        value={fields.outcome}
        items={[
          { value: 'not_upheld', text: 'Not upheld: the rating stands' },
          { value: 'upheld', text: 'Upheld: change the rating' },
        ]}
        onChange={(event) => setFields({ ...fields, outcome: event.target.value })}
      />
      {fields.outcome === 'upheld' && (
        <Radios
          idPrefix={fieldId(`${prefix}new_rating`)}
          name={`${prefix}new_rating`}
          classes="govuk-radios--inline"
          fieldset={{ legend: { text: 'New rating', classes: 'govuk-fieldset__legend--s' } }}
          errorMessage={errors.messageFor(`${prefix}new_rating`)}
          value={fields.new_rating}
          items={Object.entries(ratingText).map(([value, text]) => ({ value, text }))}
          onChange={(event) => setFields({ ...fields, new_rating: event.target.value })}
        />
      )}
      <Textarea
        id={fieldId(`${prefix}answer`)}
        name={`${prefix}answer`}
        rows={3}
        label={{ text: 'Your reasons', classes: 'govuk-label--s' }}
        value={fields.answer}
        errorMessage={errors.messageFor(`${prefix}answer`)}
        onChange={(event) => setFields({ ...fields, answer: event.target.value })}
      />
      <Button type="submit" text="Send the answer" disabled={props.officer.answer.isPending} />
    </form>
  );
}

function VisitForm({ audit, officer }: { audit: ProviderAudit; officer: Officer }) {
  const { errors, run } = useAction('', 'visit_notes');
  const [on, setOn] = useState(audit.visit_on ?? '');
  const [notes, setNotes] = useState(audit.visit_notes);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(
      await run(() =>
        officer.visit.mutateAsync({ version: audit.version, visit_on: on, visit_notes: notes }),
      ),
    );
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">Site visit</h2>
      {saved && (
        <div className="govuk-inset-text" role="status">
          The visit notes are saved.
        </div>
      )}
      <TextInput
        id={fieldId('visit_on')}
        name="visit_on"
        classes="govuk-input--width-10"
        label={{ text: 'Date of the visit', classes: 'govuk-label--s' }}
        hint={{ text: 'As year, month and day, for example 2026-11-20' }}
        value={on}
        errorMessage={errors.messageFor('visit_on')}
        onChange={(event) => setOn(event.target.value)}
      />
      <Textarea
        id={fieldId('visit_notes')}
        name="visit_notes"
        label={{ text: 'Notes of the visit', classes: 'govuk-label--s' }}
        hint={{ text: 'Only the council sees these' }}
        value={notes}
        errorMessage={errors.messageFor('visit_notes')}
        onChange={(event) => setNotes(event.target.value)}
      />
      <Button type="submit" text="Save the visit notes" classes="govuk-button--secondary" />
    </form>
  );
}

function DecisionForm({ audit, officer }: { audit: ProviderAudit; officer: Officer }) {
  const { errors, run } = useAction('', 'decision');
  const [fields, setFields] = useState({ decision: '', conditions: '', review_on: '' });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() =>
      officer.decide.mutateAsync({
        version: audit.version,
        decision: fields.decision as 'approved',
        conditions: fields.conditions,
        review_on: fields.review_on,
      }),
    );
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">Decision</h2>
      <p className="govuk-body">
        The overall rating follows the instrument’s rule: red when any standard is red.
      </p>
      <Radios
        idPrefix={fieldId('decision')}
        name="decision"
        fieldset={{ legend: { text: 'Decision', classes: 'govuk-fieldset__legend--s' } }}
        errorMessage={errors.messageFor('decision')}
        value={fields.decision}
        items={Object.entries(decisionText).map(([value, text]) => ({ value, text }))}
        onChange={(event) => setFields({ ...fields, decision: event.target.value })}
      />
      <Textarea
        id={fieldId('conditions')}
        name="conditions"
        rows={3}
        label={{ text: 'Conditions (when approved with conditions)', classes: 'govuk-label--s' }}
        value={fields.conditions}
        errorMessage={errors.messageFor('conditions')}
        onChange={(event) => setFields({ ...fields, conditions: event.target.value })}
      />
      <TextInput
        id={fieldId('review_on')}
        name="review_on"
        classes="govuk-input--width-10"
        label={{ text: 'Review date', classes: 'govuk-label--s' }}
        hint={{ text: 'As year, month and day, for example 2027-11-30' }}
        value={fields.review_on}
        errorMessage={errors.messageFor('review_on')}
        onChange={(event) => setFields({ ...fields, review_on: event.target.value })}
      />
      <Button type="submit" text="Record the decision" disabled={officer.decide.isPending} />
    </form>
  );
}

function ShareForm({ audit, officer }: { audit: ProviderAudit; officer: Officer }) {
  const { errors, run } = useAction('share.', 'button');
  const share = audit.shares.find((s) => !s.withdrawn_at);

  return (
    <section aria-labelledby="sharing">
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m" id="sharing">
        Sharing with the region
      </h2>
      {share ? (
        <>
          <p className="govuk-body" role="status">
            Shared with the region on {formatDate(share.shared_at)}. The other councils see the
            rating, its date and the feedback on each standard.
          </p>
          <Button
            id={fieldId('share.button')}
            text="Withdraw the share"
            classes="govuk-button--warning"
            onClick={() =>
              void run(() =>
                officer.withdraw.mutateAsync({ share: share.id, version: audit.version }),
              )
            }
          />
        </>
      ) : (
        <>
          <p className="govuk-body">
            Nothing is shared until you share it. The other councils of the region then see the
            rating, its date and the feedback on each standard, never the statements or files.
          </p>
          <Button
            id={fieldId('share.button')}
            text="Share the result with the region"
            onClick={() => void run(() => officer.share.mutateAsync())}
          />
        </>
      )}
    </section>
  );
}
