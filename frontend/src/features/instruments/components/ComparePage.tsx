import { useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Select, Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useInstrument } from '../api/instrument';
import { useComparison, type Comparison } from '../api/writing';
import { instrumentPath } from './paths';

const changeNames: Record<string, string> = {
  added: 'Added',
  removed: 'Removed',
  relabelled: 'Reworded',
  moved: 'Moved to another section',
  retyped: 'Kind of answer changed',
};

/**
 * How two versions of an instrument differ, question by question. Items
 * keep their reference across versions, so a reworded question shows as
 * reworded rather than as one removed and another added.
 */
export function ComparePage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const key = params.key ?? '';
  const [search, setSearch] = useSearchParams();
  const from = Number(search.get('from') ?? 0);
  const to = Number(search.get('to') ?? 0);
  const instrument = useInstrument(tenant, key);
  const comparison = useComparison(tenant, key, from, to);
  const numbers = (instrument.data?.versions ?? []).map((version) => version.number);
  const [choice, setChoice] = useState({ from: String(from || ''), to: String(to || '') });
  const title = instrument.data ? `Compare versions of ${instrument.data.title}` : 'Compare';
  usePageTitle(title, { error: comparison.isError });

  const onCompare = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ from: choice.from, to: choice.to });
  };
  const versionItems = (chosen: string) => [
    { value: '', text: 'Choose a version', selected: chosen === '' },
    ...[...numbers].reverse().map((n) => ({
      value: String(n),
      text: `Version ${n}`,
      selected: chosen === String(n),
    })),
  ];

  return (
    <>
      <BackLink href={instrumentPath(tenant, key)} text={instrument.data?.title ?? 'Instrument'} />
      {comparison.isError && (
        <ErrorSummary
          errorList={[
            {
              text:
                comparison.error instanceof ApiError
                  ? (comparison.error.problem.errors?.[0]?.message ?? comparison.error.message)
                  : comparison.error.message,
              href: '#from',
            },
          ]}
        />
      )}
      <h1 className="govuk-heading-l">{title}</h1>
      <form onSubmit={onCompare} noValidate className="govuk-!-margin-bottom-6">
        <Select
          id="from"
          name="from"
          label={{ text: 'Older version' }}
          items={versionItems(choice.from)}
          value={choice.from}
          onChange={(event) => setChoice({ ...choice, from: event.target.value })}
        />
        <Select
          id="to"
          name="to"
          label={{ text: 'Newer version' }}
          items={versionItems(choice.to)}
          value={choice.to}
          onChange={(event) => setChoice({ ...choice, to: event.target.value })}
        />
        <Button type="submit" text="Compare" />
      </form>
      {comparison.data && <Changes comparison={comparison.data} />}
    </>
  );
}

function Changes({ comparison }: { comparison: Comparison }) {
  const heading = `Changes from version ${comparison.from} to version ${comparison.to}`;

  if (comparison.changes.length === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">{heading}</h2>
        <p className="govuk-body">The questions are the same in both versions.</p>
      </>
    );
  }

  return (
    <ScrollRegion label={heading}>
      <Table
        caption={heading}
        captionClasses="govuk-table__caption--m"
        head={[{ text: 'Question' }, { text: 'Change' }, { text: 'Before' }, { text: 'After' }]}
        rows={comparison.changes.map((change) => [
          { text: change.item },
          { text: changeNames[change.kind] ?? change.kind },
          { text: change.from || '–' },
          { text: change.to || '–' },
        ])}
      />
    </ScrollRegion>
  );
}
