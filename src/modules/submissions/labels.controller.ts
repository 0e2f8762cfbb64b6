import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ORGANISATION_KIND_LABELS } from '../../events/organisation-events';
import {
  ADOPTION_LABELS,
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  SUBMISSION_CATEGORY_LABELS,
  SUBMISSION_KIND_LABELS,
} from '../../events/submission-events';
import { LINKAGE_FLAG_LABELS } from '../linkage/linkage.sql';
import { LabelsView } from './submission.dto';
import { STATUS_LABELS } from './submission.state';

const LABELS: LabelsView & { linkageFlags: typeof LINKAGE_FLAG_LABELS } = {
  statuses: STATUS_LABELS,
  outcomes: OUTCOME_LABELS,
  adoptions: ADOPTION_LABELS,
  meetingKinds: MEETING_KIND_LABELS,
  categories: SUBMISSION_CATEGORY_LABELS,
  kinds: SUBMISSION_KIND_LABELS,
  organisationKinds: ORGANISATION_KIND_LABELS,
  linkageFlags: LINKAGE_FLAG_LABELS,
};

/** The zh-CN and en names of every value the API returns, so no client keeps its own copy. */
@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/labels')
export class LabelsController {
  @Get()
  @ApiOperation({ summary: 'zh-CN and en labels of every enum value (any signed-in user)' })
  @ApiOkResponse({ type: LabelsView })
  labels(): LabelsView {
    return LABELS;
  }
}
