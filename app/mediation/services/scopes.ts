import modules from '#core/services/modules'

/** Core modules a mandate may cover besides the bricks: demands of the core's procedures, appointments. */
const CORE_SCOPES = [
  { name: 'demands', label: 'mediation.scopes.demands' },
  { name: 'appointments', label: 'mediation.scopes.appointments' },
]

/** What a resident may let a mediator do: each enabled brick, then the core's demands and appointments. */
export function scopeOptions(): { name: string; label: string }[] {
  return [
    ...modules.enabledBricks().map(({ definition }) => ({
      name: definition.name,
      label: definition.label,
    })),
    ...CORE_SCOPES,
  ]
}

/** The scope asked for, if every name in it is one on offer (a forged name is refused). */
export function knownScope(asked: string[]) {
  const names = new Set(scopeOptions().map((option) => option.name))
  return asked.every((name) => names.has(name))
}

/** The label (i18n key) of a module of a mandate's scope. */
export function scopeLabel(name: string) {
  return scopeOptions().find((option) => option.name === name)?.label ?? name
}
