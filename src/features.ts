import { consultationsFeature } from './modules/consultations/consultations.feature';
import { deadlinesFeature } from './modules/deadlines/deadlines.feature';
import { itemsFeature } from './modules/items/items.feature';
import { dashboardsFeature } from './modules/dashboards/dashboards.feature';
import { decisionsFeature } from './modules/decisions/decisions.feature';
import { linksFeature } from './modules/links/links.feature';
import { linkageFeature } from './modules/linkage/linkage.feature';
import { organisationsFeature } from './modules/organisations/organisations.feature';
import { plansFeature } from './modules/plans/plans.feature';
import { notificationsFeature } from './modules/notifications/notifications.feature';
import { searchFeature } from './modules/search/search.feature';
import { submissionsFeature } from './modules/submissions/submissions.feature';
import { Feature } from './platform/kernel/feature';

/** The features this application is made of: adding one is its files and one line here. */
export const FEATURES: readonly Feature[] = [
  organisationsFeature,
  submissionsFeature,
  itemsFeature,
  plansFeature,
  decisionsFeature,
  linksFeature,
  linkageFeature,
  searchFeature,
  notificationsFeature,
  deadlinesFeature,
  consultationsFeature,
  dashboardsFeature,
];
