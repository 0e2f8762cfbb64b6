import SwaggerParser from '@apidevtools/swagger-parser';
import { TestApp, startTestApp } from './support/test-app';

type Schema = Record<string, unknown>;
type Operation = {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};

/** Every schema that is a bare `object`: nothing says what it holds (properties, a ref, …). */
function bareObjects(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object') return [];
  const schema = value as Schema;
  const described = ['properties', 'additionalProperties', '$ref', 'allOf', 'oneOf', 'anyOf'];
  const own = schema.type === 'object' && !described.some((key) => key in schema) ? [path] : [];
  return [
    ...own,
    ...Object.entries(schema).flatMap(([key, child]) => bareObjects(child, `${path}/${key}`)),
  ];
}

describe('Given the OpenAPI document at /api/docs-json', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; components: Schema };
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method} ${path}`, op })),
    );

  it('when a real OpenAPI validator reads it, then it is valid', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('when any operation is read, then it declares its 4xx answers as problem+json', () => {
    const missing = operations().flatMap(({ name, op }) => {
      const codes = Object.keys(op.responses);
      const expected = ['400', '404', '429', ...(op.security ? [] : ['401', '403'])];
      if (name.startsWith('post')) expected.push('413');
      return [
        ...expected.filter((code) => !codes.includes(code)).map((code) => `${name} ${code}`),
        ...codes
          .filter((code) => Number(code) >= 400)
          .filter((code) => !op.responses[code].content?.['application/problem+json'])
          .map((code) => `${name} ${code} not problem+json`),
      ];
    });
    expect(missing).toEqual([]);
  });

  it('when the public operations are read, then they declare security: [] and the rest need a token', () => {
    const open = operations()
      .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
      .map(({ name }) => name);
    expect(open).toEqual(
      expect.arrayContaining(['get /health/live', 'get /health/ready', 'get /api/calendar/{year}']),
    );
    expect(open.filter((name) => name.includes('/api/submissions'))).toEqual([]);
  });

  it('when every schema is read, then none is a bare object', () => {
    expect(bareObjects(document.components, 'components')).toEqual([]);
    expect(bareObjects(document.paths, 'paths')).toEqual([]);
  });
});
