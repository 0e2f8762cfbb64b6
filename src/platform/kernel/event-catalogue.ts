import { DomainEvent, EventSchema, RecordedEvent } from '../../events/envelope';

/**
 * Every event type the service writes, composed from the features' declarations. It stamps new
 * events with their current schema version and brings stored ones up to it.
 */
export class EventCatalogue {
  private readonly schemas = new Map<string, EventSchema>();

  constructor(declarations: Iterable<Record<string, EventSchema>>) {
    for (const declaration of declarations) {
      for (const [type, schema] of Object.entries(declaration)) {
        if (this.schemas.has(type)) throw new Error(`Event type ${type} is declared twice`);
        this.schemas.set(type, schema);
      }
    }
  }

  get types(): string[] {
    return [...this.schemas.keys()];
  }

  /** A Map, so built-in property names such as `constructor` are never taken for types. */
  has(type: string): boolean {
    return this.schemas.has(type);
  }

  currentVersion(type: string): number {
    const schema = this.schemas.get(type);
    if (!schema) throw new Error(`Unknown event type ${type}`);
    return schema.current;
  }

  /** Brings a stored event's payload up to its type's current schema version. */
  upcast(event: RecordedEvent): DomainEvent {
    const schema = this.schemas.get(event.type);
    if (!schema) return { type: event.type, data: event.data };
    let data = event.data;
    for (let version = event.schemaVersion; version < schema.current; version++) {
      const step = schema.upcasters[version];
      if (!step) throw new Error(`No upcaster for ${event.type} v${version}`);
      data = step(data);
    }
    return { type: event.type, data };
  }
}
