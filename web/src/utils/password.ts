// The rules for a new password (docs/api.md: 8–128 characters, not the
// current one), checked before sending so the form answers at once.

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128
/** The hint beside a new password. */
export const PASSWORD_RULE = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`

export interface NewPassword {
  /** Set when changing (Settings); absent for a reset link. */
  current?: string
  next: string
  confirm: string
}

/**
 * "Use at least 8 characters." or "Use at most 128 characters.", or '' when the length is fine.
 * Characters are counted as the server counts them (code points), not in UTF-16 units.
 */
export function passwordLengthProblem(password: string): string {
  const length = [...password].length
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`
  return ''
}

/** Field errors keyed like the API's (`current_password`, `new_password`) plus `confirm`; empty when fine. */
export function checkNewPassword(p: NewPassword): Record<string, string> {
  const errors: Record<string, string> = {}
  if (p.current !== undefined && !p.current) errors.current_password = 'Enter your current password.'
  const length = passwordLengthProblem(p.next)
  if (!p.next) errors.new_password = 'Enter a new password.'
  else if (length) errors.new_password = length
  else if (p.current !== undefined && p.current && p.next === p.current)
    errors.new_password = 'Choose a password different from the current one.'
  if (!errors.new_password && p.confirm !== p.next)
    errors.confirm = p.confirm ? 'The two passwords are not the same.' : 'Type the new password again.'
  return errors
}

/** The API's field message as a sentence: "must be at least 8 characters" → "Must be at least 8 characters." */
export function sentence(message: string): string {
  if (!message) return message
  const s = message.charAt(0).toUpperCase() + message.slice(1)
  return /[.!?]$/.test(s) ? s : s + '.'
}
