import { v5 as uuidV5 } from 'uuid';

/** The namespace of Legislink's name-based ids (a fixed random UUID; never change it). */
export const LEGISLINK_NAMESPACE = '5b0f8a52-4c1e-4f0e-9f5d-2f8e6a7c3d41';

/**
 * A UUID derived from a name (UUID v5): the same name always gives the same id, so a second
 * record with the same natural key lands on the first one's stream and is refused there.
 */
export function nameBasedId(name: string): string {
  return uuidV5(name, LEGISLINK_NAMESPACE);
}
