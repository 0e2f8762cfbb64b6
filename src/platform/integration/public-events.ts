import { IntegrationFacts, IntegrationMapping } from '../kernel/feature';

/** `value` without the keys that hold free text, at any depth. */
function withoutText(value: unknown, textKeys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutText(v, textKeys));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !textKeys.has(key))
        .map(([key, v]) => [key, withoutText(v, textKeys)]),
    );
  }
  return value;
}

/**
 * The public events of an aggregate whose events say what happened to it without its text: for
 * each internal type, `<aggregate>.<public name>.v1` carrying the aggregate's reference facts
 * (`ref`), who acted, and the internal payload without the keys that hold free text.
 */
export function textlessEvents<State>(
  aggregate: string,
  types: Readonly<Record<string, string>>,
  ref: (state: State) => object,
  textKeys: ReadonlySet<string>,
): Record<string, IntegrationMapping<State>> {
  const mapping = (name: string): IntegrationMapping<State> => ({
    type: `${aggregate}.${name}.v1`,
    data: (data: object, facts: IntegrationFacts<State>) => ({
      ...ref(facts.state),
      actedBy: facts.actedBy,
      ...(withoutText(data, textKeys) as object),
    }),
  });
  return Object.fromEntries(Object.entries(types).map(([type, name]) => [type, mapping(name)]));
}
