import type { FieldProblem } from '../../../lib/problem';

// How each part of a path reads on screen. The API's messages are
// fragments ("must be 1 or more"), so the summary names the field first.
const partNames: Record<string, string> = {
  sections: 'section',
  items: 'question',
  options: 'answer',
  thresholds: 'threshold',
  clauses: 'counting rule',
  all: 'condition',
  any: 'condition',
  completed_by: 'who completes it',
};

const fieldNames: Record<string, string> = {
  key: 'reference',
  id: 'reference',
  applies_when: 'condition',
  rule_version: 'version of the scoring rule',
  overall: 'overall result',
  easy_read: 'easy-read wording',
  personal_kind: 'personal data asked for',
  legal_reference: 'law that sets it',
  at_least: 'at least how many',
  min: 'from',
  poor_labels: 'results that count as poor',
  follow_up: 'follow-up',
  op: 'comparison',
  item: 'question',
  value: 'value',
};

/** `sections[0].items[2].label` as "Section 1, question 3, label". */
export function describePath(path: string): string {
  if (!path) return 'The definition';
  const words = path.split('.').map((part) => {
    const indexed = /^([a-z_]+)\[(\d+)\]$/.exec(part);
    if (indexed) {
      const [, name = '', index = '0'] = indexed;

      return `${partNames[name] ?? name.replace(/_/g, ' ')} ${Number(index) + 1}`;
    }

    return fieldNames[part] ?? part.replace(/_/g, ' ');
  });
  const text = words.join(', ');

  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Problems from the API as the error summary says them. */
export function describeProblems(problems: FieldProblem[]): FieldProblem[] {
  return problems.map((problem) => ({
    field: problem.field,
    message: `${describePath(problem.field)}: ${problem.message}`,
  }));
}
