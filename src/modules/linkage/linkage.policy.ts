/**
 * Who reads what in the linkage view, stated once: the projection writes these readers for
 * every decision and item row, and every list, detail and export selects through them.
 * They are the principals the decision and item aggregates name for their own records.
 */
import { ReadPolicy } from '../../platform/access/readers';
import { PROPOSAL_READ_POLICY } from '../decisions/decision.policy';
import { committeeReaders, legislatureReaders } from '../organisations/sides';
import { ProposalReaders } from '../../projections/proposals.projection';
import {
  DecisionReadership,
  ItemReadership,
  LinkagePolicies,
} from '../../projections/linkage.projection';

/** Why a reader reads a record of the view. */
export const LINKAGE_READ_REASONS = { committee: 'committee', legislature: 'legislature' } as const;

const committee = (committeeId: string) =>
  committeeReaders(committeeId, LINKAGE_READ_REASONS.committee);
const legislature = (legislatureId: string) =>
  legislatureReaders(legislatureId, LINKAGE_READ_REASONS.legislature);

/** A decision: its committee and the committee's office; once transmitted, the legislature too. */
export const LINKAGE_DECISION_POLICY: ReadPolicy<DecisionReadership> = {
  recordType: 'linkage_decision',
  readers: (d) => [
    ...committee(d.committeeId),
    ...(d.legislatureId ? legislature(d.legislatureId) : []),
  ],
};

/** An item: the legislature whose item it is and the committee that oversees it. */
export const LINKAGE_ITEM_POLICY: ReadPolicy<ItemReadership> = {
  recordType: 'linkage_item',
  readers: (i) => [...legislature(i.legislatureId), ...committee(i.committeeId)],
};

/** A committee-initiated proposal: whoever reads the proposal itself (its committee and receivers). */
export const LINKAGE_PROPOSAL_POLICY: ReadPolicy<ProposalReaders> = {
  recordType: 'linkage_proposal',
  readers: PROPOSAL_READ_POLICY.readers,
};

export const LINKAGE_POLICIES: LinkagePolicies = {
  decision: LINKAGE_DECISION_POLICY,
  item: LINKAGE_ITEM_POLICY,
  proposal: LINKAGE_PROPOSAL_POLICY,
};
