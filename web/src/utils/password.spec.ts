import { describe, expect, it } from 'vitest'
import { checkNewPassword, passwordLengthProblem, sentence } from './password'

describe('checkNewPassword', () => {
  it('accepts a good change', () => {
    expect(checkNewPassword({ current: 'old password', next: 'new password', confirm: 'new password' })).toEqual({})
    expect(checkNewPassword({ next: 'new password', confirm: 'new password' })).toEqual({})
  })
  it('needs the current password when changing, not for a reset link', () => {
    expect(checkNewPassword({ current: '', next: 'new password', confirm: 'new password' })).toEqual({
      current_password: 'Enter your current password.',
    })
  })
  it('keeps the length rules of the server, counted in characters', () => {
    expect(checkNewPassword({ next: 'short', confirm: 'short' }).new_password).toBe('Use at least 8 characters.')
    expect(checkNewPassword({ next: 'x'.repeat(129), confirm: 'x'.repeat(129) }).new_password).toBe(
      'Use at most 128 characters.',
    )
    expect(checkNewPassword({ next: 'x'.repeat(128), confirm: 'x'.repeat(128) })).toEqual({})
    // Eight emoji are eight characters, though sixteen UTF-16 units.
    const emoji = '🔑'.repeat(8)
    expect(checkNewPassword({ next: emoji, confirm: emoji })).toEqual({})
    expect(checkNewPassword({ next: '🔑'.repeat(7), confirm: '🔑'.repeat(7) }).new_password).toBe(
      'Use at least 8 characters.',
    )
  })
  it('refuses the current password as the new one', () => {
    expect(checkNewPassword({ current: 'same password', next: 'same password', confirm: 'same password' })).toEqual({
      new_password: 'Choose a password different from the current one.',
    })
  })
  it('asks for the same password twice', () => {
    expect(checkNewPassword({ next: 'new password', confirm: 'new passw0rd' })).toEqual({
      confirm: 'The two passwords are not the same.',
    })
    expect(checkNewPassword({ next: 'new password', confirm: '' })).toEqual({ confirm: 'Type the new password again.' })
    // No confirm error on top of a bad new password.
    expect(checkNewPassword({ next: 'short', confirm: '' })).toEqual({ new_password: 'Use at least 8 characters.' })
  })
})

describe('sentence', () => {
  it("capitalises the server's field messages and ends them with a full stop", () => {
    expect(sentence('is not the current password')).toBe('Is not the current password.')
    expect(sentence('Already a sentence.')).toBe('Already a sentence.')
    expect(sentence('')).toBe('')
  })
})

describe('passwordLengthProblem', () => {
  it('counts characters as the server does (code points), not UTF-16 units', () => {
    expect(passwordLengthProblem('🔑🔑🔑🔑🔑🔑🔑')).toBe('Use at least 8 characters.') // 7 characters, 14 units
    expect(passwordLengthProblem('🔑'.repeat(8))).toBe('')
    expect(passwordLengthProblem('🔑'.repeat(100))).toBe('') // 200 units, 100 characters
    expect(passwordLengthProblem('a'.repeat(129))).toBe('Use at most 128 characters.')
    expect(passwordLengthProblem('')).toBe('Use at least 8 characters.')
  })
})
