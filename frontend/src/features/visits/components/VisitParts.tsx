import { choicesOf } from '../../../lib/instrument/engine';
import type { Answer, Item } from '../../../lib/instrument/types';
import type { Visit } from '../api/visits';

/** An answer in words: a face's easy-read and full label, or the text. */
export function answerText(item: Item, answer: Answer | undefined): string {
  if (answer === undefined || answer === null || answer === '') return 'Not answered';
  if (typeof answer === 'string') {
    const choice = choicesOf(item).find((c) => c.key === answer);
    if (choice) {
      return choice.easy_read && choice.easy_read !== choice.label
        ? `${choice.easy_read} (${choice.label})`
        : choice.label;
    }

    return answer;
  }

  return String(answer);
}

/** Where a visit is, in plain words. */
export function stateText(visit: Visit): string {
  switch (visit.state) {
    case 'draft':
      return 'Not sent yet';
    case 'submitted':
      return 'Sent: your participation officer is checking it';
    case 'approved':
      return 'With the service: waiting for their answer';
    case 'answered':
      return 'The service answered';
  }

  return visit.state;
}

export const overallNames: Record<string, string> = {
  good: 'Good',
  okay: 'Okay',
  needs_work: 'Needs work',
};

export function formatDate(date: string) {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The service's answer ("you said, we did") and its actions. */
export function VisitAnswer({ visit }: { visit: Visit }) {
  if (visit.state !== 'answered') return null;

  return (
    <div className="govuk-inset-text" data-testid="you-said-we-did">
      <h2 className="govuk-heading-m">You said, we did</h2>
      <p className="govuk-body">{visit.answer}</p>
      {visit.actions.length > 0 && (
        <>
          <h3 className="govuk-heading-s">What they will do</h3>
          <ul className="govuk-list govuk-list--bullet">
            {visit.actions.map((a) => (
              <li key={a.id}>
                {a.title}, by {formatDate(a.due_on)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
