import { describe, expect, it } from 'vitest'
import { createLogUids, newLogUid, type UidCrypto } from './logUid'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const AT = Date.UTC(2026, 1, 17, 10, 0, 0, 123) // 0x019c6b0add7b milliseconds

/** Web Crypto whose random bytes the test chooses. */
function randomBytes(fill: (bytes: Uint8Array) => void): UidCrypto {
  return {
    getRandomValues(array) {
      fill(array)
      return array
    },
  }
}

describe('newLogUid', () => {
  it('starts with the time in milliseconds, then version 7 and random bits', () => {
    expect(
      newLogUid(
        randomBytes((bytes) => bytes.fill(0)),
        AT,
      ),
    ).toBe('019c6b0a-dd7b-7000-8000-000000000000')
    expect(
      newLogUid(
        randomBytes((bytes) => bytes.fill(0xff)),
        AT,
      ),
    ).toBe('019c6b0a-dd7b-7fff-bfff-ffffffffffff')
    const uid = newLogUid(
      randomBytes((bytes) => bytes.forEach((_, i) => (bytes[i] = i))),
      AT,
    )
    expect(uid).toBe('019c6b0a-dd7b-7607-8809-0a0b0c0d0e0f') // the random bytes in order
  })

  it('sorts a later one after an earlier one, as text', () => {
    const highest = randomBytes((bytes) => bytes.fill(0xff))
    const lowest = randomBytes((bytes) => bytes.fill(0))
    expect(newLogUid(highest, AT) < newLogUid(lowest, AT + 1)).toBe(true)
    expect(newLogUid(highest, AT - 365 * 86_400_000) < newLogUid(lowest, AT)).toBe(true)
  })

  it('is a different version 7 UUID each time with the real crypto', () => {
    const uids = new Set(Array.from({ length: 50 }, () => newLogUid(globalThis.crypto, AT)))
    expect(uids.size).toBe(50)
    for (const uid of uids) expect(uid).toMatch(UUID_V7)
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
