// Generated from openapi.yaml by `npm run gen:api` (scripts/gen-api.mjs); do not edit.
// `npm run check` fails when this file is not what openapi.yaml generates.

export interface paths {
  '/auth/register': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Create an account
     * @description Emails are trimmed and lower-cased. Ten registrations an hour from one client address, then 429 with `Retry-After`.
     *
     *     With email verification required (the default, `QSELF_EMAIL_VERIFICATION=required`) the answer is 202 with the same body, and no sooner than 500 ms, whether or not the address already has an account, so that sign-up never tells. A new address gets an unverified account and an email with a link `<public URL>/verify?token=…` (see `POST /auth/verify`); until it is opened the account cannot log in (login answers as for a wrong password), and it is removed after seven days. A verified account's owner gets an email saying someone tried to sign up with the address (at most one a day) and nothing changes. An account still unverified takes the new password, name and zone and gets a new link (at most three links an hour per account).
     *
     *     With verification off, the account is created at once (201) and a taken address answers 409 `conflict`.
     */
    post: operations['register']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/auth/login': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Log in and get a bearer token
     * @description A wrong email and a wrong password get the same 401. Failed logins slow down the client address that makes them, never the account: after five for one email (or thirty over all emails) each further attempt waits 1 s, then twice as long after each failure, at most 15 minutes; earlier it is answered 429 with `Retry-After`. A success clears the count for that email. An account whose address is not verified yet gets the same 401 as a wrong password, and counts as a failure too.
     */
    post: operations['login']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/auth/verify': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Confirm a new account's address with its emailed link, and log in
     * @description The token is the `token` of the link `<public URL>/verify?token=…` that sign-up emailed. It works once, for 24 hours; using it marks the account verified and answers a session, as a login does. An unknown, used or expired token answers 422 with `fields.token`; ask for a new link with `POST /auth/verify/resend`.
     */
    post: operations['verifyEmail']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/auth/verify/resend': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Email a new verification link
     * @description Answers 202 with the same body as sign-up, and after the same time, whatever the address: an unverified account's gets a new link (older ones stop working), at most three an hour per account; a verified or unknown address gets nothing. One client address may ask ten times an hour; beyond that 429 with `Retry-After`.
     */
    post: operations['resendVerification']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/auth/logout': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Revoke the token used for this request
     * @description The token stops working at once. No body.
     */
    post: operations['logout']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/me': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** The current user */
    get: operations['getMe']
    put?: never
    post?: never
    /**
     * Delete the account
     * @description The account and all its data (trackers, logs, tokens) are gone. Needs the password again: a wrong one is 422 on `password` (and counts towards the same limit as a password change's: 429 after 10 in 15 minutes); nothing changes then.
     */
    delete: operations['deleteMe']
    options?: never
    head?: never
    /** Change the current user's name or time zone */
    patch: operations['updateMe']
    trace?: never
  }
  '/me/password': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Change the password
     * @description Needs the current password. Every other session and every personal token of the account is signed out at once; the session (or token) making the request stays. Outstanding reset links stop working, and a notice is emailed to the account. A wrong current password answers 422 on `current_password`; ten in 15 minutes answer 429.
     */
    post: operations['changePassword']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/me/tokens': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The personal API tokens of the account
     * @description Newest first. The tokens themselves are never shown again.
     */
    get: operations['listPersonalTokens']
    put?: never
    /**
     * Create a personal API token
     * @description For scripts and shortcuts: send it as `Authorization: Bearer <token>` like a login token. It is shown in this answer only. It does not expire when unused, only one year after its creation, or when revoked (and when the password is changed or reset). At most 50 per account.
     */
    post: operations['createPersonalToken']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/me/tokens/{id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A personal token id. Another user's token answers 404. */
        id: number
      }
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Revoke a personal API token
     * @description The token stops working at once.
     */
    delete: operations['revokePersonalToken']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/me/sessions': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The signed-in sessions of the account
     * @description Login sessions still valid, newest first; `current` marks the one making the request. Personal tokens are listed under `/me/tokens`.
     */
    get: operations['listSessions']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/me/sessions/{id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A session id. Another user's session answers 404. */
        id: number
      }
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Sign a session out
     * @description Its token stops working at once.
     */
    delete: operations['endSession']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/me/sessions/sign-out-others': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Sign out every other session
     * @description Every login session of the account but the one making the request stops working at once. Personal tokens stay. No body.
     */
    post: operations['signOutOtherSessions']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/auth/password-reset': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Email a link to choose a new password
     * @description Answers 202 with the same body, and after the same time, whether or not the address belongs to an account. If it does, an email with a link `<public URL>/reset-password?token=…` is sent; the link works once, for one hour. At most three links an hour are sent to one account; beyond that the answer is the same and nothing is sent. One client address may ask ten times an hour; beyond that 429 with `Retry-After`.
     */
    post: operations['requestPasswordReset']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/auth/password-reset/confirm': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Choose a new password with a reset link's token
     * @description Uses the token up, sets the new password, signs out every session and personal token of the account and emails a notice. An unknown, used or expired token answers 422 on `token`.
     */
    post: operations['confirmPasswordReset']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/trackers': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List trackers, with their dashboard summaries
     * @description Ordered by `position`. Each tracker carries its `summary`, so this one request is the whole dashboard.
     */
    get: operations['listTrackers']
    put?: never
    /**
     * Create a tracker
     * @description `name` must be unique among your trackers (case-insensitive); a name you already use answers 409 `conflict`. An account holds at most 200 trackers, archived ones included: past that, 409 `too_many_trackers`.
     */
    post: operations['createTracker']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/trackers/reorder': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Set the trackers' order
     * @description Positions follow the order of `ids`.
     */
    post: operations['reorderTrackers']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/trackers/{id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    /** One tracker */
    get: operations['getTracker']
    put?: never
    post?: never
    /** Delete a tracker and its logs */
    delete: operations['deleteTracker']
    options?: never
    head?: never
    /**
     * Change a tracker
     * @description Any tracker fields. Logs are never rewritten behind your back. Choices keep their `id`: reordering or renaming them changes no log (send each with its id; a label sent alone keeps the id of the choice with that label, else it is a new choice). A change that would read logged yes/no, choice or rating values anew (yes/no → choice, a choice removed while logs hold it, a rating's scale, choice → number, a number → choice…) answers 409 `mapping_required` listing each logged value with its count (`error.values`); send the same request with `mapping` saying what each becomes (`to: null` deletes its logs). Values with an obvious counterpart ("Yes" → the choice "Yes", a rating → the same number) go without asking when every value has one. Any other change that would lose something (numbers that do not fit, rounding, a `max` below logged values) answers 409 `type_change_loses_data` with a message saying what and how many; send `"force": true` to make it anyway, and logs that cannot be represented are deleted. A name you already use answers 409 `conflict`.
     */
    patch: operations['updateTracker']
    trace?: never
  }
  '/trackers/{id}/logs': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    /** A page of a tracker's logs, newest first */
    get: operations['listLogs']
    put?: never
    /**
     * Log a value
     * @description `value` must be the natural JSON for the tracker's type (see `LogValue`); anything else is 422 with `fields.value`. A client may give the log its `uid` (a UUID it makes, e.g. for a log made offline): sending the same request again with that `uid` answers the log the first one made, unchanged, with 200 instead of adding a second; a `uid` that another log has (another tracker's, or anyone else's) is 409 `uid_taken`.
     */
    post: operations['createLog']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/days/{date}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * One day of every tracker's logs
     * @description The logs of one local day on the account's clock (its time zone), every tracker's — archived ones too — oldest first: a day has 23 or 25 hours on a daylight-saving change. At most 2000 logs; `truncated` says when the day has more (page through a tracker's logs with `from`/`to`).
     */
    get: operations['getDay']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/trackers/{id}/logs/{log_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
        /** @description A log id of this tracker. Another user's log answers 404. */
        log_id: components['parameters']['LogId']
      }
      cookie?: never
    }
    /** One log */
    get: operations['getLog']
    put?: never
    post?: never
    /** Delete a log */
    delete: operations['deleteLog']
    options?: never
    head?: never
    /** Change a log */
    patch: operations['updateLog']
    trace?: never
  }
  '/trackers/{id}/stats': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    /**
     * Statistics for a tracker over a time range
     * @description Buckets are computed in the user's time zone. Only buckets with logs appear in `series`.
     */
    get: operations['getStats']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/insights': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * What the user's data says — relationships, rhythms and trends
     * @description Every comparison qself can make between the user's active trackers (see docs/api.md, "Insights"): relationships between two trackers on the same period and on the next one, the day-of-week rhythm of each tracker, and its trend over the last 30 and 90 days. The p-values of all of them together are corrected for how many were made (Benjamini–Hochberg); `findings` holds those that survive at a false discovery rate of 5 %, most important first, and `not_reliable` the strongest of the rest, for those who want to look. Computed from the logs per period in the user's time zone, cached until the user's data changes or the day does.
     */
    get: operations['getInsights']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/trackers/{id}/insights': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    /**
     * The insights of one tracker
     * @description The same answer as `GET /insights`, computed over the same family of comparisons (so a finding is as reliable here as there), keeping only the findings and the rhythms of this tracker.
     */
    get: operations['getTrackerInsights']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/reports': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Email me a report
     * @description Queues an HTML report of the chosen trackers (all active ones when `tracker_ids` is left out) over [from, to), built by a worker and sent to the account's email. Poll `GET /jobs/{id}` for progress.
     */
    post: operations['requestReport']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/jobs/{id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A job id. Another user's job answers 404. */
        id: number
      }
      cookie?: never
    }
    /** A job's status and progress */
    get: operations['getJob']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/exports': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Export everything you own
     * @description Queues an export of every tracker and log (JSON, re-importable with nothing lost, or CSV with one row per log). Poll `GET /jobs/{id}`; a finished export job has a `download_url`, valid for 24 hours and only for you. One export at a time: while one of yours is waiting or being built, this answers 200 with that job (whatever its format) and queues nothing. Only your newest finished export is kept: when a new one is done, the older one's `download_url` answers 404. An export larger than 512 MiB fails (the job ends `dead`).
     */
    post: operations['requestExport']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/exports/{id}/download': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The export job's id. Another user's answers 404. */
        id: number
      }
      cookie?: never
    }
    /** Download a finished export */
    get: operations['downloadExport']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/imports/preview': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * What an import would do, changing nothing
     * @description The request body is the file itself (any content type, at most 64 MiB): a qself JSON or CSV export, a Loop Habit Tracker CSV export (ZIP), a Track & Graph CSV or a Daylio CSV. The format is detected. The file is kept (for you alone, 24 hours) and a background job (`kind` `import`, `mode` `preview`) reads it, changing nothing: poll `GET /jobs/{id}`; when `done`, its `result` says what would be created, reused and skipped, and `POST /imports/{id}/commit` imports the same file without sending it again. A file that cannot be read at all ends the job `failed`, its `error` saying why. One import of yours at a time: while one waits or runs, this answers 409 `import_running` and keeps nothing. You keep one file: sending another removes the one before.
     */
    post: operations['previewImport']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/imports': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Import a file
     * @description Same body as the preview, and the same rules (one import of yours at a time, else 409 `import_running`); the job (`mode` `commit`) imports the file at once, without a preview. New trackers are written first, then the logs in batches of 10,000, each its own transaction. Logs already there (the same `uid`, or for a row without one the same time, value and note) are skipped, so importing a file twice adds nothing the second time, and a job stopped midway (its `error` says after how many rows) is finished by running it again: it skips what it had written.
     */
    post: operations['importFile']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/imports/{id}/commit': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The id of a finished preview job (`POST /imports/preview`). Another user's answers 404. */
        id: number
      }
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Import the file a preview checked
     * @description Queues the import (`mode` `commit`) of the file the preview kept, as `POST /imports` would with it. 404 unless the preview is yours and `done` and its file is still kept (24 hours; until you send another file; a file is imported once). 409 `import_running` while an import of yours waits or runs.
     */
    post: operations['commitImport']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/push/key': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The server's public key for Web Push (VAPID)
     * @description The `applicationServerKey` a browser subscribes with (`pushManager.subscribe`): the server signs every push message with the matching private key (RFC 8292), so only it can send to the subscriptions made with this key.
     */
    get: operations['getPushKey']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/push/subscriptions': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The devices that get the account's notifications
     * @description Newest first.
     */
    get: operations['listPushSubscriptions']
    put?: never
    /**
     * Send the account's notifications to this device
     * @description Takes what the browser's `PushSubscription.toJSON()` gives (its `endpoint` and `keys`) and a label for the list of devices. An endpoint this account already has is updated (keys and label) and answered 200; a new one 201. At most 10 devices per account; an 11th is 409 `too_many_devices`.
     */
    post: operations['createPushSubscription']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/push/subscriptions/{id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A push subscription id. Another user's answers 404. */
        id: number
      }
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Stop sending notifications to a device
     * @description Nothing more is sent to it; the browser's own subscription is the browser's to end.
     */
    delete: operations['deletePushSubscription']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/push/webhooks': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Send the account's notifications to a webhook too
     * @description Each notification is also POSTed as JSON to `url` (an ntfy, Gotify or Home Assistant endpoint…): `{source: "qself", kind, title, message, url, tag, trackers: [{id, name}]}`, without buttons or their token. The URL must be `https` and outside private networks unless the operator allows them. A webhook counts as one of the 10 devices; the same URL again is answered 200 (label updated). A webhook answering 410 is removed; 404 and other 4xx end that notification's job.
     */
    post: operations['createPushWebhook']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/push/test': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Send a test notification to every device of the account
     * @description Without a body (or with `{}`), a test message with no buttons. With `tracker_id`, that tracker's reminder as it would be sent now, with its buttons and an action token. 409 `no_devices` when the account has no device.
     */
    post: operations['sendTestPush']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/push/actions': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Log a value from a notification's button
     * @description What the service worker sends when a button of a reminder is pressed, with no page open and no session: the notification's action `token` (valid 24 hours) stands for the account, for the trackers of that notification only. The value is what `POST /trackers/{id}/logs` takes; the `uid` makes a retry add the log once (200 with the log the first request made).
     */
    post: operations['pushAction']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/health': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Liveness and dependency check */
    get: operations['health']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/openapi.yaml': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** This document */
    get: operations['getOpenApi']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    Error: {
      error: {
        /** @enum {string} */
        code:
          | 'bad_request'
          | 'unauthorized'
          | 'forbidden'
          | 'not_found'
          | 'method_not_allowed'
          | 'conflict'
          | 'uid_taken'
          | 'too_many_trackers'
          | 'too_many_devices'
          | 'no_devices'
          | 'type_change_loses_data'
          | 'mapping_required'
          | 'request_timeout'
          | 'payload_too_large'
          | 'unsupported_media_type'
          | 'validation_failed'
          | 'headers_too_large'
          | 'rate_limited'
          | 'busy'
          | 'internal'
        /** @description A human-readable explanation. */
        message: string
        /** @description For `validation_failed`, the reason for each invalid field, by field name. */
        fields?: {
          [key: string]: string
        }
        /** @description For `mapping_required`, each logged value the change must be told about. */
        values?: components['schemas']['ValueToMap'][]
        /**
         * @description For `unauthorized`, why a token that worked no longer does: `password_changed` when a change or reset of the account's password signed it out. Told only to a request with that very token; left out otherwise.
         * @enum {string}
         */
        reason?: 'password_changed'
      }
      /** @description The same id as the `X-Request-Id` header. */
      request_id: string
    }
    User: {
      /** Format: int64 */
      id: number
      /**
       * Format: email
       * @description Trimmed and lower-cased.
       */
      email: string
      name: string
      /**
       * @description An IANA time zone name.
       * @example Europe/Paris
       */
      timezone: string
      reminders: components['schemas']['ReminderSettings']
      /** Format: date-time */
      created_at: string
    }
    /** @description One email a day at `time` (the user's local time) listing the trackers not yet logged this period; none when nothing is due. `monthly_report` sends last month's report on the 1st. The defaults are a new account's. */
    ReminderSettings: {
      /** @default true */
      enabled: boolean
      /** @default 20:00 */
      time: string
      /** @default false */
      monthly_report: boolean
    }
    ReportRequest: {
      tracker_ids?: number[]
      /** Format: date-time */
      from: string
      /**
       * Format: date-time
       * @description Exclusive; at most five years after `from`.
       */
      to: string
    }
    Job: {
      /** Format: int64 */
      id: number
      /** @enum {string} */
      kind: 'report' | 'send_email' | 'send_push' | 'export' | 'import'
      /**
       * @description An import's, whether it previews (changing nothing) or imports.
       * @enum {string}
       */
      mode?: 'preview' | 'commit'
      /**
       * @description An export's file format. Asking for an export while one is waiting or running answers that one, whose format may differ from the one just asked for.
       * @enum {string}
       */
      format?: 'json' | 'csv'
      /** @enum {string} */
      status: 'queued' | 'running' | 'done' | 'failed'
      progress: number
      attempts: number
      error: string | null
      /** @description A finished export's file (its owner only), until `expires_at`. */
      download_url?: string
      /**
       * Format: date-time
       * @description Until when a finished export's file, or a finished import preview's upload (for `POST /imports/{id}/commit`), is kept.
       */
      expires_at?: string
      result?: components['schemas']['ImportResult']
      /** Format: date-time */
      created_at: string
      /** Format: date-time */
      updated_at: string
    }
    ImportResult: {
      /** @enum {string} */
      format: 'qself-json' | 'qself-csv' | 'loop' | 'trackandgraph' | 'daylio'
      /** @description false for a preview. */
      committed: boolean
      trackers: {
        name: string
        type: components['schemas']['TrackerType']
        /** @enum {string} */
        action: 'create' | 'reuse'
        logs: number
        duplicates: number
      }[]
      /** @description Logs imported (or, in a preview, that would be). */
      logs: number
      /** @description Logs skipped because they are already there. */
      duplicates: number
      /** @description Rows that could not be read or were refused (a value that does not fit, a time more than 5 minutes ahead of now), skipped. */
      problems: {
        /** @description 1-based line of the file; 0 when the format is not line-based. */
        line: number
        reason: string
      }[]
    }
    JobEnvelope: {
      job: components['schemas']['Job']
    }
    UserEnvelope: {
      user: components['schemas']['User']
    }
    RegisterRequest: {
      /**
       * Format: email
       * @description Trimmed and lower-cased before use. Plain ASCII only (an international domain in its `xn--` form): qself's mailer cannot deliver to other addresses, so they are 422 on `email`.
       */
      email: string
      password: string
      /** @description One line, without control characters. */
      name?: string
      /**
       * @description An IANA time zone name.
       * @default UTC
       * @example Europe/Paris
       */
      timezone?: string
    }
    LoginRequest: {
      /** @description Trimmed and lower-cased before use. */
      email: string
      password: string
    }
    LoginResponse: {
      /** @description Send as `Authorization: Bearer <token>`. */
      token: string
      /** Format: date-time */
      expires_at: string
      user: components['schemas']['User']
    }
    UserUpdate: {
      /** @description One line, without control characters. */
      name?: string
      /**
       * @description An IANA time zone name.
       * @example Europe/Paris
       */
      timezone?: string
      reminders?: components['schemas']['ReminderSettingsUpdate']
    }
    /** @description Any of the reminder settings; those left out are unchanged. */
    ReminderSettingsUpdate: {
      enabled?: boolean
      time?: string
      monthly_report?: boolean
    }
    PasswordChange: {
      current_password: string
      /** @description Must differ from the current password. */
      new_password: string
    }
    PasswordResetRequest: {
      /**
       * Format: email
       * @description Trimmed and lower-cased before use.
       */
      email: string
    }
    PasswordResetConfirm: {
      /** @description The `token` parameter of the emailed link. */
      token: string
      new_password: string
    }
    Message: {
      message: string
    }
    CheckEmail: {
      /** @enum {string} */
      status: 'check_email'
      message: string
    }
    VerifyEmailRequest: {
      /** @description The `token` of the emailed link. */
      token: string
    }
    PersonalToken: {
      /** Format: int64 */
      id: number
      name: string
      scope: components['schemas']['TokenScope']
      /** Format: date-time */
      created_at: string
      /**
       * Format: date-time
       * @description When it was last used, to the minute; its creation time until then.
       */
      last_used_at: string
      /**
       * Format: date-time
       * @description One year after its creation.
       */
      expires_at: string
    }
    PersonalTokenList: {
      items: components['schemas']['PersonalToken'][]
    }
    PersonalTokenCreate: {
      /** @description What the token is for; trimmed. */
      name: string
      scope?: components['schemas']['TokenScope']
    }
    /**
     * @description `read`: GET and HEAD only (and signing itself out); anything else is 403 `forbidden`. `write`: the API for trackers, logs, statistics, reports and data. Neither manages the account (tokens, sessions, password, deletion). Another value is 422 on `scope`.
     * @default write
     * @enum {string}
     */
    TokenScope: 'read' | 'write'
    PersonalTokenCreated: {
      /** @description Shown this once. Send as `Authorization: Bearer <token>`. */
      token: string
      item: components['schemas']['PersonalToken']
    }
    Session: {
      /** Format: int64 */
      id: number
      /**
       * Format: date-time
       * @description When the login happened.
       */
      created_at: string
      /**
       * Format: date-time
       * @description When it was last used, to the minute.
       */
      last_used_at: string
      /** @description This is the session making the request. */
      current: boolean
    }
    SessionList: {
      items: components['schemas']['Session'][]
    }
    /** @enum {string} */
    TrackerType: 'numeric' | 'boolean' | 'choice' | 'rating' | 'duration' | 'text'
    /** @enum {string} */
    TrackerFrequency: 'hourly' | 'daily' | 'weekly' | 'monthly'
    /** @description Options of a `numeric` tracker. Values are rounded to `decimals`. `min`, `max` and every value have at most 15 digits before the decimal point (422 otherwise). */
    NumericOptions: {
      min?: number | null
      max?: number | null
      /** @default 2 */
      decimals?: number
    }
    /** @description Options of a `choice` tracker; `choices` is required. */
    ChoiceOptions: {
      /**
       * @description In the order shown. Replies give each as `{id, label}`; requests may send a label alone (the choice with that label keeps its id, else it is new). Labels differ from each other without regard to case, and are one line, without control characters.
       * @example [
       *       {
       *         "id": 0,
       *         "label": "bad"
       *       },
       *       {
       *         "id": 1,
       *         "label": "ok"
       *       },
       *       {
       *         "id": 2,
       *         "label": "good"
       *       }
       *     ]
       */
      choices: (components['schemas']['Choice'] | string)[]
    }
    /** @description A choice; logs hold its `id`, so its place and label can change freely. */
    Choice: {
      /** @description Left out in a request, the choice is matched by label or is new. */
      id?: number
      label: string
    }
    ValueToMap: {
      value: components['schemas']['LogValue']
      /** @description The value in words. */
      label: string
      /** @description How many logs hold it. */
      count: number
      /** @description A likely new value to start from, or null. */
      suggested: (number | boolean | string) | null
    }
    ValueMapping: {
      from: components['schemas']['LogValue']
      /** @description The new value, as a log of the changed tracker takes it; null deletes its logs. */
      to: (number | boolean | string) | null
    }
    /** @description Options of a `rating` tracker. */
    RatingOptions: {
      /** @default 5 */
      scale?: number
      /**
       * @description One label per step, so exactly `scale` items; empty for no labels (a request may also send null). Each one line, without control characters. Always a list in answers.
       * @example [
       *       "awful",
       *       "bad",
       *       "ok",
       *       "good",
       *       "great"
       *     ]
       */
      labels?: string[] | null
    }
    /** @description Options of a `duration` tracker. Values are whole seconds, at most 86400 (24 hours) per log. `duration_unit` says what a number typed alone means when logging in the app ("8": 8 minutes or 8 hours); the API always takes seconds. */
    DurationOptions: {
      /**
       * @default minutes
       * @enum {string}
       */
      duration_unit?: 'minutes' | 'hours'
    }
    /** @description Options of a `boolean` or `text` tracker (none). */
    EmptyOptions: Record<string, never>
    /** @description Options by type: numeric `NumericOptions`, choice `ChoiceOptions` (required), rating `RatingOptions`, duration `DurationOptions`, boolean and text `EmptyOptions` (`{}`). */
    TrackerOptions:
      | components['schemas']['NumericOptions']
      | components['schemas']['ChoiceOptions']
      | components['schemas']['RatingOptions']
      | components['schemas']['DurationOptions']
      | components['schemas']['EmptyOptions']
    /** @description `null` (no target) or a goal: the period's `aggregate` of the logs is at least / at most `value`, per `period`. Aggregates by type (the first is the default, which a request may leave out): numeric and duration `sum`, `count`, `average`, `last`, `min`, `max`; rating `average`, `last`, `min`, `max`, `count`; boolean `sum` (the number of yes), `count`; choice and text `count`. Another is 422 on `target.aggregate`, also when a type change keeps a target the new type cannot have. `period` is left out or null for the tracker's frequency, or a longer one ("3 times a week" on a daily habit; a shorter one is 422 on `target.period`); answers always name it. */
    Target: {
      /** @enum {string} */
      op: 'at_least' | 'at_most'
      /** @description At most 15 digits before the decimal point. */
      value: number
      /**
       * @description Always present in answers.
       * @enum {string}
       */
      aggregate?: 'sum' | 'count' | 'average' | 'last' | 'min' | 'max'
      /**
       * @description Left out or null in a request: the tracker's frequency. Always named in answers.
       * @enum {string|null}
       */
      period?: 'hourly' | 'daily' | 'weekly' | 'monthly' | null
    } | null
    /**
     * @example {
     *       "id": 12,
     *       "name": "Water",
     *       "description": "",
     *       "unit": "glasses",
     *       "type": "numeric",
     *       "frequency": "daily",
     *       "options": {
     *         "min": 0,
     *         "max": null,
     *         "decimals": 0
     *       },
     *       "target": {
     *         "op": "at_least",
     *         "value": 8,
     *         "aggregate": "sum",
     *         "period": "daily"
     *       },
     *       "color": "#3b82f6",
     *       "icon": "💧",
     *       "position": 3,
     *       "archived": false,
     *       "reminders": true,
     *       "reminder_schedule": {
     *         "times": [
     *           "08:00",
     *           "20:00"
     *         ],
     *         "days": [
     *           "mon",
     *           "tue",
     *           "wed",
     *           "thu",
     *           "fri",
     *           "sat",
     *           "sun"
     *         ]
     *       },
     *       "created_at": "2026-11-01T09:00:00+01:00",
     *       "updated_at": "2026-11-20T18:30:00+01:00"
     *     }
     */
    Tracker: {
      /** Format: int64 */
      id: number
      name: string
      /** @description May span lines; no control characters but tabs and line breaks. */
      description: string
      /** @description One line, like `name`. */
      unit: string
      type: components['schemas']['TrackerType']
      frequency: components['schemas']['TrackerFrequency']
      options: components['schemas']['TrackerOptions']
      target: components['schemas']['Target']
      /** @example #3b82f6 */
      color: string
      icon: string
      /** @description Order among the user's trackers; set by `POST /trackers/reorder`. */
      position: number
      archived: boolean
      /** @description Named in the daily reminder email when nothing is logged in its period. */
      reminders: boolean
      reminder_schedule: components['schemas']['ReminderSchedule']
      /** Format: date-time */
      created_at: string
      /** Format: date-time */
      updated_at: string
      summary?: components['schemas']['Summary']
    }
    /** @description `null` (no reminders of its own) or times of day on the user's clock (their zone), on the days named. A time the change to summer time skips happens at the jump; one the change back repeats happens once. */
    ReminderSchedule: {
      times: string[]
      /** @description Left out when sent, every day. */
      days?: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[]
    } | null
    TrackerCreate: {
      /** @description Unique among your trackers (case-insensitive). One line: no tabs, line breaks or other control characters (422 on `name`). */
      name: string
      /** @description May span lines; no control characters but tabs and line breaks. */
      description?: string
      /** @description One line, like `name`. */
      unit?: string
      type: components['schemas']['TrackerType']
      frequency?: components['schemas']['TrackerFrequency']
      options?: components['schemas']['TrackerOptions']
      target?: components['schemas']['Target']
      color?: string
      icon?: string
      archived?: boolean
      reminders?: boolean
      reminder_schedule?: components['schemas']['ReminderSchedule']
    }
    /** @description Any tracker fields; those left out are unchanged. */
    TrackerUpdate: {
      /** @description Unique among your trackers (case-insensitive). One line: no tabs, line breaks or other control characters (422 on `name`). */
      name?: string
      /** @description May span lines; no control characters but tabs and line breaks. */
      description?: string
      /** @description One line, like `name`. */
      unit?: string
      type?: components['schemas']['TrackerType']
      frequency?: components['schemas']['TrackerFrequency']
      options?: components['schemas']['TrackerOptions']
      target?: components['schemas']['Target']
      color?: string
      icon?: string
      archived?: boolean
      reminders?: boolean
      reminder_schedule?: components['schemas']['ReminderSchedule']
      /**
       * @description Make a type or options change even though it loses data; logs that cannot be represented are deleted. Without it such a change answers 409 `type_change_loses_data`.
       * @default false
       */
      force?: boolean
      /** @description What each logged value becomes when the change reads them anew (after 409 `mapping_required`). */
      mapping?: components['schemas']['ValueMapping'][]
    }
    TrackerList: {
      items: components['schemas']['Tracker'][]
    }
    ReorderRequest: {
      /** @description Tracker ids in their new order. */
      ids: number[]
    }
    /** @description The dashboard summary of a tracker, only in `GET /trackers`. */
    Summary: {
      /** @description The most recent log, or null when there is none. */
      last: {
        /** Format: int64 */
        id: number
        uid: components['schemas']['LogUid']
        value: components['schemas']['LogValue']
        /** Format: date-time */
        logged_at: string
      } | null
      /** @description The goal's period under way in the user's time zone: the target's `period`, else the tracker's frequency. */
      period: {
        /** Format: date-time */
        start: string
        /** Format: date-time */
        end: string
        count: number
        /** @description The target's aggregate of the period's logs (see `Target`): 0 for a sum or count of no logs, null for an average, last, min or max of no logs. */
        value: number | null
        /**
         * @description Where the period stands. A sum, count or max only grows: an `at_least` is met once reached, an `at_most` is missed as soon as passed and met only once the period is over. A min only falls. An average or last can go either way: met while it meets the target, not_yet while not. Without a target: met once something was logged (a yes for boolean). `no_data` is only for periods that are over.
         * @enum {string}
         */
        status: 'met' | 'not_yet' | 'missed' | 'no_data'
        /** @description status is met. */
        done: boolean
      }
      /** @description Consecutive met goal periods up to now; not broken by a current period that is not met yet, broken by one already missed and by a past period with no data. */
      current_streak: number
      best_streak: number
      /** @description The value (the target's aggregate) of the last 14 periods of the tracker's frequency, oldest first. */
      trend: {
        /** Format: date-time */
        start: string
        /** @description Null where nothing was logged. */
        value: number | null
      }[]
    }
    /** @description The natural JSON for the tracker's type: a number within min/max with at most 15 digits before the decimal point (numeric; 1e308 is 422 on `value`); `true`/`false` (boolean); one of the choice labels (choice); an integer 1..scale (rating); whole seconds from 0 to 86400 (duration); a string of 1–10,000 characters, with no control characters but tabs and line breaks (text). */
    LogValue: number | boolean | string
    /**
     * Format: uuid
     * @description A log's stable id: a UUID, made by the server or sent by the client when it adds the log (any version, either case; kept in lower case). It never changes, exports carry it, and an import skips a log whose `uid` the account already has.
     * @example 4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43
     */
    LogUid: string
    /**
     * @example {
     *       "id": 301,
     *       "uid": "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43",
     *       "tracker_id": 12,
     *       "value": 2,
     *       "logged_at": "2026-11-28T08:15:00+01:00",
     *       "note": "",
     *       "created_at": "2026-11-28T08:15:02+01:00",
     *       "updated_at": "2026-11-28T08:15:02+01:00"
     *     }
     */
    Log: {
      /** Format: int64 */
      id: number
      uid: components['schemas']['LogUid']
      /** Format: int64 */
      tracker_id: number
      value: components['schemas']['LogValue']
      /**
       * Format: date-time
       * @description Keeps the offset it was written with, and milliseconds (`08:15:00.250`), written only when they are not zero; finer digits are dropped.
       */
      logged_at: string
      note: string
      /** Format: date-time */
      created_at: string
      /** Format: date-time */
      updated_at: string
    }
    LogCreate: {
      /**
       * Format: uuid
       * @description The new log's id (see `LogUid`), when the client makes it; any UUID, either case. Left out or null, the server makes one. Not a UUID: 422 on `uid`.
       */
      uid?: string
      value: components['schemas']['LogValue']
      /**
       * Format: date-time
       * @description Defaults to now. From 1970-01-01T00:00:00Z to 5 minutes ahead of the server's clock (for clocks that differ); a time outside is refused with 422 on `logged_at`. Imports hold each row to the same range.
       */
      logged_at?: string
      /** @description Trimmed; no control characters but tabs and line breaks. */
      note?: string
    }
    LogUpdate: {
      /**
       * Format: uuid
       * @description A log's `uid` never changes; it may be sent back as it is, another one is 422 on `uid`.
       */
      uid?: string
      value?: components['schemas']['LogValue']
      /**
       * Format: date-time
       * @description From 1970 to 5 minutes ahead of the server's clock, as when a log is added.
       */
      logged_at?: string
      /** @description Trimmed; no control characters but tabs and line breaks. */
      note?: string
    }
    Day: {
      /** Format: date */
      date: string
      /**
       * Format: date-time
       * @description The day's first instant, with the account's offset then.
       */
      start: string
      /**
       * Format: date-time
       * @description The next day's first instant (exclusive).
       */
      end: string
      /** Format: date */
      previous: string
      /** Format: date */
      next: string
      /** @description Oldest first; each names its tracker in `tracker_id`. */
      logs: components['schemas']['Log'][]
      /** @description The day has more than the 2000 logs answered. */
      truncated: boolean
    }
    LogPage: {
      /** @description Newest first. */
      items: components['schemas']['Log'][]
      /** @description Pass as `before` for the following page; null on the last page. */
      next: string | null
    }
    StatsBucket: {
      /** Format: date-time */
      start: string
      count: number
      sum: number | null
      mean: number | null
      min: number | null
      max: number | null
      /** @description The bucket's value: the target's aggregate (see `Target`); null where it has none. */
      value: number | null
      /** @description Only for choice trackers (logs per label) and boolean trackers (`yes`/`no`). */
      counts?: {
        [key: string]: number
      }
    }
    /**
     * @example {
     *       "bucket": "day",
     *       "from": "2026-10-29T00:00:00+01:00",
     *       "to": "2026-11-28T00:00:00+01:00",
     *       "series": [
     *         {
     *           "start": "2026-11-01T00:00:00+01:00",
     *           "count": 3,
     *           "sum": 6,
     *           "mean": 2,
     *           "min": 1,
     *           "max": 3,
     *           "value": 6,
     *           "counts": {
     *             "ok": 2,
     *             "good": 1
     *           }
     *         }
     *       ],
     *       "summary": {
     *         "count": 42,
     *         "mean": 2.1,
     *         "min": 0,
     *         "max": 5,
     *         "total": 88,
     *         "per_period": {
     *           "aggregate": "sum",
     *           "periods": 28,
     *           "mean": 3.14,
     *           "min": 0,
     *           "max": 7
     *         },
     *         "current_streak": 4,
     *         "best_streak": 9,
     *         "target_hit_rate": 0.75
     *       }
     *     }
     */
    Stats: {
      /** @enum {string} */
      bucket: 'hour' | 'day' | 'week' | 'month'
      /** Format: date-time */
      from: string
      /** Format: date-time */
      to: string
      /** @description Only buckets with logs. */
      series: components['schemas']['StatsBucket'][]
      /** @description `count`, `mean`, `min`, `max` and `total` are per log; `per_period` is per bucket of `series`. */
      summary: {
        count: number
        mean: number | null
        /** @description The value of each bucket with logs (its `aggregate`, the target's or the type's default), and their mean, lowest and highest: for a water tracker the average daily total, for a weight goal on the average the mean of the weekly averages. */
        per_period: {
          /** @enum {string} */
          aggregate: 'sum' | 'count' | 'average' | 'last' | 'min' | 'max'
          /** @description Buckets with a value. */
          periods: number
          mean: number | null
          min: number | null
          max: number | null
        }
        min: number | null
        max: number | null
        total: number | null
        current_streak: number
        best_streak: number
        /** @description The share of goal periods in the range, up to now, that met the target, of those with data (a period under way counts once met or missed); null without a target. */
        target_hit_rate: number | null
      }
    }
    /** @description One group of periods a finding compares or a rhythm shows: its label ("Yes", "No", a choice, "Monday", "≥ 7.5 h"), how many periods it holds and the mean of the compared tracker's value over them (for a yes/no tracker, the share of yes, 0–1), with its standard deviation. */
    InsightGroup: {
      label: string
      n: number
      mean: number | null
      sd: number | null
    }
    InsightFinding: {
      /** @description Stable name of the comparison, e.g. `relationship:12:15:1:3:value` (first tracker, second, lag, the choice of each or `value`). */
      key: string
      /**
       * @description `relationship`: the second tracker's value against the first's, `lag` periods later; `weekday`: one tracker's value by day of the week; `trend`: one tracker over the last `window_days` days.
       * @enum {string}
       */
      kind: 'relationship' | 'weekday' | 'trend'
      /** @description The comparison survived the correction for how many were made (`q_value` ≤ the false discovery rate). */
      reliable: boolean
      /** @description The finding in plain words, with the numbers behind it, in the trackers' units. */
      sentence: string
      tracker_ids: number[]
      /**
       * @description Relationships only. 1 — the second tracker's next period (today's sleep, tomorrow's mood).
       * @enum {integer}
       */
      lag?: 0 | 1
      /** @description Relationships only, one per tracker of `tracker_ids`: the choice whose periods are compared (was it logged or not), or null when the tracker is compared by its value. */
      choice_ids?: (number | null)[]
      /**
       * @description Trends only.
       * @enum {integer}
       */
      window_days?: 30 | 90
      /** @enum {string} */
      period: 'day' | 'week' | 'month'
      /** @enum {string} */
      test: 'spearman' | 'difference_of_means' | 'difference_of_rates' | 'kruskal_wallis'
      /** @description Periods compared (paired periods for a relationship). */
      n: number
      /** @description Spearman's ρ (−1…1; for a trend, against time), the difference of means (first group minus second, in the tracker's unit), the difference of yes rates (0–1), or for a weekday rhythm the largest weekday mean minus the smallest. */
      effect: number
      /** @description Lower end of the 95 % confidence interval of `effect` (uncorrected); null for a weekday rhythm. */
      ci_low: number | null
      ci_high: number | null
      p_value: number
      /** @description The p-value adjusted for every comparison of the answer (Benjamini–Hochberg). */
      q_value: number
      /** @enum {string} */
      strength: 'weak' | 'moderate' | 'strong'
      /** @description What a small chart shows: for a difference the two groups (the periods with and without the yes or choice; their means are the other tracker's values: the second tracker's, or the first's when the second makes the groups, "Before days you logged …"); for a correlation the second tracker's mean within each fifth of the first's values (lowest first); for a weekday rhythm Monday to Sunday; for a trend the mean of each week of the window, oldest first. */
      groups: components['schemas']['InsightGroup'][]
      /** @description Trends only — how much the fitted line rises (or falls, negative) over the window, in the tracker's unit. */
      change?: number
    }
    InsightRhythm: {
      tracker_id: number
      /** @description Monday to Sunday (7 items, or none when the tracker is logged weekly or monthly): the periods with a value on that weekday and their mean and standard deviation; for a yes/no tracker the share of yes; for a choice tracker the mean is null and `choices` counts the periods on which each choice was logged. */
      weekday: components['schemas']['InsightWeekday'][]
      /** @description 0 to 23 (24 items), the logs made in each local hour and their mean value; empty unless the tracker is logged at several times of day (hourly trackers, or logs in two different hours on at least a quarter of its days, and on 7 days at least). */
      hour: components['schemas']['InsightHour'][]
      /**
       * Format: date-time
       * @description The latest log (for a yes/no tracker, the latest yes).
       */
      last_at?: string | null
      /** @description The median number of days between two days with a log (for a yes/no tracker, with a yes). */
      typical_gap_days?: number | null
    }
    InsightWeekday: {
      /** @description ISO weekday, 1 Monday … 7 Sunday. */
      weekday: number
      n: number
      mean: number | null
      sd: number | null
      /** @description Choice trackers only — periods per choice id. */
      choices?: {
        [key: string]: number
      }
    }
    InsightHour: {
      hour: number
      logs: number
      mean: number | null
    }
    /**
     * @example {
     *       "from": "2025-12-05T00:00:00+01:00",
     *       "to": "2026-12-05T00:00:00+01:00",
     *       "comparisons": 48,
     *       "false_discovery_rate": 0.05,
     *       "findings": [
     *         {
     *           "key": "relationship:3:1:0:value:value",
     *           "kind": "relationship",
     *           "reliable": true,
     *           "sentence": "On days you logged Meditate as Yes, Mood averaged 4.1, against 3.2 on other days (40 vs 20 days).",
     *           "tracker_ids": [
     *             3,
     *             1
     *           ],
     *           "choice_ids": [
     *             null,
     *             null
     *           ],
     *           "lag": 0,
     *           "period": "day",
     *           "test": "difference_of_means",
     *           "n": 60,
     *           "effect": 0.9,
     *           "ci_low": 0.5,
     *           "ci_high": 1.3,
     *           "p_value": 0.00002,
     *           "q_value": 0.0009,
     *           "strength": "strong",
     *           "groups": [
     *             {
     *               "label": "Yes",
     *               "n": 40,
     *               "mean": 4.1,
     *               "sd": 0.7
     *             },
     *             {
     *               "label": "Other days",
     *               "n": 20,
     *               "mean": 3.2,
     *               "sd": 0.8
     *             }
     *           ]
     *         }
     *       ],
     *       "not_reliable": [],
     *       "rhythms": [
     *         {
     *           "tracker_id": 1,
     *           "weekday": [
     *             {
     *               "weekday": 1,
     *               "n": 9,
     *               "mean": 3.1,
     *               "sd": 0.9
     *             }
     *           ],
     *           "hour": [],
     *           "last_at": "2026-12-04T21:10:00+01:00",
     *           "typical_gap_days": 1
     *         }
     *       ]
     *     }
     */
    Insights: {
      /**
       * Format: date-time
       * @description Start of the data compared (at most 3 years before `to`).
       */
      from: string
      /**
       * Format: date-time
       * @description End of the data compared (the end of today in the user's zone).
       */
      to: string
      /** @description How many comparisons were tested together (the family the correction accounts for). */
      comparisons: number
      /** @description The expected share of wrong findings among `findings` (0.05). */
      false_discovery_rate: number
      /** @description The comparisons that survived the correction, most important first (at most 50). */
      findings: components['schemas']['InsightFinding'][]
      /** @description The strongest of the other comparisons (at most 20), which may well be chance. */
      not_reliable: components['schemas']['InsightFinding'][]
      /** @description Every active tracker's rhythms (text trackers left out). */
      rhythms: components['schemas']['InsightRhythm'][]
    }
    PushKey: {
      /** @description The uncompressed P-256 public key (65 bytes), base64url without padding. */
      public_key: string
    }
    /**
     * @example {
     *       "id": 3,
     *       "kind": "webpush",
     *       "endpoint": "https://fcm.googleapis.com/fcm/send/dXk3…",
     *       "origin": "https://fcm.googleapis.com",
     *       "label": "Chrome on Android",
     *       "created_at": "2026-12-01T19:02:11+01:00",
     *       "last_sent_at": "2026-12-05T08:00:02+01:00"
     *     }
     */
    PushSubscription: {
      /** Format: int64 */
      id: number
      /**
       * @description A browser (Web Push) or a webhook (JSON POST).
       * @enum {string}
       */
      kind: 'webpush' | 'webhook'
      /** @description The push service's URL for this browser, or the webhook's URL. */
      endpoint: string
      /** @description The push service, as scheme, host and port (`https://fcm.googleapis.com`). */
      origin: string
      /** @description What the device was called when added ("Chromium on Linux"); "" when none was given. */
      label: string
      /** Format: date-time */
      created_at: string
      /**
       * Format: date-time
       * @description When a notification was last handed to its push service; null before the first.
       */
      last_sent_at: string | null
    }
    PushSubscriptionList: {
      subscriptions: components['schemas']['PushSubscription'][]
    }
    PushSubscriptionCreate: {
      /** @description An `https://` URL of a push service. */
      endpoint: string
      keys: {
        /** @description The browser's P-256 public key, base64url (65 bytes). */
        p256dh: string
        /** @description The browser's authentication secret, base64url (16 bytes). */
        auth: string
      }
      /** @description One line; left out, "". */
      label?: string
    }
    PushWebhookCreate: {
      /** @description An `https://` URL of at most 1024 characters, outside private networks. */
      url: string
      /** @description One line; left out, "". */
      label?: string
    }
    PushTestRequest: {
      /**
       * Format: int64
       * @description Send this tracker's reminder (with its buttons) instead of the test message; 404 if not yours.
       */
      tracker_id?: number
    }
    PushTestResult: {
      /** @description How many devices it was sent to. */
      devices: number
    }
    PushActionRequest: {
      /** @description The action token of the push message (valid 24 hours). */
      token: string
      /**
       * Format: int64
       * @description One of the trackers of that notification; another is 404.
       */
      tracker_id: number
      value: components['schemas']['LogValue']
      uid: components['schemas']['LogUid']
      /**
       * Format: date-time
       * @description When the button was pressed; defaults to now. The same range as `POST /trackers/{id}/logs`.
       */
      logged_at?: string
    }
    Health: {
      /**
       * @description `degraded` when Redis is unavailable (qself still serves, without its cache; jobs wait in the database); `unavailable`, with 503, when the database fails.
       * @enum {string}
       */
      status: 'ok' | 'degraded' | 'unavailable'
      /** @description One entry per dependency. */
      checks: {
        /** @enum {string} */
        database: 'ok' | 'unavailable'
        /** @enum {string} */
        redis: 'ok' | 'unavailable'
      }
    }
  }
  responses: {
    /** @description Done; no body. */
    NoContent: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content?: never
    }
    /** @description `bad_request`: the body is not JSON, or not a JSON object; or a query parameter is not valid. */
    BadRequest: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "bad_request",
         *         "message": "The body is not valid JSON."
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `unauthorized`: no token, or an unknown, expired or revoked token; or, on login, a wrong email or password (the same answer for both). A token that a password change or reset signed out says so with `error.reason` `password_changed`, until it would have expired. */
    Unauthorized: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "unauthorized",
         *         "message": "Authentication required."
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `forbidden`: a personal API token asked to manage the account (its tokens, sessions, password or deletion), which only a login session may do; or a read-only token asked to change anything. Nothing changes. */
    Forbidden: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "forbidden",
         *         "message": "A personal API token cannot manage the account (its tokens, sessions, password or deletion); sign in with your password to do that."
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `not_found`: no such object of yours. Another user's ids answer 404 too. */
    NotFound: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "not_found",
         *         "message": "No such tracker."
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `conflict`: a tracker name you already use (case-insensitive), or an email already registered. On `PATCH /trackers/{id}`, `type_change_loses_data`: a type or options change that would lose logged data; repeat with `"force": true` to make it anyway. `mapping_required`: a change that would read logged values anew; `error.values` lists each with its count, and the request is repeated with `mapping`. On `POST /trackers/{id}/logs`, `uid_taken`: another log already has the `uid` sent (which one is not told). On `POST /trackers`, `too_many_trackers`: the account already has the most trackers it may hold (200, archived ones included). On `POST /imports`, `/imports/preview` and `/imports/{id}/commit`, `import_running`: one of your imports is still waiting or running (one at a time); nothing was kept or queued. On `POST /push/subscriptions`, `too_many_devices`: the account already has 10 devices. On `POST /push/test`, `no_devices`: the account has no device to send to. */
    Conflict: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `payload_too_large`: the body is over 1 MiB. */
    PayloadTooLarge: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "payload_too_large",
         *         "message": "The body is larger than 1 MiB."
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `unsupported_media_type`: the body is not `application/json`. */
    UnsupportedMediaType: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "unsupported_media_type",
         *         "message": "The body must be application/json."
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `validation_failed`: a field is missing or wrong; `error.fields` names each one with the reason. */
    ValidationFailed: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "validation_failed",
         *         "message": "Some fields are not valid.",
         *         "fields": {
         *           "name": "must not be empty"
         *         }
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `rate_limited`: too many attempts; wait `Retry-After` seconds. */
    RateLimited: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        'Retry-After': components['headers']['Retry-After']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "rate_limited",
         *         "message": "Too many attempts; try again later."
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
    /** @description `busy`: the server is overloaded (password hashing is capped), the database was held by another writer (a large import, a backup) for longer than its 5 s busy timeout, or none of the server's database connections came free within 10 s; nothing was changed. Try again after `Retry-After` seconds. Any route that uses the database may answer this. */
    Busy: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id']
        'Retry-After': components['headers']['Retry-After']
        [name: string]: unknown
      }
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "busy",
         *         "message": "The server is busy; try again."
         *       },
         *       "request_id": "5f2c9a1e0b7d4c38"
         *     }
         */
        'application/json': components['schemas']['Error']
      }
    }
  }
  parameters: {
    /** @description A tracker id. Another user's tracker answers 404. */
    TrackerId: number
    /** @description A log id of this tracker. Another user's log answers 404. */
    LogId: number
  }
  requestBodies: never
  headers: {
    /** @description An id for this request, also in error bodies as `request_id`. */
    'X-Request-Id': string
    /** @description Seconds to wait before trying again. */
    'Retry-After': number
  }
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  register: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "ada@example.com",
         *       "password": "correct horse battery",
         *       "name": "Ada",
         *       "timezone": "Europe/Paris"
         *     }
         */
        'application/json': components['schemas']['RegisterRequest']
      }
    }
    responses: {
      /** @description The account was created (email verification off). */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UserEnvelope']
        }
      }
      /** @description Email verification required: a link (new address) or a notice (taken address) is on its way; the answer does not say which. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CheckEmail']
        }
      }
      400: components['responses']['BadRequest']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
      429: components['responses']['RateLimited']
      503: components['responses']['Busy']
    }
  }
  login: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "ada@example.com",
         *       "password": "correct horse battery"
         *     }
         */
        'application/json': components['schemas']['LoginRequest']
      }
    }
    responses: {
      /** @description Logged in. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['LoginResponse']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
      429: components['responses']['RateLimited']
      503: components['responses']['Busy']
    }
  }
  verifyEmail: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "token": "3q2-7wQ9c0mXo0a3rH1dN8z6l2Y4sT5uV7wX9yZ0aB1"
         *     }
         */
        'application/json': components['schemas']['VerifyEmailRequest']
      }
    }
    responses: {
      /** @description Verified and logged in. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['LoginResponse']
        }
      }
      400: components['responses']['BadRequest']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
      503: components['responses']['Busy']
    }
  }
  resendVerification: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "ada@example.com"
         *     }
         */
        'application/json': components['schemas']['PasswordResetRequest']
      }
    }
    responses: {
      /** @description Accepted; a link is on its way if the address is an unverified account's. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CheckEmail']
        }
      }
      400: components['responses']['BadRequest']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
      429: components['responses']['RateLimited']
      503: components['responses']['Busy']
    }
  }
  logout: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['NoContent']
      401: components['responses']['Unauthorized']
    }
  }
  getMe: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The current user. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UserEnvelope']
        }
      }
      401: components['responses']['Unauthorized']
    }
  }
  deleteMe: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "password": "correct horse battery"
         *     }
         */
        'application/json': {
          password: string
        }
      }
    }
    responses: {
      204: components['responses']['NoContent']
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      422: components['responses']['ValidationFailed']
      429: components['responses']['RateLimited']
    }
  }
  updateMe: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "timezone": "America/New_York"
         *     }
         */
        'application/json': components['schemas']['UserUpdate']
      }
    }
    responses: {
      /** @description The updated user. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UserEnvelope']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  changePassword: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "current_password": "correct horse battery",
         *       "new_password": "a brand new secret"
         *     }
         */
        'application/json': components['schemas']['PasswordChange']
      }
    }
    responses: {
      204: components['responses']['NoContent']
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
      429: components['responses']['RateLimited']
      503: components['responses']['Busy']
    }
  }
  listPersonalTokens: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The personal tokens. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PersonalTokenList']
        }
      }
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
    }
  }
  createPersonalToken: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Phone shortcut"
         *     }
         */
        'application/json': components['schemas']['PersonalTokenCreate']
      }
    }
    responses: {
      /** @description The token, shown this once, and its description. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PersonalTokenCreated']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  revokePersonalToken: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A personal token id. Another user's token answers 404. */
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['NoContent']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
    }
  }
  listSessions: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The sessions. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['SessionList']
        }
      }
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
    }
  }
  endSession: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A session id. Another user's session answers 404. */
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['NoContent']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
    }
  }
  signOutOtherSessions: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['NoContent']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
    }
  }
  requestPasswordReset: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "ada@example.com"
         *     }
         */
        'application/json': components['schemas']['PasswordResetRequest']
      }
    }
    responses: {
      /** @description Accepted; an email is on its way if the address is an account's. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Message']
        }
      }
      400: components['responses']['BadRequest']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
      429: components['responses']['RateLimited']
    }
  }
  confirmPasswordReset: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetConfirm']
      }
    }
    responses: {
      204: components['responses']['NoContent']
      400: components['responses']['BadRequest']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
      503: components['responses']['Busy']
    }
  }
  listTrackers: {
    parameters: {
      query?: {
        /** @description `false` (default) lists trackers that are not archived, `true` only archived ones, `all` both. Any other value is 400. */
        archived?: 'false' | 'true' | 'all'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The trackers, ordered by `position`, each with `summary`. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TrackerList']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
    }
  }
  createTracker: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Water",
         *       "unit": "glasses",
         *       "type": "numeric",
         *       "frequency": "daily",
         *       "options": {
         *         "min": 0,
         *         "decimals": 0
         *       },
         *       "target": {
         *         "op": "at_least",
         *         "value": 8
         *       },
         *       "color": "#3b82f6",
         *       "icon": "💧"
         *     }
         */
        'application/json': components['schemas']['TrackerCreate']
      }
    }
    responses: {
      /** @description The new tracker. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Tracker']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  reorderTrackers: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "ids": [
         *         12,
         *         4,
         *         7
         *       ]
         *     }
         */
        'application/json': components['schemas']['ReorderRequest']
      }
    }
    responses: {
      /** @description The trackers in their new order. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TrackerList']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  getTracker: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The tracker (without `summary`). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Tracker']
        }
      }
      401: components['responses']['Unauthorized']
      404: components['responses']['NotFound']
    }
  }
  deleteTracker: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['NoContent']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
    }
  }
  updateTracker: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['TrackerUpdate']
      }
    }
    responses: {
      /** @description The updated tracker. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Tracker']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  listLogs: {
    parameters: {
      query?: {
        /** @description Only logs with `logged_at` at or after this time (inclusive). RFC 3339. */
        from?: string
        /** @description Only logs with `logged_at` before this time (exclusive). RFC 3339. */
        to?: string
        /** @description Page size. */
        limit?: number
        /** @description The opaque cursor from a previous page's `next`. */
        before?: string
      }
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of logs, newest first. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['LogPage']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      404: components['responses']['NotFound']
    }
  }
  createLog: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['LogCreate']
      }
    }
    responses: {
      /** @description The log an earlier request with the same `uid` made, unchanged (a retry). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Log']
        }
      }
      /** @description The new log. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Log']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  getDay: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The day, `YYYY-MM-DD` (1970 or later). */
        date: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The day's logs. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Day']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
    }
  }
  getLog: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
        /** @description A log id of this tracker. Another user's log answers 404. */
        log_id: components['parameters']['LogId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The log. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Log']
        }
      }
      401: components['responses']['Unauthorized']
      404: components['responses']['NotFound']
    }
  }
  deleteLog: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
        /** @description A log id of this tracker. Another user's log answers 404. */
        log_id: components['parameters']['LogId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['NoContent']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
    }
  }
  updateLog: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
        /** @description A log id of this tracker. Another user's log answers 404. */
        log_id: components['parameters']['LogId']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "note": "after the run"
         *     }
         */
        'application/json': components['schemas']['LogUpdate']
      }
    }
    responses: {
      /** @description The updated log. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Log']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  getStats: {
    parameters: {
      query?: {
        /** @description Start of the range (RFC 3339). Defaults to 30 days before `to`, i.e. the last 30 days. */
        from?: string
        /** @description End of the range (RFC 3339). Defaults to now. */
        to?: string
        /** @description Bucket size. Defaults to the tracker's frequency (`hourly` → `hour`, `daily` → `day`, `weekly` → `week`, `monthly` → `month`). `hour` covers a range of at most 31 days (745 hours, for the day a change back from summer time makes longer); a longer one is 422 on `bucket`. */
        bucket?: 'hour' | 'day' | 'week' | 'month'
      }
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The statistics. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Stats']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      404: components['responses']['NotFound']
      422: components['responses']['ValidationFailed']
    }
  }
  getInsights: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The insights. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Insights']
        }
      }
      401: components['responses']['Unauthorized']
      503: components['responses']['Busy']
    }
  }
  getTrackerInsights: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A tracker id. Another user's tracker answers 404. */
        id: components['parameters']['TrackerId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The tracker's insights. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Insights']
        }
      }
      401: components['responses']['Unauthorized']
      404: components['responses']['NotFound']
      503: components['responses']['Busy']
    }
  }
  requestReport: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ReportRequest']
      }
    }
    responses: {
      /** @description The report is queued. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['JobEnvelope']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      422: components['responses']['ValidationFailed']
    }
  }
  getJob: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A job id. Another user's job answers 404. */
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The job. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['JobEnvelope']
        }
      }
      401: components['responses']['Unauthorized']
      404: components['responses']['NotFound']
    }
  }
  requestExport: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description Anything else, a value of another JSON type too, is 422 on `format`. In CSV, a text cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or an apostrophe is written with an apostrophe in front, so that a spreadsheet cannot run it as a formula; qself's import takes it off.
           * @default json
           * @enum {string}
           */
          format?: 'json' | 'csv'
        }
      }
    }
    responses: {
      /** @description An export of yours was already waiting or being built: this is that job, and nothing more was queued. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['JobEnvelope']
        }
      }
      /** @description The export is queued. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['JobEnvelope']
        }
      }
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      422: components['responses']['ValidationFailed']
    }
  }
  downloadExport: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The export job's id. Another user's answers 404. */
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The file, as an attachment. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': Record<string, never>
          'text/csv': string
        }
      }
      401: components['responses']['Unauthorized']
      404: components['responses']['NotFound']
    }
  }
  previewImport: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/octet-stream': string
      }
    }
    responses: {
      /** @description The file is kept and its preview is queued. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['JobEnvelope']
        }
      }
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      422: components['responses']['ValidationFailed']
    }
  }
  importFile: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/octet-stream': string
      }
    }
    responses: {
      /** @description The file is kept and its import is queued; `result` tells what was imported. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['JobEnvelope']
        }
      }
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      422: components['responses']['ValidationFailed']
    }
  }
  commitImport: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The id of a finished preview job (`POST /imports/preview`). Another user's answers 404. */
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The import is queued. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['JobEnvelope']
        }
      }
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
      409: components['responses']['Conflict']
    }
  }
  getPushKey: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The public key. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PushKey']
        }
      }
      401: components['responses']['Unauthorized']
    }
  }
  listPushSubscriptions: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The push subscriptions of the account. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PushSubscriptionList']
        }
      }
      401: components['responses']['Unauthorized']
    }
  }
  createPushSubscription: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "endpoint": "https://fcm.googleapis.com/fcm/send/dXk3…",
         *       "keys": {
         *         "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
         *         "auth": "tBHItJI5svbpez7KI4CCXg"
         *       },
         *       "label": "Chromium on Linux"
         *     }
         */
        'application/json': components['schemas']['PushSubscriptionCreate']
      }
    }
    responses: {
      /** @description This endpoint was already the account's; its keys and label are updated. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PushSubscription']
        }
      }
      /** @description The new device. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PushSubscription']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  deletePushSubscription: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description A push subscription id. Another user's answers 404. */
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['NoContent']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
    }
  }
  createPushWebhook: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "url": "https://ntfy.example.net/qself-ada",
         *       "label": "ntfy"
         *     }
         */
        'application/json': components['schemas']['PushWebhookCreate']
      }
    }
    responses: {
      /** @description This URL was already one of the account's webhooks; its label is updated. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PushSubscription']
        }
      }
      /** @description The new webhook. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PushSubscription']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
    }
  }
  sendTestPush: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: {
      content: {
        'application/json': components['schemas']['PushTestRequest']
      }
    }
    responses: {
      /** @description Sent to the push services of this many devices. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PushTestResult']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
      409: components['responses']['Conflict']
      415: components['responses']['UnsupportedMediaType']
    }
  }
  pushAction: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "token": "pa_9Jc2rQ0x…",
         *       "tracker_id": 12,
         *       "value": true,
         *       "uid": "0192f5a1-7b3d-7c8e-9a61-2d5f0e8b7c43",
         *       "logged_at": "2026-12-05T08:00:41+01:00"
         *     }
         */
        'application/json': components['schemas']['PushActionRequest']
      }
    }
    responses: {
      /** @description The log an earlier request with the same `uid` made, unchanged (a retry). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Log']
        }
      }
      /** @description The new log. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Log']
        }
      }
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      404: components['responses']['NotFound']
      409: components['responses']['Conflict']
      413: components['responses']['PayloadTooLarge']
      415: components['responses']['UnsupportedMediaType']
      422: components['responses']['ValidationFailed']
      429: components['responses']['RateLimited']
      503: components['responses']['Busy']
    }
  }
  health: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The server and its dependencies are up. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "status": "ok",
           *       "checks": {
           *         "database": "ok",
           *         "redis": "ok"
           *       }
           *     }
           */
          'application/json': components['schemas']['Health']
        }
      }
      /** @description The database fails (`status` is `unavailable`). */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Health']
        }
      }
    }
  }
  getOpenApi: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The OpenAPI description of this API. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id']
          [name: string]: unknown
        }
        content: {
          'text/yaml': string
        }
      }
    }
  }
}
