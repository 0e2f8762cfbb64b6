import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { SubmissionCommands } from './submission-commands';
import { SubmissionQueries } from './submission-queries';
import { SubmissionsController } from './submissions.controller';

@Module({
  imports: [CalendarModule],
  controllers: [SubmissionsController],
  providers: [SubmissionCommands, SubmissionQueries],
  exports: [SubmissionCommands],
})
export class SubmissionsModule {}
