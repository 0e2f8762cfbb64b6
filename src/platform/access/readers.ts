import { ActorContext } from './actor';

/**
 * Read permission as data. A feature's read policy names, for each record, the principals that
 * may read it and why; projections store them in the `readers` table and every query joins it,
 * while commands check the same principals on the loaded state. A caller reads a record when one
 * of its own principals is among the record's readers.
 */
export type Principal = string;

/** Why a principal reads a record: lists are views by reason (inbox, outbox, shared with me). */
export type ReadReason = string;

export interface Reader {
  principal: Principal;
  reason: ReadReason;
}

export const principal = {
  /** Every signed-in caller. */
  anyone: (): Principal => 'anyone',
  /** Any caller acting for the organisation. */
  organisation: (organisationId: string): Principal => `org:${organisationId}`,
  /** Any caller acting for an organisation of `kind` that belongs to `parentId`. */
  partOf: (parentId: string, kind: string): Principal => `part:${parentId}:${kind}`,
  /** One user, wherever they act from. */
  user: (userId: string): Principal => `user:${userId}`,
};

/** Everything the caller is, as principals. */
export function principalsOf(actor: ActorContext): Principal[] {
  const organisation = actor.organisation;
  const own = [
    principal.anyone(),
    principal.user(actor.userId),
    principal.organisation(organisation.organisationId),
  ];
  // A body is part of what it belongs to, and of the Party group it reports through.
  const bodies = new Set(
    [organisation.parentOrganisationId, organisation.reportsThrough].filter(
      (id): id is string => !!id,
    ),
  );
  return [...own, ...[...bodies].map((id) => principal.partOf(id, organisation.kind))];
}

export function mayRead(actor: ActorContext, readers: readonly Reader[]): boolean {
  const own = new Set(principalsOf(actor));
  return readers.some((reader) => own.has(reader.principal));
}

/** A record type's read policy: who reads a record, from the facts that decide it. */
export interface ReadPolicy<Facts> {
  /** The `record_type` of the readers table. */
  recordType: string;
  readers(facts: Facts): Reader[];
}
