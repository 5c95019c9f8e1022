import { describe, expect, it } from 'vitest'
import { createLogUids, newLogUid, type UidCrypto } from './logUid'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** Web Crypto as an insecure context has it: getRandomValues, no randomUUID. */
function withoutRandomUUID(fill: (bytes: Uint8Array) => void): UidCrypto {
  return {
    getRandomValues(array) {
      fill(array)
      return array
    },
  }
}

describe('newLogUid', () => {
  it('uses crypto.randomUUID where there is one', () => {
    const source = { ...withoutRandomUUID(() => {}), randomUUID: () => '0b5c2c9e-1f3a-4d2b-9c8e-7a6f5e4d3c2b' }
    expect(newLogUid(source)).toBe('0b5c2c9e-1f3a-4d2b-9c8e-7a6f5e4d3c2b')
  })

  it('makes a version 4 UUID from getRandomValues without it', () => {
    for (const byte of [0x00, 0xff, 0x5a]) {
      const uid = newLogUid(withoutRandomUUID((bytes) => bytes.fill(byte)))
      expect(uid).toMatch(UUID_V4)
    }
    expect(newLogUid(withoutRandomUUID((bytes) => bytes.fill(0xff)))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    expect(newLogUid(withoutRandomUUID((bytes) => bytes.fill(0)))).toBe('00000000-0000-4000-8000-000000000000')
  })

  it('puts the random bytes in order', () => {
    const uid = newLogUid(withoutRandomUUID((bytes) => bytes.forEach((_, i) => (bytes[i] = i))))
    expect(uid).toBe('00010203-0405-4607-8809-0a0b0c0d0e0f')
  })

  it('is a different version 4 UUID each time with the real crypto', () => {
    const uids = new Set(Array.from({ length: 50 }, () => newLogUid()))
    expect(uids.size).toBe(50)
    for (const uid of uids) expect(uid).toMatch(UUID_V4)
    const fallback = newLogUid({ getRandomValues: (a) => globalThis.crypto.getRandomValues(a) })
    expect(fallback).toMatch(UUID_V4)
  })
})

describe('createLogUids', () => {
  let n = 0
  const counter = () => `uid-${++n}`

  it('sends the same log again with the same uid until it is added', () => {
    const uids = createLogUids(counter)
    const first = uids.uidFor(1, { value: 2 })
    expect(uids.uidFor(1, { value: 2 })).toBe(first) // a retry after a failure
    uids.added(first)
    expect(uids.uidFor(1, { value: 2 })).not.toBe(first) // the same value again is a second log
  })

  it('gives another log, or the same value for another tracker, a new uid', () => {
    const uids = createLogUids(counter)
    const first = uids.uidFor(1, { value: 2 })
    expect(uids.uidFor(1, { value: 3 })).not.toBe(first)
    expect(uids.uidFor(2, { value: 3 })).not.toBe(first)
  })
})
