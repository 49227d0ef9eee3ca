import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

/**
 * A real S3-compatible HTTP server on loopback (s3rver: the S3 REST API,
 * path-style buckets, objects in a temporary folder), for the processes a
 * test starts to share their uploads through, as production servers share a
 * bucket. It checks the access key id, not V4 signatures.
 */
export interface TestS3Server {
  endpoint: string
  bucket: string
  /** the DRIVE_DISK=s3 environment that points a process at it */
  env: Record<string, string>
  /** the keys stored in the bucket */
  keys(): Promise<string[]>
  stop(): Promise<void>
}

export async function startTestS3Server(): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'parvis-s3-'))
  const bucket = 'parvis-uploads'
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  return {
    endpoint,
    bucket,
    env: {
      DRIVE_DISK: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'eu-west-3',
      S3_BUCKET: bucket,
      // s3rver's built-in key pair
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    async keys() {
      const response = await fetch(`${endpoint}/${bucket}?list-type=2`)
      const xml = await response.text()
      return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((match) => match[1])
    },
    async stop() {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
