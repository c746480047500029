import { Link, Tag } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import type { ApiProblem } from '../../../lib/problem';
import { ratingText, type ProviderEvidence } from '../api/providers';

/** Whether an error is the API's problem, which a form shows. */
export function isProblem(error: unknown): error is { problem: ApiProblem } {
  return typeof error === 'object' && error !== null && 'problem' in error;
}

/**
 * A form's errors, with the API's field paths put under `prefix` so that
 * several forms on one page keep distinct field ids.
 */
export function useAction(prefix: string, fallback: string) {
  const errors = useFormErrors();
  const run = async (fn: () => Promise<unknown>) => {
    errors.clear();
    try {
      await fn();

      return true;
    } catch (error) {
      if (!isProblem(error)) throw error;
      const found = error.problem.errors ?? [];
      errors.show(
        found.length > 0
          ? found.map((e) => ({ ...e, field: `${prefix}${e.field}` }))
          : [
              {
                field: `${prefix}${fallback}`,
                message: error.problem.detail ?? error.problem.title,
              },
            ],
      );

      return false;
    }
  };

  return { errors, run };
}

const ragClasses: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
};

/** A Red, Amber or Green rating as a tag, in words as well as colour. */
export function RatingTag({ rating }: { rating?: string | null }) {
  if (!rating) return <>Not rated</>;

  return <Tag text={ratingText[rating] ?? rating} classes={ragClasses[rating]} />;
}

/** The files of a standard, each downloadable once scanned clean. */
export function Files({
  files,
  href,
}: {
  files: ProviderEvidence[];
  href: (id: string) => string;
}) {
  if (files.length === 0) return <p className="govuk-body">No files yet.</p>;

  return (
    <ul className="govuk-list govuk-list--bullet" aria-label="Files attached">
      {files.map((f) => (
        <li key={f.id}>
          {f.scan_state === 'clean' ? (
            <Link href={href(f.id)} download>
              {f.file_name}
            </Link>
          ) : (
            `${f.file_name} (waiting for the virus scan)`
          )}
        </li>
      ))}
    </ul>
  );
}
