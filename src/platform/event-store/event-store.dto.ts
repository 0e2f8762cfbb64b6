import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOG_HEAD_FORMAT } from './log-head';
import { TAMPER_KINDS, TamperKind } from './verify-store';

export class PublicKeyJwkView {
  @ApiProperty({ enum: ['OKP'] }) kty!: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] }) crv!: 'Ed25519';
  @ApiProperty({ description: 'The public key, base64url (RFC 8037)' }) x!: string;
}

export class LogHeadView {
  @ApiProperty({ enum: [LOG_HEAD_FORMAT] }) format!: typeof LOG_HEAD_FORMAT;
  @ApiProperty({ example: '1042/1042', description: 'Position of the last event signed' })
  position!: string;
  @ApiProperty({ description: 'Events in the log up to the position' }) events!: number;
  @ApiProperty({ description: 'Streams in the log up to the position' }) streams!: number;
  @ApiProperty({ description: 'SHA-256 chained over (streamId, revision, hash) in log order' })
  logHash!: string;
  @ApiProperty({ description: 'SHA-256 over every stream’s last revision and hash' })
  streamHeadsDigest!: string;
  @ApiProperty() signedAt!: string;
  @ApiProperty({ description: 'RFC 7638 thumbprint of the public key' }) keyId!: string;
  @ApiProperty({ type: PublicKeyJwkView }) publicKey!: PublicKeyJwkView;
  @ApiProperty({ description: 'Ed25519 over the canonical JSON of the fields above, base64url' })
  signature!: string;
}

export class BrokenLinkView {
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() position!: string;
  @ApiProperty({ enum: ['hash_mismatch', 'previous_hash_mismatch', 'revision_gap'] })
  problem!: string;
}

/** One stream's hash chain, verified for a detail view. */
export class ChainVerificationView {
  @ApiProperty() streams!: number;
  @ApiProperty() events!: number;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: BrokenLinkView, nullable: true })
  firstBrokenLink!: BrokenLinkView | null;
}

export class TamperProblemView {
  @ApiProperty({ enum: TAMPER_KINDS }) kind!: TamperKind;
  @ApiPropertyOptional() streamId?: string;
  @ApiPropertyOptional() revision?: number;
  @ApiPropertyOptional() position?: string;
  @ApiProperty() detail!: string;
}

export class LatestHeadView {
  @ApiProperty() position!: string;
  @ApiProperty() events!: number;
  @ApiProperty() signedAt!: string;
}

export class HeadsSummaryView {
  @ApiProperty({ description: 'Heads whose signature was checked' }) checked!: number;
  @ApiProperty({ type: LatestHeadView, nullable: true }) latest!: LatestHeadView | null;
  @ApiProperty({ description: 'Events after the latest head, not yet signed' })
  unsignedEvents!: number;
}

export class StoreVerificationView {
  @ApiProperty() streams!: number;
  @ApiProperty() events!: number;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: BrokenLinkView, nullable: true }) firstBrokenLink!: BrokenLinkView | null;
  @ApiProperty({ type: HeadsSummaryView }) heads!: HeadsSummaryView;
  @ApiProperty({ type: TamperProblemView, nullable: true })
  firstProblem!: TamperProblemView | null;
  @ApiProperty({ type: [TamperProblemView] }) problems!: TamperProblemView[];
}
