import { useState } from 'react';
import { Button, ErrorSummary, SummaryList } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import {
  useGenerateLetter,
  useLetter,
  useLetterStep,
  type SirFindingList,
  type SirLetter,
} from '../api/sir';
import { sirPaths } from '../paths';
import { isProblem } from './access';

/** A completed check's letter: written, read by the officer, then sent to the SENCO. */
export function LetterPanel({ tenant, checkId }: { tenant: string; checkId: string }) {
  const letter = useLetter(tenant, checkId, true);
  const generate = useGenerateLetter(tenant, checkId);
  const review = useLetterStep(tenant, checkId, 'review');
  const send = useLetterStep(tenant, checkId, 'send');
  const errors = useFormErrors();
  const [current, setCurrent] = useState<SirLetter>();
  if (letter.error) throw letter.error;
  const l = current ?? letter.data ?? undefined;

  async function run(step: () => Promise<SirLetter>) {
    errors.clear();
    try {
      setCurrent(await step());
    } catch (error) {
      if (!isProblem(error)) throw error;
      errors.showProblem(error.problem, 'letter');
    }
  }

  return (
    <section aria-labelledby="letter-heading">
      <h2 className="govuk-heading-m" id="letter-heading">
        Letter to the setting
      </h2>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {letter.isPending && !current ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : !l ? (
        <>
          <p className="govuk-body">
            The letter says what the report meets, what is missing and what to do by when, from the
            check as you completed it.
          </p>
          <Button
            type="button"
            text="Write the letter"
            disabled={generate.isPending}
            onClick={() => void run(() => generate.mutateAsync())}
          />
        </>
      ) : (
        <>
          <SummaryList
            rows={[
              {
                key: { text: 'Status' },
                value: {
                  html: (
                    <span className="app-break-words">
                      {l.state === 'sent'
                        ? `Sent to ${l.sent_to}`
                        : l.state === 'reviewed'
                          ? 'Read and ready to send'
                          : 'Drafted: read it before sending'}
                    </span>
                  ),
                },
              },
              { key: { text: 'Not met' }, value: { text: names(l.not_met) } },
              { key: { text: 'Partially met' }, value: { text: names(l.partially_met) } },
              { key: { text: 'Met' }, value: { text: `${l.met.length} items` } },
              { key: { text: 'Reply by' }, value: { text: l.respond_by } },
            ]}
          />
          <p className="govuk-body">
            <a className="govuk-link" href={sirPaths.letterPdf(tenant, checkId)}>
              Download the letter (PDF)
            </a>
          </p>
          {l.state === 'draft' && (
            <div className="govuk-button-group">
              <Button
                type="button"
                text="I have read the letter"
                disabled={review.isPending}
                onClick={() => void run(() => review.mutateAsync(l.version))}
              />
              <Button
                type="button"
                text="Write it again from the check"
                classes="govuk-button--secondary"
                disabled={generate.isPending}
                onClick={() => void run(() => generate.mutateAsync())}
              />
            </div>
          )}
          {l.state === 'reviewed' && (
            <div className="govuk-button-group">
              <Button
                type="button"
                text="Send the letter to the SENCO"
                disabled={send.isPending}
                onClick={() => void run(() => send.mutateAsync(l.version))}
              />
              <Button
                type="button"
                text="Write it again from the check"
                classes="govuk-button--secondary"
                disabled={generate.isPending}
                onClick={() => void run(() => generate.mutateAsync())}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function names(list: SirFindingList) {
  return list.length === 0 ? 'None' : list.map((f) => f.label).join('; ');
}
