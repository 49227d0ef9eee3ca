/*
 * Maps, as progressive enhancement (loaded by pages with the 'map' enhancement).
 * Every page works without this file: a map only adds a way to point at a
 * place or to see places. Leaflet (about 40 KB compressed) and its stylesheet
 * are fetched from the portal only when a map is shown, so a page stays light
 * on a low-end phone until the resident asks for the map.
 *
 * <div class="map" data-map="picker|markers" hidden
 *      data-map-leaflet="/assets/leaflet…js" data-map-leaflet-css="/assets/leaflet…css"
 *      data-map-tiles="https://…/{z}/{x}/{y}.png" data-map-attribution="…"
 *      data-map-center="48.63,2.44" data-map-zoom="14"
 *      data-map-label="what the map shows (for screen readers)"
 *      data-map-open="#button-id"          (optional: shown on that button's click, else at once)
 *   picker:  data-map-lat="#lat" data-map-lng="#lng" data-map-status="#status-id"
 *            data-map-locate="#button-id" data-map-point-text="Point choisi : {point}"
 *            data-map-locate-failed="…"
 *   markers: data-map-markers="/…/carte.json?filters" data-map-truncated="…"
 * ></div>
 *
 * No inline script nor style attribute is written (strict CSP): Leaflet moves
 * its panes through the CSSOM, which the policy allows.
 */
;(() => {
  let leaflet = null

  function loadLeaflet(element) {
    if (leaflet) return leaflet
    leaflet = new Promise((resolve, reject) => {
      const css = document.createElement('link')
      css.rel = 'stylesheet'
      css.href = element.dataset.mapLeafletCss
      document.head.appendChild(css)
      const script = document.createElement('script')
      script.src = element.dataset.mapLeaflet
      script.onload = () => resolve(window.L)
      script.onerror = reject
      document.head.appendChild(script)
    })
    return leaflet
  }

  function pinIcon(L) {
    return L.divIcon({ className: 'map-pin', iconSize: [24, 24], iconAnchor: [12, 24] })
  }

  function baseMap(L, element) {
    const [lat, lng] = element.dataset.mapCenter.split(',').map(Number)
    const map = L.map(element, {
      center: [lat, lng],
      zoom: Number(element.dataset.mapZoom || 14),
      zoomControl: false,
    })
    // The zoom buttons speak the page's language (Leaflet's own titles are English).
    L.control
      .zoom({
        zoomInTitle: element.dataset.mapZoomIn || 'Zoom in',
        zoomOutTitle: element.dataset.mapZoomOut || 'Zoom out',
      })
      .addTo(map)
    map.attributionControl.setPrefix(false)
    L.tileLayer(element.dataset.mapTiles, {
      maxZoom: 19,
      attribution: element.dataset.mapAttribution,
    }).addTo(map)
    // The map's container is a labelled region; Leaflet makes it focusable (arrow keys pan).
    element.setAttribute('role', 'region')
    element.setAttribute('aria-label', element.dataset.mapLabel || '')
    return map
  }

  function picker(L, element) {
    const map = baseMap(L, element)
    const lat = document.querySelector(element.dataset.mapLat)
    const lng = document.querySelector(element.dataset.mapLng)
    const status = document.querySelector(element.dataset.mapStatus)
    const start = lat.value && lng.value ? [Number(lat.value), Number(lng.value)] : map.getCenter()
    const pin = L.marker(start, {
      draggable: true,
      icon: pinIcon(L),
      keyboard: true,
      title: element.dataset.mapPinTitle || '',
      alt: element.dataset.mapPinTitle || '',
    }).addTo(map)

    function place(point) {
      pin.setLatLng(point)
      lat.value = point.lat.toFixed(6)
      lng.value = point.lng.toFixed(6)
      if (status) {
        const text = `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`
        status.textContent = (element.dataset.mapPointText || '{point}').replace('{point}', text)
      }
    }
    pin.on('dragend', () => place(pin.getLatLng()))
    map.on('click', (event) => place(event.latlng))
    if (lat.value && lng.value) place(pin.getLatLng())

    const locate = document.querySelector(element.dataset.mapLocate)
    if (locate && 'geolocation' in navigator) {
      locate.hidden = false
      locate.addEventListener('click', () => {
        navigator.geolocation.getCurrentPosition(
          (position) => {
            const point = L.latLng(position.coords.latitude, position.coords.longitude)
            place(point)
            map.setView(point, 18)
          },
          () => {
            if (status) status.textContent = element.dataset.mapLocateFailed || ''
          },
          { enableHighAccuracy: true, timeout: 10000 }
        )
      })
    }
  }

  function markers(L, element) {
    const map = baseMap(L, element)
    const layer = L.layerGroup().addTo(map)
    const source = element.dataset.mapMarkers
    const status = document.querySelector(element.dataset.mapStatus)
    let request = 0

    async function refresh() {
      const bounds = map.getBounds()
      const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(
        (value) => value.toFixed(6)
      )
      const url = `${source}${source.includes('?') ? '&' : '?'}bbox=${bbox.join(',')}`
      const mine = ++request
      const response = await fetch(url, { headers: { Accept: 'application/json' } })
      if (!response.ok || mine !== request) return
      const data = await response.json()
      layer.clearLayers()
      for (const feature of data.features) {
        const [lng, lat] = feature.geometry.coordinates
        const { reference, category, statusLabel, url: link } = feature.properties
        const content = document.createElement('p')
        const anchor = document.createElement('a')
        anchor.href = link
        anchor.textContent = reference
        content.append(
          anchor,
          document.createElement('br'),
          category,
          document.createElement('br'),
          statusLabel
        )
        L.circleMarker([lat, lng], {
          radius: 7,
          className: `map-marker map-marker--${feature.properties.status}`,
        })
          .bindPopup(content)
          .addTo(layer)
      }
      if (status) status.textContent = data.truncated ? element.dataset.mapTruncated || '' : ''
      element.dataset.mapLoaded = String(data.features.length)
    }
    map.on('moveend', refresh)
    refresh()
  }

  async function show(element) {
    element.hidden = false
    const L = await loadLeaflet(element)
    if (element.dataset.mapStarted) return
    element.dataset.mapStarted = 'true'
    if (element.dataset.map === 'picker') picker(L, element)
    else markers(L, element)
    element.dataset.mapReady = 'true'
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const element of document.querySelectorAll('[data-map]')) {
      const opener = element.dataset.mapOpen
        ? document.querySelector(element.dataset.mapOpen)
        : null
      if (!opener) {
        show(element)
        continue
      }
      opener.hidden = false
      opener.addEventListener('click', () => {
        opener.hidden = true
        show(element)
      })
    }
  })
})()
