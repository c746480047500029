/** One invalid field: `field` is a path into the request body. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An RFC 9457 problem, as every API error is written, after toProblem
 * has checked it (an error body may come from a proxy, not the API).
 */
export interface ApiProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

/** Thrown by query and mutation functions so callers see one error type. */
export class ApiError extends Error {
  readonly problem: ApiProblem;

  constructor(problem: ApiProblem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status() {
    return this.problem.status;
  }
}

function isProblem(value: unknown): value is ApiProblem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;

  return typeof candidate.title === 'string' && typeof candidate.status === 'number';
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;

  return typeof candidate.field === 'string' && typeof candidate.message === 'string';
}

/**
 * Reads an error body into a problem. Anything that is not one (a proxy's
 * HTML page, an empty body) becomes a problem from the status alone, so
 * callers never branch on the body's shape.
 */
export function toProblem(body: unknown, response: Response): ApiProblem {
  if (isProblem(body)) {
    const errors = Array.isArray(body.errors) ? body.errors.filter(isFieldProblem) : undefined;

    return {
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: body.title,
      status: body.status,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      errors,
    };
  }

  return {
    type: 'about:blank',
    title: response.statusText || 'The request failed',
    status: response.status,
  };
}

/** The problem for a request that got no answer at all. */
export const networkProblem: ApiProblem = {
  type: 'about:blank',
  title: 'sendqa could not be reached',
  status: 0,
  detail: 'Check your connection and try again.',
};
