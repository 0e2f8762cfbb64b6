import { defineFeature } from '../../platform/kernel/feature';
import { linkageProjection } from '../../projections/linkage.projection';
import { LinkageController } from './linkage.controller';
import { LinkageQueries } from './linkage-queries';
import { LINKAGE_POLICIES } from './linkage.policy';
import { LINKAGE_FLAG_LABELS } from './linkage.sql';

/**
 * The linkage view between committee decisions and legislative items: no aggregate and no
 * command of its own, one projection over the other features' events, read "as of" any moment.
 */
export const linkageFeature = defineFeature({
  name: 'linkage',
  events: {},
  aggregates: [],
  commands: [],
  projections: [linkageProjection(LINKAGE_POLICIES)],
  labels: {
    linkageFlags: { description: 'Flags of the linkage view', values: LINKAGE_FLAG_LABELS },
  },
  controllers: [LinkageController],
  providers: [LinkageQueries],
});
