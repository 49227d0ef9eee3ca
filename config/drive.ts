import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/*
 * Files residents upload are private: they are never served directly, only
 * through controllers that check who asks. One server keeps them on its disk
 * (fs); several servers share an S3-compatible store (s3), so that a file
 * uploaded through one process is read by any other and by the workers.
 * The S3 disk is declared only when chosen: its SDK then loads at boot.
 */
const disk = env.get('DRIVE_DISK', 'fs')

const driveConfig = defineConfig({
  default: disk,
  services: {
    fs: services.fs({
      location: env.get(
        'DRIVE_ROOT',
        app.makePath(app.inTest ? 'tmp/test-storage' : 'tmp/storage')
      ),
      serveFiles: false,
      visibility: 'private',
    }),
    ...(disk === 's3'
      ? {
          s3: services.s3({
            credentials: {
              accessKeyId: env.get('S3_ACCESS_KEY_ID') ?? '',
              secretAccessKey: env.get('S3_SECRET_ACCESS_KEY') ?? '',
            },
            region: env.get('S3_REGION', 'us-east-1'),
            endpoint: env.get('S3_ENDPOINT'),
            forcePathStyle: env.get('S3_FORCE_PATH_STYLE', true),
            bucket: env.get('S3_BUCKET') ?? 'parvis',
            visibility: 'private',
            // Plain bodies with a Content-Length, no aws-chunked trailers: what
            // every S3-compatible server understands (some store the chunk
            // framing inside the file otherwise).
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
          }),
        }
      : {}),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
