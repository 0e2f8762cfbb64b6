/**
 * Who sees what in the dashboards, stated once.
 *
 * - **Who may open them**: an analyst (立法后评估), and the committee office, legislature and
 *   Party-group roles; an administrator alone may not (403). The role opens the page; it does
 *   not widen what is counted.
 * - **What is counted for a caller**: a record counts exactly when the caller's organisation
 *   reads it through the sides of the record's own read policy: the Party Committee and its
 *   office, and the legislature-side body (the submitting Party group, or the item's
 *   legislature) with its special committees. So an analyst of a committee office sees the
 *   figures of that committee's submissions, items and decisions; an analyst of another
 *   organisation sees none of them. A decision's flow and lag count for the legislature only
 *   once the decision was transmitted to it, and a decision–item pair counts only for a side that
 *   reads both (so across levels, for nobody). Grants of a single record to a user or an
 *   organisation let them read that record, not count it in statistics.
 */
import { Role } from '../../events/envelope';
import { ActorContext } from '../../platform/access/actor';
import { ForbiddenError } from '../../platform/kernel/domain-errors';
import { DashboardPolicy } from '../../projections/dashboards.projection';
import { committeeReaders, legislatureReaders } from '../organisations/sides';

export const DASHBOARD_READ_REASONS = {
  committee: 'committee',
  legislature: 'legislature',
} as const;

export const DASHBOARD_POLICY: DashboardPolicy = {
  recordType: 'dashboard_scope',
  readers: (scope) => [
    ...(scope.committeeId
      ? committeeReaders(scope.committeeId, DASHBOARD_READ_REASONS.committee)
      : []),
    ...(scope.bodyId ? legislatureReaders(scope.bodyId, DASHBOARD_READ_REASONS.legislature) : []),
  ],
};

export const DASHBOARD_ROLES: readonly Role[] = [
  'analyst',
  'committee_office',
  'legislature',
  'party_group',
];

export function checkMayOpenDashboards(actor: ActorContext): void {
  if (!DASHBOARD_ROLES.some((role) => actor.roles.includes(role))) {
    throw new ForbiddenError(`Only ${DASHBOARD_ROLES.join(', ')} may open the dashboards`, {
      requiredRoles: DASHBOARD_ROLES,
    });
  }
}
