import type { LibraryLocator } from './entry.js';

/**
 * What an object storage API does with data, as the engine applies it. Objects are named by
 * URI (`s3://bucket/key`, `gs://bucket/name`), so a job that names the same bucket and key
 * parts reads what was written, as file paths do:
 * - `object-write`: the options of the first argument name the bucket and key, and carry the data;
 * - `object-bucket`: the result is the bucket its first argument names;
 * - `object-file`: the result is the object its first argument names in the receiver's bucket;
 * - `object-save`: the first argument is written to the receiver's object;
 * - `object-upload`: the local file the first argument names is copied into the receiver's
 *   bucket, under the `destination` option (or the file's own name).
 */
export type ObjectStorageRole =
  | 'object-write'
  | 'object-bucket'
  | 'object-file'
  | 'object-save'
  | 'object-upload';

/** One object storage API, recognised by the package that declares it and its member path. */
export interface ObjectStorageEntry {
  readonly at: LibraryLocator;
  readonly role: ObjectStorageRole;
  /** The URI scheme of the store's objects. */
  readonly scheme: string;
  /** Dotted paths in the first argument of the bucket, the key and the data (`object-write`). */
  readonly bucket?: string;
  readonly key?: string;
  readonly data?: string;
  /** The option of the second argument that names the uploaded object (`object-upload`). */
  readonly destination?: string;
}

/** The built-in catalogue of object storage clients (Amazon S3, Google Cloud Storage). */
export const objectStorageApis: readonly ObjectStorageEntry[] = [
  {
    at: { package: '@aws-sdk/client-s3', path: 'PutObjectCommand', call: 'construct' },
    role: 'object-write',
    scheme: 's3',
    bucket: 'Bucket',
    key: 'Key',
    data: 'Body',
  },
  {
    at: { package: '@aws-sdk/lib-storage', path: 'Upload', call: 'construct' },
    role: 'object-write',
    scheme: 's3',
    bucket: 'params.Bucket',
    key: 'params.Key',
    data: 'params.Body',
  },
  {
    at: { package: '@google-cloud/storage', path: 'bucket', call: 'call' },
    role: 'object-bucket',
    scheme: 'gs',
  },
  {
    at: { package: '@google-cloud/storage', path: 'file', call: 'call' },
    role: 'object-file',
    scheme: 'gs',
  },
  {
    at: { package: '@google-cloud/storage', path: 'save', call: 'call' },
    role: 'object-save',
    scheme: 'gs',
  },
  {
    at: { package: '@google-cloud/storage', path: 'upload', call: 'call' },
    role: 'object-upload',
    scheme: 'gs',
    destination: 'destination',
  },
];
