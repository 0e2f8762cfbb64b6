import { defineFeature } from '../../platform/kernel/feature';
import { dashboardsProjection } from '../../projections/dashboards.projection';
import { DashboardQueries } from './dashboard-queries';
import { DashboardsController } from './dashboards.controller';
import {
  ADMINISTRATIVE_LEVEL_LABELS,
  DASHBOARD_BUCKET_LABELS,
  DASHBOARD_MEASURE_LABELS,
  DASHBOARD_STATE_LABELS,
} from './dashboards.labels';
import { DASHBOARD_POLICY } from './dashboards.policy';

/**
 * The post-legislation assessment dashboards: no aggregate and no command of their own, one
 * projection of counters over the other features' events, read live or "as of" (the moment is
 * resolved like the linkage view's, whose query class it shares).
 */
export const dashboardsFeature = defineFeature({
  name: 'dashboards',
  events: {},
  aggregates: [],
  commands: [],
  projections: [dashboardsProjection(DASHBOARD_POLICY)],
  labels: {
    administrativeLevels: {
      description: 'Administrative levels',
      values: ADMINISTRATIVE_LEVEL_LABELS,
    },
    dashboardBuckets: {
      description: 'Buckets of the dashboards (days early, late, overdue; lag)',
      values: DASHBOARD_BUCKET_LABELS,
    },
    dashboardMeasures: {
      description: 'What a dashboard bucket measures',
      values: DASHBOARD_MEASURE_LABELS,
    },
    dashboardStates: {
      description: 'States counted by the dashboards',
      values: DASHBOARD_STATE_LABELS,
    },
  },
  controllers: [DashboardsController],
  providers: [DashboardQueries],
});
