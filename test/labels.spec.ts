import { DEADLINE_EVENT_LABELS } from '../src/events/deadline-events';
import { Label } from '../src/events/envelope';
import {
  CONSULTATION_SUBJECTS,
  CONSULTATION_SUBJECT_LABELS,
  DISPOSITION_OUTCOMES,
  DISPOSITION_OUTCOME_LABELS,
  OPINION_CHANNELS,
  OPINION_CHANNEL_LABELS,
  TELL_BACK_MEANS,
  TELL_BACK_MEANS_LABELS,
} from '../src/events/consultation-events';
import {
  DECISION_KINDS,
  DECISION_KIND_LABELS,
  FOLLOW_UP_KINDS,
  FOLLOW_UP_KIND_LABELS,
  PROPOSAL_ANSWERS,
  PROPOSAL_ANSWER_LABELS,
  PROPOSAL_ROUTES,
} from '../src/events/decision-events';
import { LINKED_RECORD_KINDS, LINK_TYPES, LINK_TYPE_LABELS } from '../src/events/link-events';
import {
  ORGANISATION_KINDS,
  ORGANISATION_KIND_LABELS,
  OUTREACH_TIERS,
  OUTREACH_TIER_LABELS,
} from '../src/events/organisation-events';
import {
  ADOPTIONS,
  ADOPTION_LABELS,
  CLASSIFICATIONS,
  CLASSIFICATION_LABELS,
  COMMITTEE_MEETING_KINDS,
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  PARTY_GROUP_MEETING_KINDS,
  REPORT_OUTCOMES,
  REQUEST_OUTCOMES,
  SUBMISSION_CATEGORIES,
  SUBMISSION_CATEGORY_LABELS,
  SUBMISSION_KINDS,
  SUBMISSION_KIND_LABELS,
} from '../src/events/submission-events';
import { DECISION_STATUSES, DECISION_STATUS_LABELS } from '../src/modules/decisions/decision.state';
import {
  PROPOSAL_ROUTE_LABELS,
  PROPOSAL_STATUSES,
  PROPOSAL_STATUS_LABELS,
} from '../src/modules/decisions/proposal.state';
import {
  LINKED_RECORD_KIND_LABELS,
  LINK_STATUSES,
  LINK_STATUS_LABELS,
} from '../src/modules/links/link.model';
import { LISTED_STATUSES, STATUS_LABELS } from '../src/modules/submissions/submission.state';
import { FEATURES } from '../src/features';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';

/** Enumerations whose labels must cover exactly their values (some are subsets of a type). */
const ENUMERATIONS: [string, readonly string[], Record<string, Label>][] = [
  ['statuses', LISTED_STATUSES, STATUS_LABELS],
  ['outcomes', [...REQUEST_OUTCOMES, ...REPORT_OUTCOMES], OUTCOME_LABELS],
  ['adoptions', ADOPTIONS, ADOPTION_LABELS],
  [
    'meeting kinds',
    [...PARTY_GROUP_MEETING_KINDS, ...COMMITTEE_MEETING_KINDS],
    MEETING_KIND_LABELS,
  ],
  ['categories', SUBMISSION_CATEGORIES, SUBMISSION_CATEGORY_LABELS],
  ['kinds', SUBMISSION_KINDS, SUBMISSION_KIND_LABELS],
  ['classifications', CLASSIFICATIONS, CLASSIFICATION_LABELS],
  ['organisation kinds', ORGANISATION_KINDS, ORGANISATION_KIND_LABELS],
  ['outreach tiers', OUTREACH_TIERS, OUTREACH_TIER_LABELS],
  ['consultation subjects', CONSULTATION_SUBJECTS, CONSULTATION_SUBJECT_LABELS],
  ['opinion channels', OPINION_CHANNELS, OPINION_CHANNEL_LABELS],
  ['disposition outcomes', DISPOSITION_OUTCOMES, DISPOSITION_OUTCOME_LABELS],
  ['telling-back means', TELL_BACK_MEANS, TELL_BACK_MEANS_LABELS],
  ['deadline facts', ['DeadlineApproached', 'DeadlinePassed'], DEADLINE_EVENT_LABELS],
  ['decision kinds', DECISION_KINDS, DECISION_KIND_LABELS],
  ['follow-up kinds', FOLLOW_UP_KINDS, FOLLOW_UP_KIND_LABELS],
  ['decision statuses', DECISION_STATUSES, DECISION_STATUS_LABELS],
  ['proposal statuses', PROPOSAL_STATUSES, PROPOSAL_STATUS_LABELS],
  ['proposal routes', PROPOSAL_ROUTES, PROPOSAL_ROUTE_LABELS],
  ['proposal answers', PROPOSAL_ANSWERS, PROPOSAL_ANSWER_LABELS],
  ['link types', LINK_TYPES, LINK_TYPE_LABELS],
  ['link statuses', LINK_STATUSES, LINK_STATUS_LABELS],
  ['linked record kinds', LINKED_RECORD_KINDS, LINKED_RECORD_KIND_LABELS],
];

const properLabel = (label: Label) => {
  expect(label.zh).toMatch(/\p{Script=Han}/u);
  expect(label.en).toMatch(/^[A-Z0-9]/);
};

describe('labels', () => {
  it.each(ENUMERATIONS)(
    'every one of the %s has a label, and nothing else does',
    (_n, values, labels) => {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
    },
  );

  it.each([...new FeatureRegistry(FEATURES).labels])(
    'every label the service serves in table %s has a zh-CN and an en text',
    (_name, table) => {
      expect(Object.keys(table.values).length).toBeGreaterThan(0);
      Object.values(table.values).forEach(properLabel);
    },
  );
});
