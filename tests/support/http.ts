/** Field errors flashed by a failed form submission (validation), by field name. */
export function inputErrors(response: { flashMessages(): unknown }): Record<string, string[]> {
  return ((response.flashMessages() as Record<string, unknown>).inputErrorsBag ?? {}) as Record<
    string,
    string[]
  >
}

/** Errors flashed by exceptions (CSRF, …), by code. */
export function flashedErrors(response: { flashMessages(): unknown }): Record<string, string> {
  return ((response.flashMessages() as Record<string, unknown>).errorsBag ?? {}) as Record<
    string,
    string
  >
}
