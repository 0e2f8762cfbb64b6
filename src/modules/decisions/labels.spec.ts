import { Label } from '../../events/envelope';
import {
  DECISION_KINDS,
  DECISION_KIND_LABELS,
  FOLLOW_UP_KINDS,
  FOLLOW_UP_KIND_LABELS,
  PROPOSAL_ANSWERS,
  PROPOSAL_ANSWER_LABELS,
  PROPOSAL_ROUTES,
} from '../../events/decision-events';
import { LINKED_RECORD_KINDS, LINK_TYPES, LINK_TYPE_LABELS } from '../../events/link-events';
import { LINKED_RECORD_KIND_LABELS, LINK_STATUSES, LINK_STATUS_LABELS } from '../links/link.model';
import { DECISION_STATUSES, DECISION_STATUS_LABELS } from './decision.state';
import { PROPOSAL_ROUTE_LABELS, PROPOSAL_STATUSES, PROPOSAL_STATUS_LABELS } from './proposal.state';

const TABLES: [string, readonly string[], Record<string, Label>][] = [
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

describe('labels of the linkage records', () => {
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
