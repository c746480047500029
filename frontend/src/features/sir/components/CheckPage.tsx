import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  FileUpload,
  NotificationBanner,
  Radios,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
} from '../../../components/govuk';
import { Link } from '../../../components/govuk/link';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/title';
import {
  ratingNames,
  useCheck,
  useChecklist,
  useCompleteCheck,
  useSaveCheck,
  useSaveCopy,
  type SirCheck,
  type SirItem,
} from '../api/sir';
import { sirPaths } from '../paths';
import { isProblem } from './access';
import { History } from './History';
import { LetterPanel } from './LetterPanel';

/** One setting's SEN information report check, and then its letter. */
export function CheckPage() {
  const { tenant, areaName } = useArea();
  const checkId = useParams().checkId ?? '';
  const check = useCheck(tenant, checkId);
  const checklist = useChecklist(tenant);
  usePageTitle(`Check of ${check.data?.setting.name ?? 'a report'} – ${areaName}`);
  if (check.error) throw check.error;
  if (checklist.error) throw checklist.error;
  if (!check.data || !checklist.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }

  return (
    <CheckForm
      key={check.data.id}
      tenant={tenant}
      check={check.data}
      items={checklist.data.items}
    />
  );
}

type Ratings = Record<string, { rating: string; comment: string }>;

const today = () => new Date().toISOString().slice(0, 10);

function CheckForm(props: { tenant: string; check: SirCheck; items: SirItem[] }) {
  const { tenant, check, items } = props;
  const errors = useFormErrors();
  const save = useSaveCheck(tenant, check.id);
  const complete = useCompleteCheck(tenant, check.id);
  const [version, setVersion] = useState(check.version);
  const [state, setState] = useState(check.state);
  const [stale, setStale] = useState(check.stale);
  const [message, setMessage] = useState<string>();
  const [fields, setFields] = useState({
    report_url: check.report_url || check.setting.report_url,
    checked_on: check.checked_on ?? today(),
    last_updated: check.last_updated ?? '',
  });
  const [published, setPublished] = useState(
    check.published === null || check.published === undefined ? '' : String(check.published),
  );
  const [ratings, setRatings] = useState<Ratings>(() =>
    Object.fromEntries(
      items.map((it) => [
        it.id,
        {
          rating: check.ratings[it.id]?.rating ?? '',
          comment: check.ratings[it.id]?.comment ?? '',
        },
      ]),
    ),
  );
  const sent = check.letter_state === 'sent';
  const field = (name: keyof typeof fields) => ({
    id: fieldId(name),
    name,
    value: fields[name],
    errorMessage: errors.messageFor(name),
    onChange: (event: { target: { value: string } }) =>
      setFields((f) => ({ ...f, [name]: event.target.value })),
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const finishing =
      (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'complete';
    errors.clear();
    setMessage(undefined);
    try {
      const saved = await save.mutateAsync({
        version,
        body: {
          report_url: fields.report_url,
          checked_on: fields.checked_on,
          last_updated: fields.last_updated,
          published: published === '' ? undefined : published === 'true',
          ratings: Object.fromEntries(
            Object.entries(ratings).filter(([, r]) => r.rating !== '' || r.comment !== ''),
          ) as Record<string, { rating: 'met' | 'partially_met' | 'not_met'; comment: string }>,
        },
      });
      setVersion(saved.version);
      setStale(saved.stale);
      if (!finishing) {
        setMessage('Your check is saved.');

        return;
      }
      const done = await complete.mutateAsync(saved.version);
      setVersion(done.version);
      setState(done.state);
      setMessage('The check is complete. Write the letter to the setting below.');
    } catch (error) {
      if (!isProblem(error)) throw error;
      errors.showProblem(error.problem, 'report_url');
    }
  }

  let section = '';

  return (
    <>
      <BackLink
        href={sirPaths.round(tenant, check.round_id)}
        text={`Back to ${check.round_name}`}
      />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {message && <NotificationBanner type="success" text={message} />}
      <span className="govuk-caption-l">{check.round_name}</span>
      <h1 className="govuk-heading-l">{check.setting.name}</h1>
      <SummaryList
        rows={[
          { key: { text: 'URN' }, value: { text: check.setting.urn } },
          { key: { text: 'Phase' }, value: { text: check.setting.phase } },
          { key: { text: 'Type' }, value: { text: check.setting.setting_type } },
          {
            key: { text: 'SENCO e-mail' },
            value: { html: <span className="app-break-words">{check.setting.senco_email}</span> },
          },
          { key: { text: 'Officer' }, value: { text: check.officer_name } },
          {
            key: { text: 'Status' },
            value: {
              html: (
                <>
                  {state === 'completed' ? 'Completed' : 'To do'}
                  {stale && (
                    <>
                      {' '}
                      <Tag text="Over 12 months old" classes="govuk-tag--orange" />
                    </>
                  )}
                </>
              ),
            },
          },
        ]}
      />
      {!sent && <CopyForm tenant={tenant} check={check} version={version} onSaved={setVersion} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 className="govuk-heading-m">The report</h2>
        <TextInput {...field('report_url')} label={{ text: 'Web address of the report' }} />
        <TextInput
          {...field('checked_on')}
          classes="govuk-input--width-10"
          label={{ text: 'Date of the check' }}
          hint={{ text: 'As year, month and day, for example 2026-11-04' }}
        />
        <Radios
          idPrefix={fieldId('published')}
          name="published"
          classes="govuk-radios--inline"
          fieldset={{ legend: { text: 'Is the report published on the setting’s website?' } }}
          errorMessage={errors.messageFor('published')}
          value={published}
          items={[
            { value: 'true', text: 'Yes' },
            { value: 'false', text: 'No' },
          ]}
          onChange={(event) => setPublished(event.target.value)}
        />
        <TextInput
          {...field('last_updated')}
          classes="govuk-input--width-10"
          label={{ text: 'Date the report says it was last updated' }}
          hint={{
            text: 'A report last updated more than 12 months before the check is flagged',
          }}
        />
        {items.map((it) => {
          const heading = it.section !== section ? it.section : undefined;
          section = it.section;
          const r = ratings[it.id] ?? { rating: '', comment: '' };
          const set = (change: Partial<typeof r>) =>
            setRatings((all) => ({ ...all, [it.id]: { ...r, ...change } }));

          return (
            <div key={it.id}>
              {heading && <h2 className="govuk-heading-m">{heading}</h2>}
              <Radios
                idPrefix={fieldId(`ratings.${it.id}.rating`)}
                name={`ratings.${it.id}.rating`}
                classes="govuk-radios--inline govuk-radios--small"
                fieldset={{ legend: { text: it.label, classes: 'govuk-fieldset__legend--s' } }}
                hint={it.guidance ? { text: it.guidance } : undefined}
                errorMessage={errors.messageFor(`ratings.${it.id}.rating`)}
                value={r.rating}
                items={Object.entries(ratingNames).map(([value, text]) => ({ value, text }))}
                onChange={(event) => set({ rating: event.target.value })}
              />
              {(r.rating === 'partially_met' || r.rating === 'not_met' || r.comment !== '') && (
                <Textarea
                  id={fieldId(`ratings.${it.id}.comment`)}
                  name={`ratings.${it.id}.comment`}
                  rows={2}
                  label={{ text: `What is missing: ${it.label}`, classes: 'govuk-visually-hidden' }}
                  hint={{ text: 'What is missing, in words the setting can act on' }}
                  errorMessage={errors.messageFor(`ratings.${it.id}.comment`)}
                  value={r.comment}
                  onChange={(event) => set({ comment: event.target.value })}
                />
              )}
            </div>
          );
        })}
        {!sent && (
          <div className="govuk-button-group">
            <Button
              type="submit"
              text={state === 'completed' ? 'Save changes' : 'Save and complete the check'}
              attributes={{ value: 'complete' }}
              disabled={save.isPending || complete.isPending}
            />
            {state !== 'completed' && (
              <Button
                type="submit"
                text="Save and come back later"
                classes="govuk-button--secondary"
                attributes={{ value: 'save' }}
                disabled={save.isPending}
              />
            )}
          </div>
        )}
      </form>
      {state === 'completed' && <LetterPanel tenant={tenant} checkId={check.id} />}
      <History tenant={tenant} settingId={check.setting.id} checkId={check.id} />
      <p className="govuk-body">
        <Link href={sirPaths.round(tenant, check.round_id)}>Back to the round</Link>
      </p>
    </>
  );
}

function CopyForm(props: {
  tenant: string;
  check: SirCheck;
  version: number;
  onSaved: (version: number) => void;
}) {
  const save = useSaveCopy(props.tenant, props.check.id);
  const errors = useFormErrors();
  const [file, setFile] = useState<File>();
  const [copy, setCopy] = useState(props.check.copy);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!file) {
      errors.show([{ field: 'copy', message: 'Select the PDF or saved web page of the report' }]);

      return;
    }
    try {
      const saved = await save.mutateAsync({ file, version: props.version });
      props.onSaved(saved.version);
      setCopy(saved.copy);
    } catch (error) {
      if (!isProblem(error)) throw error;
      errors.showProblem(error.problem, 'copy');
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 className="govuk-heading-m">A copy of the report</h2>
      <p className="govuk-body">
        Reports change: keep a copy as it was on the day of the check.{' '}
        {copy ? (
          <>
            Kept:{' '}
            <a
              className="govuk-link"
              href={`/api/v1/t/${encodeURIComponent(props.tenant)}/sir-checks/${encodeURIComponent(props.check.id)}/copy`}
            >
              {copy.file_name || 'the copy'}
            </a>
            .
          </>
        ) : (
          'No copy is kept yet.'
        )}
      </p>
      <FileUpload
        id={fieldId('copy')}
        name="copy"
        label={{ text: 'Upload a PDF or a saved web page (HTML)', classes: 'govuk-label--s' }}
        errorMessage={errors.messageFor('copy') ?? errors.messageFor('file')}
        attributes={{ accept: '.pdf,.html,.htm,application/pdf,text/html' }}
        onChange={(event) => setFile(event.target.files?.[0])}
      />
      <Button
        type="submit"
        text="Keep this copy"
        classes="govuk-button--secondary"
        disabled={save.isPending}
      />
    </form>
  );
}
