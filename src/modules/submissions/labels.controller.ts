import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  ASSESSMENT_JUDGMENT_LABELS,
  DIVERGENCE_STEP_LABELS,
  INQUIRY_CONCLUSION_LABELS,
  ITEM_KIND_LABELS,
  ITEM_STAGE_LABELS,
} from '../../events/item-events';
import { PLAN_KIND_LABELS } from '../../events/plan-events';
import {
  DECISION_KIND_LABELS,
  FOLLOW_UP_KIND_LABELS,
  PROPOSAL_ANSWER_LABELS,
} from '../../events/decision-events';
import { LINK_TYPE_LABELS } from '../../events/link-events';
import { ORGANISATION_KIND_LABELS } from '../../events/organisation-events';
import {
  ADOPTION_LABELS,
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  SUBMISSION_CATEGORY_LABELS,
  SUBMISSION_KIND_LABELS,
} from '../../events/submission-events';
import { DECISION_STATUS_LABELS } from '../decisions/decision.state';
import { PROPOSAL_ROUTE_LABELS, PROPOSAL_STATUS_LABELS } from '../decisions/proposal.state';
import { LINKED_RECORD_KIND_LABELS, LINK_STATUS_LABELS } from '../links/link.model';
import { LINKAGE_FLAG_LABELS } from '../linkage/linkage.sql';
import { LabelView, LabelsView } from './submission.dto';
import { STATUS_LABELS } from './submission.state';

/** value → label, for one enum. */
const labelTable = (description: string) =>
  ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(LabelView) },
    description,
  });

/** The labels of submissions and of the linkage records (decisions, proposals, links, items, plans, assessments). */
export class AllLabelsView extends LabelsView {
  @labelTable('Kinds of legislative item') itemKinds!: Record<string, LabelView>;
  @labelTable('Stages of a legislative item') itemStages!: Record<string, LabelView>;
  @labelTable('Steps settling a divergence') divergenceSteps!: Record<string, LabelView>;
  @labelTable('Conclusions of a post-legislation inquiry') inquiryConclusions!: Record<
    string,
    LabelView
  >;
  @labelTable('Judgments on an assessment') assessmentJudgments!: Record<string, LabelView>;
  @labelTable('Kinds of legislative plan') planKinds!: Record<string, LabelView>;
  @labelTable('Committee decision kinds') decisionKinds!: Record<string, LabelView>;
  @labelTable('Legislative follow-up a decision needs') followUpKinds!: Record<string, LabelView>;
  @labelTable('Committee decision statuses') decisionStatuses!: Record<string, LabelView>;
  @labelTable('Committee proposal statuses') proposalStatuses!: Record<string, LabelView>;
  @labelTable('Committee proposal routes') proposalRoutes!: Record<string, LabelView>;
  @labelTable('Answers to a committee proposal') proposalAnswers!: Record<string, LabelView>;
  @labelTable('Link types') linkTypes!: Record<string, LabelView>;
  @labelTable('Link statuses') linkStatuses!: Record<string, LabelView>;
  @labelTable('Kinds of linked record') linkedRecordKinds!: Record<string, LabelView>;
  @labelTable('Flags of the linkage view') linkageFlags!: Record<string, LabelView>;
}

const LABELS: AllLabelsView = {
  statuses: STATUS_LABELS,
  outcomes: OUTCOME_LABELS,
  adoptions: ADOPTION_LABELS,
  meetingKinds: MEETING_KIND_LABELS,
  categories: SUBMISSION_CATEGORY_LABELS,
  kinds: SUBMISSION_KIND_LABELS,
  organisationKinds: ORGANISATION_KIND_LABELS,
  itemKinds: ITEM_KIND_LABELS,
  itemStages: ITEM_STAGE_LABELS,
  divergenceSteps: DIVERGENCE_STEP_LABELS,
  inquiryConclusions: INQUIRY_CONCLUSION_LABELS,
  assessmentJudgments: ASSESSMENT_JUDGMENT_LABELS,
  planKinds: PLAN_KIND_LABELS,
  decisionKinds: DECISION_KIND_LABELS,
  followUpKinds: FOLLOW_UP_KIND_LABELS,
  decisionStatuses: DECISION_STATUS_LABELS,
  proposalStatuses: PROPOSAL_STATUS_LABELS,
  proposalRoutes: PROPOSAL_ROUTE_LABELS,
  proposalAnswers: PROPOSAL_ANSWER_LABELS,
  linkTypes: LINK_TYPE_LABELS,
  linkStatuses: LINK_STATUS_LABELS,
  linkedRecordKinds: LINKED_RECORD_KIND_LABELS,
  linkageFlags: LINKAGE_FLAG_LABELS,
};

/** The zh-CN and en names of every value the API returns, so no client keeps its own copy. */
@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/labels')
export class LabelsController {
  @Get()
  @ApiOperation({ summary: 'zh-CN and en labels of every enum value (any signed-in user)' })
  @ApiOkResponse({ type: AllLabelsView })
  labels(): AllLabelsView {
    return LABELS;
  }
}
