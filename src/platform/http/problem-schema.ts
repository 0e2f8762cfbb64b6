import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ example: 'replyRequestedBy' }) field!: string;
  @ApiProperty({ example: 'in_future' }) rule!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details, as every error of the API is answered. */
export class ProblemView {
  @ApiProperty({ example: 'https://legislink.dev/problems/business-rule-violated' }) type!: string;
  @ApiProperty({ example: 'Business rule violated' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ example: '/api/submissions' }) instance!: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'One entry per broken rule' })
  errors?: FieldErrorView[];
  @ApiPropertyOptional({ description: 'The state, on 409' }) currentState?: string;
  @ApiPropertyOptional({ type: [String], description: 'The steps open in that state, on 409' })
  allowedSteps?: string[];
}
