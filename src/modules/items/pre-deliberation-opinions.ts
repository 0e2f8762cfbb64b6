/**
 * Which `pre_deliberation` submissions about an item were sent to the committee and have no
 * opinion yet: while there is one, the item cannot be put on the agenda for the vote.
 *
 * The submissions feature answers it from its read model (`SubmissionPreDeliberationOpinions`,
 * bound in `items.feature.ts`).
 */
export abstract class PreDeliberationOpinions {
  abstract pendingFor(itemId: string): Promise<string[]>;
}
