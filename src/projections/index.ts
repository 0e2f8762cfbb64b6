import { organisationsProjection } from './organisations.projection';
import { Projection } from '../platform/projections/projection';
import { submissionsProjection } from './submissions.projection';

/** Every projection the service runs, in the order they are rebuilt. */
export const ALL_PROJECTIONS: Projection[] = [organisationsProjection, submissionsProjection];
