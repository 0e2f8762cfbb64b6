import { defineFeature } from '../../platform/kernel/feature';
import { linkageProjection } from '../../projections/linkage.projection';
import { LinkageController } from './linkage.controller';
import { LinkageQueries } from './linkage-queries';
import { LINKAGE_POLICIES } from './linkage.policy';

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
  controllers: [LinkageController],
  providers: [LinkageQueries],
});
