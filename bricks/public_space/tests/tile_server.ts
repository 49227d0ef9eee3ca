import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import type { BrowserContext } from 'playwright-core'

/**
 * A loopback tile server (a plain 256 px PNG for every tile): maps in tests
 * never reach the real tile servers. MAP_TILE_URL is read at each page, so
 * pages rendered while it runs take their tiles from it; `served` lists the
 * paths asked (`/17/66424/45217.png`).
 */
export async function startTileServer() {
  const png = await sharp({
    create: { width: 256, height: 256, channels: 3, background: '#dfe8d8' },
  })
    .png()
    .toBuffer()
  const served: string[] = []
  const server: Server = createServer((request, response) => {
    served.push(request.url ?? '')
    response.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' })
    response.end(png)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const previous = process.env.MAP_TILE_URL
  process.env.MAP_TILE_URL = `http://127.0.0.1:${port}/{z}/{x}/{y}.png`
  return {
    served,
    stop: async () => {
      if (previous === undefined) delete process.env.MAP_TILE_URL
      else process.env.MAP_TILE_URL = previous
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** Every request a context makes that would leave the machine. */
export function foreignRequests(context: BrowserContext) {
  const foreign: string[] = []
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:')
      foreign.push(request.url())
  })
  return foreign
}
