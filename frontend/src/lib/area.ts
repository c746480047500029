import { useLocation, useParams } from 'react-router-dom';
import { findMembership, useSession } from './session';

/** The local area in the address; AreaPages has checked the person is in it. */
export function useArea() {
  const { tenant = '' } = useParams();
  const membership = findMembership(useSession().data, tenant);

  return { tenant, areaName: membership?.tenant_name ?? tenant };
}

/** A message a page left for the next one after a change (a success banner). */
export function useFlash(): string | undefined {
  const state = useLocation().state as { flash?: unknown } | null;

  return typeof state?.flash === 'string' ? state.flash : undefined;
}
