import { describe, expect, it } from 'vitest'
import cases from './units.cases.json'
import { singularUnit, unitAfter } from './units'

describe('singularUnit', () => {
  // The same table specifies the server's rule (server/tests/unit/units_test.cpp).
  it.each(cases as [string, string][])('reads %j as %j', (unit, singular) => {
    expect(singularUnit(unit)).toBe(singular)
  })
})

describe('unitAfter', () => {
  it('is singular after exactly one or minus one', () => {
    expect(unitAfter(1, 'glasses')).toBe('glass')
    expect(unitAfter(-1, 'hours')).toBe('hour')
    expect(unitAfter(1, 'km')).toBe('km')
  })

  it('stays as typed after any other number', () => {
    expect(unitAfter(2, 'glasses')).toBe('glasses')
    expect(unitAfter(0, 'cups')).toBe('cups')
    expect(unitAfter(1.5, 'cups')).toBe('cups')
    expect(unitAfter(0.99, 'cups')).toBe('cups')
  })
})
