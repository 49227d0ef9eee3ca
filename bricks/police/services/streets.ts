/** How a street name is compared: lower case, no accents, no punctuation, single spaces. */
export function normalizeStreet(name: string) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}
