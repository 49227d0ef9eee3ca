// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to the error summary so screen-reader and keyboard users hear
  // what went wrong first (GOV.UK pattern).
  const summary = document.querySelector('[data-error-summary]')
  if (summary) summary.focus()
})

// htmx sends the CSRF token of the page with every request it makes.
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector('meta[name="csrf-token"]')
  if (token) event.detail.headers['X-CSRF-TOKEN'] = token.getAttribute('content')
})
