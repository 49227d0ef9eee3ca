// Shows and hides a procedure's conditional questions as the resident
// answers, without a round trip, and keeps the hidden "_shown" input telling
// the server which questions were on screen. Without JavaScript the server
// shows new questions itself. A plain script of a few lines: with htmx for
// the inline checks, a step stays well under the 30 KB page budget.
;(() => {
  const normalize = (value) => {
    if (value === true || value === 'true' || value === 'yes' || value === 'oui') return 'true'
    if (value === false || value === 'false' || value === 'no' || value === 'non') return 'false'
    return value === undefined || value === null ? '' : String(value)
  }

  const refresh = (form) => {
    const data = new FormData(form)
    const valuesOf = (name) =>
      data
        .getAll(name)
        .concat(data.getAll(name + '[]'))
        .filter((value) => typeof value === 'string')
    const shown = []
    form.querySelectorAll('[data-field]').forEach((wrapper) => {
      const rule = wrapper.dataset.showWhen ? JSON.parse(wrapper.dataset.showWhen) : null
      let visible = true
      if (rule) {
        const values = valuesOf(rule.field).map(normalize)
        if ('equals' in rule) visible = values.includes(normalize(rule.equals))
        else if ('notEquals' in rule)
          visible = !values.includes(normalize(rule.notEquals))
        else if ('in' in rule)
          visible = rule.in.map(normalize).some((expected) => values.includes(expected))
        else visible = values.some((value) => value !== '')
      }
      wrapper.hidden = !visible
      if (visible) shown.push(wrapper.dataset.field)
    })
    const input = form.querySelector('input[name="_shown"]')
    if (input) input.value = shown.join(',')
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('form[data-procedure-form]').forEach((form) => {
      const update = () => refresh(form)
      form.addEventListener('change', update)
      form.addEventListener('input', update)
      update()
    })
  })
})()
