import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { WorkingDayCalendar } from './working-day-calendar';

/**
 * CALENDAR_FILE lets operators drop in a newly published schedule without a rebuild.
 * The shipped JSON sits next to the compiled file because nest-cli.json copies JSON assets to dist.
 */
export function calendarFilePath(config: Pick<AppConfig, 'CALENDAR_FILE'>): string {
  return config.CALENDAR_FILE || join(__dirname, 'working-day-calendar.json');
}

@Module({
  controllers: [CalendarController],
  providers: [
    {
      provide: WorkingDayCalendar,
      // Loaded and validated once at start-up, so a bad file stops the app instead of skewing due dates.
      inject: [AppConfig],
      useFactory: (config: AppConfig) => WorkingDayCalendar.fromFile(calendarFilePath(config)),
    },
  ],
  exports: [WorkingDayCalendar],
})
export class CalendarModule {}
