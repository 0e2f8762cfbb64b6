import { DEADLINE_EVENT_LABELS } from './deadline-events';
import { Label } from './envelope';
import {
  ORGANISATION_KINDS,
  ORGANISATION_KIND_LABELS,
  OUTREACH_TIERS,
  OUTREACH_TIER_LABELS,
} from './organisation-events';
import {
  CONSULTATION_SUBJECTS,
  CONSULTATION_SUBJECT_LABELS,
  DISPOSITION_OUTCOMES,
  DISPOSITION_OUTCOME_LABELS,
  OPINION_CHANNELS,
  OPINION_CHANNEL_LABELS,
  TELL_BACK_MEANS,
  TELL_BACK_MEANS_LABELS,
} from './consultation-events';
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
} from './submission-events';
import { LISTED_STATUSES, STATUS_LABELS } from '../modules/submissions/submission.state';

const TABLES: [string, readonly string[], Record<string, Label>][] = [
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
];

describe('labels', () => {
  it.each(TABLES)(
    'every one of the %s has a zh-CN and an en label, and nothing else does',
    (_name, values, labels) => {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const value of values) {
        expect(labels[value].zh).toMatch(/\p{Script=Han}/u);
        expect(labels[value].en).toMatch(/^[A-Z]/);
      }
    },
  );
});
