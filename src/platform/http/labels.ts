import { Controller, Get, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Label } from '../../events/envelope';
import { Public } from '../access/auth.guard';
import { LabelTable } from '../kernel/feature';
import { FeatureRegistry } from '../kernel/feature-registry';

/** The zh-CN and en name of one value, as every response carries it. */
export class LabelView {
  @ApiProperty({ example: '已收文' }) zh!: string;
  @ApiProperty({ example: 'Received' }) en!: string;
}

/** The OpenAPI schema of `GET /api/labels`: one property per label table, each value → label. */
function labelsViewType(tables: ReadonlyMap<string, LabelTable>): Type {
  const type = class {};
  Object.defineProperty(type, 'name', { value: 'LabelsView' });
  for (const [name, table] of tables) {
    ApiProperty({
      type: 'object',
      additionalProperties: { $ref: getSchemaPath(LabelView) },
      description: table.description,
    })(type.prototype, name);
  }
  ApiExtraModels(LabelView)(type);
  return type;
}

/**
 * `GET /api/labels`: the zh-CN and en names of every value the API returns, composed from each
 * feature's label tables, so no client keeps its own copy.
 */
export function labelsController(registry: FeatureRegistry): Type {
  const body: Record<string, Readonly<Record<string, Label>>> = {};
  for (const [name, table] of registry.labels) body[name] = table.values;
  const view = labelsViewType(registry.labels);

  // The names of enum values, nothing of any record: public, for the pages the public opens too
  // (a consultation's form, a receipt's disposition).
  @ApiTags('labels')
  @Public()
  @Controller('api/labels')
  class LabelsController {
    @Get()
    @ApiOperation({ summary: 'zh-CN and en labels of every enum value (no account needed)' })
    @ApiOkResponse({ type: view })
    labels() {
      return body;
    }
  }
  return LabelsController;
}
