import type { FormErrors } from './forms';
import { ApiError, networkProblem } from './problem';

export interface SaveFailureOptions {
  /** The field a problem without a field of its own is linked to. */
  field: string;
  /** What to tell someone whose change met another's newer one. */
  staleMessage: string;
  /** Reads the record again; a form keyed by its version then shows it. */
  reload: () => Promise<unknown>;
}

/**
 * Shows why saving a change to a record failed. On 412 someone else saved
 * first: the record is read again and the form says so at `field`. Any
 * other problem is shown as the API gave it.
 */
export async function showSaveFailure(
  error: unknown,
  errors: FormErrors,
  { field, staleMessage, reload }: SaveFailureOptions,
): Promise<void> {
  const problem = error instanceof ApiError ? error.problem : networkProblem;
  if (problem.status === 412) {
    await reload();
    errors.show([{ field, message: staleMessage }]);

    return;
  }
  errors.showProblem(problem, field);
}
