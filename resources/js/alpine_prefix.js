// Alpine's directives are written data-x-data, data-x-show… (x-* attributes
// are not valid HTML). Loaded just before Alpine, which starts right after.
document.addEventListener('alpine:init', () => {
  window.Alpine.prefix('data-x-')
})
