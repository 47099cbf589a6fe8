import { DeclarationSchema, validateDeclaration, VALIDATION_CODES } from '#shared/ead/index';
import { openApiDocument } from '#shared/api/openapi';
import { EXAMPLE_DECLARATION } from '#shared/ead/example';
import { topology } from '#infra/topology';

type Json = Record<string, any>;

describe('the OpenAPI document', () => {
  const doc = openApiDocument() as Json;
  const declaration = doc.components.schemas.Declaration as Json;

  it('is OpenAPI 3.1 with the declaration and problem schemas as components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Declaration', 'Problem']));
    expect(doc.paths['/v1/parcels'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Declaration' });
  });

  it('is generated from the validating schema: same fields, same required ones, unknown fields refused', () => {
    expect(Object.keys(declaration.properties).sort()).toEqual(Object.keys(DeclarationSchema.shape).sort());
    const required = Object.entries(DeclarationSchema.shape)
      .filter(([, s]) => !s.safeParse(undefined).success)
      .map(([k]) => k);
    expect([...declaration.required].sort()).toEqual(required.sort());
    expect(declaration.additionalProperties).toBe(false);
    expect(declaration.properties.contents.maxItems).toBe(999);
  });

  it('lists every validation code in the problem schema', () => {
    const problem = doc.components.schemas.Problem as Json;
    expect(problem.properties.errors.items.properties.code.enum).toEqual([...VALIDATION_CODES]);
  });

  it('ships an example that the validator accepts', () => {
    expect(validateDeclaration(EXAMPLE_DECLARATION).ok).toBe(true);
  });

  it('documents exactly the routes of the topology', () => {
    const documented = Object.entries(doc.paths as Json).flatMap(([path, ops]) => Object.keys(ops as Json).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(topology.routes.map((r) => `${r.method} ${r.path}`).sort());
  });
});
