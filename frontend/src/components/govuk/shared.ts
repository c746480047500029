import type { ReactNode } from 'react';

/**
 * Extra HTML attributes, as the macros' `attributes` parameter. Event
 * handlers have their own typed props on the components that need them.
 */
export type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * The macros take either `text` (escaped) or `html` (trusted markup). In
 * React, `html` takes nodes instead of a string, so no wrapper ever sets
 * innerHTML; `text` wins when both are given, as `html` does in Nunjucks
 * the other way round only because markup cannot be escaped there.
 */
export interface TextOrHtml {
  text?: string;
  html?: ReactNode;
}

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

/** Renders `text` or `html`, whichever is set. */
export function content(value: TextOrHtml | undefined): ReactNode {
  if (!value) return null;

  return value.text ?? value.html ?? null;
}

/** Joins ids for aria-describedby, leaving it off when there are none. */
export function describedBy(...ids: Array<string | false | undefined>) {
  const joined = ids.filter(Boolean).join(' ');

  return joined === '' ? undefined : joined;
}

/**
 * Drops unset keys, so that a component's config keeps the library's
 * defaults instead of overriding them with `undefined`.
 */
export function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
