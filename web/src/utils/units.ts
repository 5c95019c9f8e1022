// A tracker's unit as it reads after a number. A unit is free text the user
// typed, usually a plural English noun ("glasses", "cups of tea", "km"): after
// exactly one it reads in the singular, "1 glass", "1 cup of tea", "1 km". The
// server follows the same rule (server/src/core/units.cpp, for emails); one
// table of cases, units.cases.json, specifies both.

/** Plurals no suffix rule reads right, and plural abbreviations ("lbs") the vowel rule would refuse. */
const IRREGULAR: Record<string, string> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  feet: 'foot',
  teeth: 'tooth',
  lbs: 'lb',
  hrs: 'hr',
  kgs: 'kg',
  kms: 'km',
  yds: 'yd',
  pts: 'pt',
}

/** Words that end in "s" and are no plural, or the same in both numbers. */
const INVARIANT = new Set(['series', 'species', 'news', 'gas', 'yes'])

/** Nouns in "-ie": "calories" is "calorie", where "berries" is "berry". */
const IE_NOUNS = new Set(['calories', 'cookies', 'movies', 'smoothies', 'brownies', 'selfies', 'veggies', 'hoodies'])

const isVowel = (c: string) => 'aeiouy'.includes(c)

/** The lowercase singular of a lowercase word, or the word itself. */
function singularOfLower(word: string): string {
  if (Object.hasOwn(IRREGULAR, word)) return IRREGULAR[word]
  const n = word.length
  if (n < 3 || !word.endsWith('s') || INVARIANT.has(word)) return word
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word
  // "bps", "kbps": a rate, not a plural. A plural word keeps a vowel once its "s" is gone.
  if (![...word.slice(0, -1)].some(isVowel)) return word
  if (word.endsWith('ies')) {
    if (n === 4 || IE_NOUNS.has(word)) return word.slice(0, -1) // pies, calories
    return word.slice(0, -3) + 'y' // berries
  }
  if (word.endsWith('aches') && (n === 5 || !isVowel(word[n - 6]))) return word.slice(0, -1) // headaches
  if (['sses', 'shes', 'ches', 'xes', 'zzes'].some((end) => word.endsWith(end))) return word.slice(0, -2) // glasses
  return word.slice(0, -1)
}

/** The singular of one word, in the word's own case: "Glasses" → "Glass", "CUPS" → "CUP", "push-ups" → "push-up". */
function singularWord(word: string): string {
  const hyphen = word.lastIndexOf('-')
  if (hyphen > 0 && /^[A-Za-z]+(-[A-Za-z]+)+$/.test(word)) {
    return word.slice(0, hyphen + 1) + singularWord(word.slice(hyphen + 1))
  }
  if (!/^[A-Za-z]+$/.test(word)) return word
  const lower = word.toLowerCase()
  const singular = singularOfLower(lower)
  if (singular === lower) return word
  const allUpper = word.length > 1 && word === word.toUpperCase()
  let same = 0
  while (same < singular.length && singular[same] === lower[same]) same++
  const rest = singular.slice(same)
  return word.slice(0, same) + (allUpper ? rest.toUpperCase() : rest)
}

/**
 * The singular of a unit: its noun (the word before " of ", else the last word)
 * made singular when it is a plural English word. Abbreviations ("kg", "bpm",
 * "kcal"), words with other characters ("%", "steps/day") and words singular
 * already ("glass", "status") stay as they are.
 */
export function singularUnit(unit: string): string {
  const words = unit.split(' ')
  let noun = words.length - 1
  for (let i = 1; i < words.length; i++) {
    if (words[i].toLowerCase() === 'of') {
      noun = i - 1
      break
    }
  }
  return words.map((w, i) => (i === noun ? singularWord(w) : w)).join(' ')
}

/** `unit` as it reads after `shown`, the number as displayed (rounded): singular after 1 or -1. */
export function unitAfter(shown: number, unit: string): string {
  return shown === 1 || shown === -1 ? singularUnit(unit) : unit
}
