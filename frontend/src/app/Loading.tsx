/** What shows while a page's data or code is on its way. */
export function Loading() {
  return (
    <p className="govuk-body" role="status">
      Loading…
    </p>
  );
}
