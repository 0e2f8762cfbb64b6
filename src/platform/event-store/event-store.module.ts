import { Module } from '@nestjs/common';
import { EventStoreController } from './event-store.controller';

@Module({ controllers: [EventStoreController] })
export class EventStoreModule {}
