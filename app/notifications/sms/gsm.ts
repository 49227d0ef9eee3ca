/*
 * SMS text: GSM 03.38 (GSM-7) or UCS-2, and how many segments it costs.
 *
 * The GSM-7 basic set has é, è, ù, ì, ò, à, É, Ç (capital only), Ä, Ö, Ñ, Ü…
 * but not â, ê, î, ô, û, ë, ï, ç, œ, À, È, Ê, nor the typographic apostrophe
 * and quotes French texts are full of. One such character switches the whole
 * message to UCS-2: 70 characters a segment instead of 160, a French reminder
 * of 200 characters costing 3 segments instead of 2. So Parvis transliterates
 * the characters outside GSM-7 that have a plain Latin form (ê → e, ç → c,
 * œ → oe, ’ → ', « » → ") before counting and sending; only a text that still
 * holds something else (an emoji, a non-Latin script) leaves in UCS-2.
 */

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
/** Each of these takes two septets (an escape, then the character). */
const EXTENSION = '\f^{}\\[~]|€'

const basicSet = new Set(BASIC)
const extensionSet = new Set(EXTENSION)

const TRANSLITERATIONS: Record<string, string> = {
  'â': 'a',
  'á': 'a',
  'ã': 'a',
  'À': 'A',
  'Â': 'A',
  'Á': 'A',
  'Ã': 'A',
  'ç': 'c',
  'ê': 'e',
  'ë': 'e',
  'È': 'E',
  'Ê': 'E',
  'Ë': 'E',
  'î': 'i',
  'ï': 'i',
  'í': 'i',
  'Î': 'I',
  'Ï': 'I',
  'Í': 'I',
  'Ì': 'I',
  'ô': 'o',
  'ó': 'o',
  'õ': 'o',
  'Ô': 'O',
  'Ó': 'O',
  'Õ': 'O',
  'Ò': 'O',
  'û': 'u',
  'ú': 'u',
  'Û': 'U',
  'Ú': 'U',
  'Ù': 'U',
  'ÿ': 'y',
  'Ÿ': 'Y',
  'œ': 'oe',
  'Œ': 'OE',
  '‘': "'",
  '’': "'",
  '‚': "'",
  'ʼ': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\t': ' ',
}

export type SmsEncoding = 'gsm7' | 'ucs2'

export interface SmsText {
  /** the text as it leaves (transliterated) */
  text: string
  encoding: SmsEncoding
  /** septets (GSM-7) or UTF-16 code units (UCS-2) */
  units: number
  segments: number
}

export const GSM7_SINGLE = 160
export const GSM7_CONCATENATED = 153
export const UCS2_SINGLE = 70
export const UCS2_CONCATENATED = 67

/** Replaces what GSM-7 lacks by its plain Latin form, leaving anything else as it is. */
export function transliterate(text: string) {
  // French quotes hold their spaces inside (« ici »): plain quotes do not ("ici").
  const quoted = text.replace(/«[\s\u00a0\u202f]*/g, '«').replace(/[\s\u00a0\u202f]*»/g, '»')
  let out = ''
  for (const character of quoted) out += TRANSLITERATIONS[character] ?? character
  return out
}

/** Septets of one character in GSM-7, or null when it is not in GSM-7. */
function septets(character: string) {
  if (basicSet.has(character)) return 1
  if (extensionSet.has(character)) return 2
  return null
}

/**
 * Segments of a list of character widths: one segment up to `single` units,
 * else segments of `concatenated` units, never splitting a character (an
 * escape pair or a surrogate pair stays in one segment, as phones require).
 */
function countSegments(widths: number[], single: number, concatenated: number) {
  const total = widths.reduce((sum, width) => sum + width, 0)
  if (total <= single) return { units: total, segments: total === 0 ? 0 : 1 }
  let segments = 1
  let used = 0
  for (const width of widths) {
    if (used + width > concatenated) {
      segments += 1
      used = 0
    }
    used += width
  }
  return { units: total, segments }
}

/** The text as it will leave, its encoding and its segments. */
export function prepareSmsText(input: string): SmsText {
  const text = transliterate(input.replace(/\r\n/g, '\n'))
  const characters = [...text]
  const gsm = characters.map(septets)
  if (gsm.every((width) => width !== null)) {
    return {
      text,
      encoding: 'gsm7',
      ...countSegments(gsm as number[], GSM7_SINGLE, GSM7_CONCATENATED),
    }
  }
  return {
    text,
    encoding: 'ucs2',
    ...countSegments(
      characters.map((character) => character.length),
      UCS2_SINGLE,
      UCS2_CONCATENATED
    ),
  }
}

/** A sender name as operators accept it: 3 to 11 letters or digits, not only digits. */
export const SENDER_PATTERN = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/
