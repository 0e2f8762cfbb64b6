import { EventCatalogue } from './event-catalogue';
import {
  AggregateDefinition,
  AnyCommand,
  Feature,
  IntegrationDeclaration,
  IntegrationMapping,
  LabelTable,
} from './feature';
import { Projection } from './projection';
import { logCalendarProjection } from './log-calendar.projection';

export interface PublicEvent {
  declaration: IntegrationDeclaration<unknown>;
  mapping: IntegrationMapping<unknown>;
}

function unique<T>(items: T[], key: (item: T) => string, what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) throw new Error(`${what} ${k} is declared twice`);
    map.set(k, item);
  }
  return map;
}

/**
 * The features the application is composed of, as the platform uses them: one catalogue of
 * events, every command by name, every projection, every public event. Built once at start-up;
 * a duplicate name anywhere stops the start.
 */
export class FeatureRegistry {
  readonly catalogue: EventCatalogue;
  readonly commands: ReadonlyMap<string, AnyCommand>;
  readonly projections: readonly Projection[];
  readonly aggregates: ReadonlyMap<string, AggregateDefinition>;
  /** By internal event type. */
  readonly publicEvents: ReadonlyMap<string, PublicEvent>;
  /** By internal event type: the facts other features derive from it (derived declarations). */
  readonly derivedEvents: ReadonlyMap<string, readonly PublicEvent[]>;
  readonly topics: readonly string[];
  /** Every feature's label tables, by name. */
  readonly labels: ReadonlyMap<string, LabelTable>;

  constructor(readonly features: readonly Feature[]) {
    unique([...features], (f) => f.name, 'Feature');
    this.catalogue = new EventCatalogue(features.map((f) => f.events));
    this.commands = unique(
      features.flatMap((f) => f.commands),
      (c) => c.name,
      'Command',
    );
    unique([...this.commands.values()], (c) => `POST /api/${c.path}`, 'Route');
    this.projections = [
      ...unique(
        [logCalendarProjection(this.catalogue.types), ...features.flatMap((f) => f.projections)],
        (p) => p.name,
        'Projection',
      ).values(),
    ];
    this.aggregates = unique(
      features.flatMap((f) => f.aggregates as unknown as AggregateDefinition[]),
      (a) => a.name,
      'Aggregate',
    );
    const all = features.flatMap((f) => f.integration ?? []);
    const declarations = all.filter((d) => !d.derived);
    // One declaration of an aggregate's own events per topic; derived facts may join any topic.
    unique(declarations, (d) => d.topic, 'Topic');
    this.topics = [...new Set(all.map((d) => d.topic))];
    const derived = new Map<string, PublicEvent[]>();
    for (const declaration of all.filter((d) => d.derived)) {
      for (const [type, mapping] of Object.entries(declaration.events)) {
        derived.set(type, [...(derived.get(type) ?? []), { declaration, mapping }]);
      }
    }
    this.derivedEvents = derived;
    this.publicEvents = unique(
      declarations.flatMap((declaration) =>
        Object.entries(declaration.events).map(([type, mapping]) => ({
          type,
          declaration,
          mapping,
        })),
      ),
      (e) => e.type,
      'Public event for',
    );
    this.labels = new Map(
      unique(
        features.flatMap((f) => Object.entries(f.labels ?? {})),
        ([name]) => name,
        'Label table',
      ).values(),
    );
    for (const type of this.catalogue.types) {
      if (!this.publicEvents.has(type)) throw new Error(`Event type ${type} has no public event`);
    }
  }

  /** The aggregate a stream belongs to, and its id: `submission-<id>`. */
  aggregateOf(streamId: string): { aggregate: AggregateDefinition; id: string } | null {
    const dash = streamId.indexOf('-');
    const aggregate = dash > 0 ? this.aggregates.get(streamId.slice(0, dash)) : undefined;
    return aggregate ? { aggregate, id: streamId.slice(dash + 1) } : null;
  }
}
