// The reminder settings an account starts with, as the server creates them
// (users.reminder_minutes defaults to 1200, 20:00): shown until the account says otherwise.
import type { ReminderSettings } from '@/api/types'

/** The time of day, in the user's time zone, the daily reminder goes out unless they chose another. */
export const DEFAULT_REMINDER_TIME = '20:00'

export const REMINDER_DEFAULTS: Readonly<ReminderSettings> = {
  enabled: true,
  time: DEFAULT_REMINDER_TIME,
  monthly_report: false,
}
