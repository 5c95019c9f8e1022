import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { TrackerInput, ValueToMap } from '@/api/types'
import ValueMappingForm from './ValueMappingForm.vue'

const yesNo: ValueToMap[] = [
  { value: true, label: 'yes', count: 50, suggested: null },
  { value: false, label: 'no', count: 3, suggested: null },
]
const toChoice: TrackerInput = {
  type: 'choice',
  options: { choices: [{ label: 'Good' }, { label: 'Bad' }, { label: 'Neutral' }] },
}

function show(values: ValueToMap[] = yesNo, input: TrackerInput = toChoice) {
  return mount(ValueMappingForm, {
    props: { name: 'Walked', fromType: 'boolean', input, values },
    attachTo: document.body,
  })
}

describe('the value mapping question', () => {
  it('names each old value with its count, and offers every new one or deleting its logs', () => {
    const w = show()
    expect(w.text()).toContain('Walked is changing from yes/no to choice')
    expect(w.find('label[for="map-0"]').text()).toBe('Yes — 50 logs')
    const options = w.findAll('#map-0 option').map((o) => o.text())
    expect(options).toEqual(['Choose…', 'Good', 'Bad', 'Neutral', 'Delete these 50 logs'])
    w.unmount()
  })

  it('starts undecided: nothing is guessed for the user', async () => {
    const w = show()
    expect((w.find('#map-0').element as HTMLSelectElement).value).toBe('')
    await w.findAll('button')[0].trigger('click')
    expect(w.emitted('apply')).toBeUndefined()
    expect(w.find('[role="alert"]').text()).toBe('Choose what Yes becomes, or delete its logs.')
    w.unmount()
  })

  it('shows the counts after, in the order of the new values, then sends the mapping', async () => {
    const w = show()
    await w.find('#map-0').setValue(JSON.stringify('Good'))
    await w.find('#map-1').setValue('__delete__')
    expect(w.find('.after').text().replace(/\s+/g, ' ')).toBe('After: Good 50 · 3 logs deleted')
    await w.findAll('button')[0].trigger('click')
    expect(w.emitted('apply')?.[0]).toEqual([
      [
        { from: true, to: 'Good' },
        { from: false, to: null },
      ],
    ])
    w.unmount()
  })

  it('starts from a suggestion where there is one, and offers the rating scale with its labels', () => {
    const ratings: ValueToMap[] = [{ value: 5, label: '5', count: 2, suggested: 10 }]
    const w = show(ratings, { type: 'rating', options: { scale: 10, labels: null } })
    expect((w.find('#map-0').element as HTMLSelectElement).value).toBe('10')
    expect(w.findAll('#map-0 option')).toHaveLength(10 + 2)
    w.unmount()
  })

  it('takes a typed number when the new type is a number', async () => {
    const w = show([{ value: 'Good', label: 'Good', count: 4, suggested: null }], { type: 'numeric' })
    await w.find('input#map-0').setValue('7.5')
    await w.findAll('button').at(-2)!.trigger('click')
    expect(w.emitted('apply')?.[0]).toEqual([[{ from: 'Good', to: 7.5 }]])
    w.unmount()
  })

  it('gives the choice back with "Keep my data as it is"', async () => {
    const w = show()
    await w.findAll('button').at(-1)!.trigger('click')
    expect(w.emitted('keep')).toHaveLength(1)
    w.unmount()
  })
})
