/** A named period: a school term or a whole academic year. */
export interface Term {
  key: string;
  name: string;
  from: string;
  to: string;
}

/**
 * The terms of the academic years around a date: autumn runs from
 * September to December, spring from January to Easter (to the end of
 * April here), summer from May to August.
 */
export function termsAround(today: Date): Term[] {
  const year = today.getUTCFullYear();
  const out: Term[] = [];
  for (const y of [year - 1, year]) {
    out.push(
      { key: `spring-${y}`, name: `Spring term ${y}`, from: `${y}-01-01`, to: `${y}-04-30` },
      { key: `summer-${y}`, name: `Summer term ${y}`, from: `${y}-05-01`, to: `${y}-08-31` },
      { key: `autumn-${y}`, name: `Autumn term ${y}`, from: `${y}-09-01`, to: `${y}-12-31` },
    );
  }

  return out;
}
