import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  NotificationBanner,
  Radios,
  SummaryList,
  Table,
  Tag,
  Textarea,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea, useFlash } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/title';
import { labelText, useAgree, useComparison, type Comparison } from '../api/moderation';
import { answerText } from './answers';
import { moderationPaths } from '../paths';
import { fieldOf } from './access';

/** Both audits side by side, disagreements marked, and the agreed result. */
export function ComparisonPage() {
  const { tenant, areaName } = useArea();
  const { moderationId = '' } = useParams();
  const flash = useFlash();
  const comparison = useComparison(tenant, moderationId);
  const localId = comparison.data?.moderation.local_id ?? 'a plan';
  usePageTitle(`Comparison of ${localId} – ${areaName}`);
  if (comparison.error) throw comparison.error;
  if (!comparison.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const { moderation, items, disagreements } = comparison.data;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <BackLink href={moderationPaths.list(tenant)} text="Back to moderation" />
      <span className="govuk-caption-l">{moderation.round_name}</span>
      <h1 className="govuk-heading-l">Comparison of {moderation.local_id}</h1>
      <SummaryList
        rows={[
          {
            key: { text: 'First audit' },
            value: {
              text: `${labelText(moderation.first_result?.overall.label)} by ${moderation.first_auditor_name ?? ''}`,
            },
          },
          {
            key: { text: 'Moderation' },
            value: {
              text: `${labelText(moderation.result?.overall.label)} by ${moderation.moderator_name}`,
            },
          },
          {
            key: { text: 'Answers that differ' },
            value: { text: String(disagreements) },
          },
          ...(moderation.agreed_label
            ? [
                {
                  key: { text: 'Agreed result' },
                  value: { text: labelText(moderation.agreed_label) },
                },
                { key: { text: 'Discussion' }, value: { text: moderation.discussion } },
              ]
            : []),
        ]}
      />
      <h2 className="govuk-heading-m">Item by item</h2>
      <ScrollRegion label="The two audits item by item">
        <Table
          caption="The first audit and the moderation, item by item"
          captionClasses="govuk-visually-hidden"
          head={[
            { text: 'Question' },
            { text: 'First audit' },
            { text: 'Moderation' },
            { text: 'Agree?' },
          ]}
          rows={items.map((item) => [
            { text: `${item.section_title}: ${item.label}` },
            { text: answerText(item.first) },
            { text: answerText(item.second) },
            {
              html: item.differs ? (
                <Tag text="Differs" classes="govuk-tag--red" />
              ) : (
                <Tag text="Same" classes="govuk-tag--green" />
              ),
            },
          ])}
        />
      </ScrollRegion>
      {moderation.state === 'submitted' && (
        <AgreeForm tenant={tenant} comparison={comparison.data} />
      )}
    </>
  );
}

function AgreeForm({ tenant, comparison }: { tenant: string; comparison: Comparison }) {
  const agree = useAgree(tenant, comparison.moderation.id);
  const errors = useFormErrors();
  const [label, setLabel] = useState('');
  const [discussion, setDiscussion] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    try {
      await agree.mutateAsync({ label, discussion, version: comparison.moderation.version });
    } catch (error) {
      if (!fieldOf(error)) throw error;
      errors.showProblem(error.problem, 'agreed_label');
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">Record the agreed result</h2>
      <Radios
        idPrefix={fieldId('agreed_label')}
        name="agreed_label"
        fieldset={{ legend: { text: 'Agreed result', classes: 'govuk-fieldset__legend--s' } }}
        value={label}
        errorMessage={errors.messageFor('agreed_label')}
        onChange={(event) => setLabel(event.target.value)}
        items={comparison.labels.map((l) => ({ value: l, text: labelText(l) }))}
      />
      <Textarea
        id={fieldId('discussion')}
        name="discussion"
        label={{ text: 'What the auditors discussed', classes: 'govuk-label--s' }}
        hint={{ text: 'The reasons for the agreed result; the two audits stay as they are' }}
        value={discussion}
        errorMessage={errors.messageFor('discussion')}
        onChange={(event) => setDiscussion(event.target.value)}
      />
      <Button type="submit" text="Record the agreed result" disabled={agree.isPending} />
    </form>
  );
}
