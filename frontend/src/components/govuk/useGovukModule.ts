import { useEffect, useRef } from 'react';
import { isSupported } from 'govuk-frontend';

/** The shape shared by GOV.UK Frontend's component classes. */
export interface GovukComponentClass {
  new ($root: Element, config?: object): unknown;
  moduleName: string;
}

/**
 * Starts a GOV.UK Frontend component on the element the returned ref is
 * attached to, once, after React has put it in the page. The library marks
 * a started element with `data-<module>-init` and refuses a second start,
 * which React's development double effects would otherwise trigger.
 *
 * The components have no teardown: their listeners live on the element and
 * go when React removes it.
 */
export function useGovukModule<T extends HTMLElement>(
  Component: GovukComponentClass,
  config?: object,
) {
  const ref = useRef<T>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element || !isSupported()) return;
    if (element.hasAttribute(`data-${Component.moduleName}-init`)) return;

    try {
      new Component(element, config);
    } catch (error) {
      // Without its script a component still works as plain HTML, so a
      // failed start is worth a console line, not a broken page.
      console.error(`${Component.moduleName} did not start`, error);
    }
    // The components read their config once, at start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [Component]);

  return ref;
}
