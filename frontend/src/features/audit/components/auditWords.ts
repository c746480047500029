/** What the trail's record kinds are called on screen. */
export const entityLabels: Record<string, string> = {
  organisation: 'Organisation',
  membership: 'Membership',
  invitation: 'Invitation',
  instrument_version: 'Instrument version',
  instrument_share: 'Instrument share',
  instrument_use: 'Instrument in use',
  subject: 'Child or young person',
  subject_import: 'Import of children and young people',
};

export const actionLabels: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  view: 'Viewed',
  export: 'Exported',
};

export function entityLabel(entity: string) {
  return entityLabels[entity] ?? entity;
}

export function actionLabel(action: string) {
  return actionLabels[action] ?? action;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (typeof value === 'string') return value;

  return JSON.stringify(value);
}

/**
 * The fields an event changed, as "field: before → after" lines; a
 * created record lists its fields as saved.
 */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();

  return names
    .filter((name) => JSON.stringify(before?.[name]) !== JSON.stringify(after?.[name]))
    .map((name) =>
      before && name in before
        ? `${name}: ${show(before[name])} → ${show(after?.[name])}`
        : `${name}: ${show(after?.[name])}`,
    );
}
