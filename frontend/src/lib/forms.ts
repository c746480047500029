import { useCallback, useMemo, useState } from 'react';
import type { ErrorSummaryItem } from '../components/govuk';
import type { ApiProblem, FieldProblem } from './problem';

/**
 * The one convention from an API field path to an HTML id: indexes and
 * dots become hyphens, so `sections[2].items[0].label` is the field with
 * id `sections-2-items-0-label`. Forms give each field this id (and the
 * path as its name), so an error from the API links to its field.
 */
export function fieldId(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '-$1')
    .replace(/[.[\]]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

export interface FormErrors {
  /** Items for ErrorSummary; a new array after each failed submit. */
  summary: ErrorSummaryItem[];
  /** The inline message for a field path, for a wrapper's errorMessage. */
  messageFor: (path: string) => { text: string } | undefined;
  /** Shows the errors of a failed submit. */
  show: (errors: FieldProblem[]) => void;
  /**
   * Shows a problem from the API: its field errors, or else its detail
   * (or title) linked to `fallbackField`.
   */
  showProblem: (problem: ApiProblem, fallbackField?: string) => void;
  clear: () => void;
  hasErrors: boolean;
}

/** Holds a form's validation errors in the shape the GOV.UK pattern needs. */
export function useFormErrors(): FormErrors {
  const [errors, setErrors] = useState<FieldProblem[]>([]);

  const show = useCallback((next: FieldProblem[]) => setErrors([...next]), []);
  const clear = useCallback(() => setErrors([]), []);

  const showProblem = useCallback((problem: ApiProblem, fallbackField?: string) => {
    if (problem.errors && problem.errors.length > 0) {
      setErrors([...problem.errors]);

      return;
    }
    setErrors([
      {
        field: fallbackField ?? '',
        message: problem.detail ?? problem.title,
      },
    ]);
  }, []);

  return useMemo(() => {
    const summary = errors.map((error) => ({
      text: error.message,
      href: error.field ? `#${fieldId(error.field)}` : undefined,
    }));
    // A field with several errors shows the first inline, as GOV.UK does.
    const messageFor = (path: string) => {
      const found = errors.find((error) => error.field === path);

      return found ? { text: found.message } : undefined;
    };

    return {
      summary,
      messageFor,
      show,
      showProblem,
      clear,
      hasErrors: errors.length > 0,
    };
  }, [errors, show, showProblem, clear]);
}
