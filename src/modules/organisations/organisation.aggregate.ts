import { ReadPolicy, principal } from '../../platform/access/readers';
import { defineAggregate } from '../../platform/kernel/feature';
import { organisationDecider } from './organisation.decider';

/** Organisations are a directory every signed-in caller may read. */
export const ORGANISATION_READ_POLICY: ReadPolicy<unknown> = {
  recordType: 'organisation',
  readers: () => [{ principal: principal.anyone(), reason: 'directory' }],
};

export const organisationAggregate = defineAggregate({
  name: 'organisation',
  idField: 'organisationId',
  decider: organisationDecider,
  exists: (state) => state.registered,
  status: (state) => (state.registered ? 'registered' : 'none'),
  readers: (state) => ORGANISATION_READ_POLICY.readers(state),
  location: (id) => `/api/organisations/${id}`,
  reads: ['organisations'],
});
