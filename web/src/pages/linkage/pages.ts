/** The linkage workspaces, one lazily loaded chunk (see routes.tsx). */
export { DecisionsPage } from './Decisions';
export { DecisionPage } from './Decision';
export { ItemsPage } from './Items';
export { ItemPage } from './Item';
export { ProposalsPage, ProposalPage } from './Proposals';
export { PlansPage, PlanPage } from './Plans';
export { LinkagePage } from './Linkage';
export { LinkageDecisionPage, LinkageItemPage } from './LinkageDetail';
