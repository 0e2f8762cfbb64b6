import { Feature } from './feature';
import { FeatureRegistry } from './feature-registry';

const feature = (name: string, labels: Feature['labels']): Feature => ({
  name,
  events: {},
  aggregates: [],
  commands: [],
  projections: [],
  labels,
});

const kinds = { description: 'Kinds', values: { a: { zh: '甲', en: 'A' } } };

describe('Given features declaring label tables', () => {
  it('when their names differ, then the registry holds every table by name', () => {
    const registry = new FeatureRegistry([
      feature('one', { kinds }),
      feature('two', { statuses: kinds }),
      feature('three', undefined),
    ]);
    expect([...registry.labels.keys()]).toEqual(['kinds', 'statuses']);
    expect(registry.labels.get('statuses')).toBe(kinds);
  });

  it('when two features declare the same table, then the registry refuses to start', () => {
    expect(
      () => new FeatureRegistry([feature('one', { kinds }), feature('two', { kinds })]),
    ).toThrow('Label table kinds is declared twice');
  });
});
