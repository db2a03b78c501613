// Every default rule of DESIGN §4, in one place. kiosk-config/rules.json may override any key;
// kiosk and hub read the merged value, so both always apply the same number.
export const RULE_DEFAULTS = {
  scanDebounceSeconds: 5, // the same code is acted on at most once in this many seconds
  classCheckInOpensMinutesBefore: 30, // class check-in opens this long before the start
  classCheckInClosesMinutesAfter: 15, // and closes this long after the start
  gymSessionLimitMinutes: 30, // a machine session's limit while others are queuing
  gymClaimMinutes: 5, // the head of a machine queue has this long to claim a freed unit
  bookingSlotMinutes: 60, // length of one bookable facility slot
  bookingOpens: '08:00', // first bookable slot of the day
  bookingCloses: '22:00', // the last slot ends at this time
  bookingHorizonDays: 7, // days offered for booking, today included (7: today and the next 6)
  bookingsPerDayPerKind: 1, // per member, per day, per facility kind
  futureBookingsMax: 2, // per member, bookings not yet started
  bookingCheckInOpensMinutesBefore: 15, // check-in to a booking opens this long before its start
  noShowReleaseMinutesAfter: 15, // a booking not checked in this long after its start is released
  noShowsToSuspend: 2, // this many no-shows …
  noShowWindowDays: 30, // … within this many days …
  suspensionDays: 14, // … suspend booking for this many days
  lowScoreReasonSeconds: 10, // reason chips stay this long after a low rating
  thankYouSeconds: 3, // the thank-you screen shows this long
  misusePresses: 3, // more rating presses than this …
  misuseWindowSeconds: 10, // … within this window are flagged as misuse
  suggestionMaxChars: 500, // longest suggestion text
  idleSeconds: 30, // a member screen returns to the attract screen after this long untouched
  idleCountdownSeconds: 5, // the idle countdown is shown for the last this-many seconds
  snapshotPollSeconds: 60, // the kiosk pulls a snapshot this often
  snapshotStaleMinutes: 10, // after this long without a good snapshot the kiosk says so
  updateCheckMinutes: 30, // the kiosk looks for a new version this often
  nightlyReloadAt: '03:00', // local time of the nightly reload (only when idle)
  kioskSilentMinutes: 5, // the admin page raises a kiosk silent for longer than this
  suggestionReplyDays: 7, // a suggestion without a reply for longer than this is overdue (inbox, admin home)
  alertLastRatings: 30, // a topic's index is judged over its last this-many ratings …
  alertIndexBelow: 0.6, // … and raised on the admin home and Feedback page when below this share
} as const;

export type Rules = { -readonly [K in keyof typeof RULE_DEFAULTS]: (typeof RULE_DEFAULTS)[K] extends number ? number : string };
