import { defineFeature } from '../../platform/kernel/feature';
import { searchProjection } from '../../projections/search.projection';
import { SearchController } from './search.controller';
import { SEARCH_KIND_LABELS } from './search.dto';

/**
 * Search across submissions, committee decisions and legislative items (Chinese included):
 * an FTS5 trigram index kept by its projection, queried through the owners' readers rows.
 */
export const searchFeature = defineFeature({
  name: 'search',
  events: {},
  aggregates: [],
  commands: [],
  projections: [searchProjection()],
  labels: {
    searchKinds: { description: 'Kinds of record search finds', values: SEARCH_KIND_LABELS },
  },
  controllers: [SearchController],
});
