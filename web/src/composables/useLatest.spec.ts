import { describe, expect, it } from 'vitest'
import { useLatest } from './useLatest'

describe('useLatest', () => {
  it('keeps a ticket current until a newer request begins', () => {
    const latest = useLatest()
    const first = latest.begin()
    expect(first()).toBe(true)
    const second = latest.begin()
    expect(first()).toBe(false)
    expect(second()).toBe(true)
  })

  it('lets a follow-up share the current request’s fate', () => {
    const latest = useLatest()
    const load = latest.begin()
    const more = latest.join()
    expect(more()).toBe(true)
    latest.begin()
    expect(load()).toBe(false)
    expect(more()).toBe(false)
  })

  it('drops every answer still on its way', () => {
    const latest = useLatest()
    const load = latest.begin()
    latest.drop()
    expect(load()).toBe(false)
    expect(latest.join()()).toBe(true)
  })

  it('keeps the newest of two overlapping answers, whichever comes first', async () => {
    const latest = useLatest()
    const shown: string[] = []
    async function load(answer: Promise<string>) {
      const mine = latest.begin()
      const value = await answer
      if (mine()) shown.push(value)
    }
    let answerOld!: (v: string) => void
    const old = load(new Promise((resolve) => (answerOld = resolve)))
    const fresh = load(Promise.resolve('new'))
    await fresh
    answerOld('old')
    await old
    expect(shown).toEqual(['new'])
  })
})
