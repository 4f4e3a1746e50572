// The errors the server raises, with the message shapes of a real kube-apiserver so that logs and
// traces read the same against either backend.

import type { KindSchema } from '../../engine/api/schema/types.js';
import { ApiError, type FieldCause } from '../../engine/runtime/errors.js';
import { qualifiedKind, resourceName } from './kind-registry.js';

export const notFound = (schema: KindSchema, name: string): ApiError =>
  new ApiError('NotFound', `${resourceName(schema)} "${name}" not found`);

export const alreadyExists = (schema: KindSchema, name: string): ApiError =>
  new ApiError('AlreadyExists', `${resourceName(schema)} "${name}" already exists`);

export const staleResourceVersion = (schema: KindSchema, name: string): ApiError =>
  new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${resourceName(schema)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );

export const uidPreconditionFailed = (schema: KindSchema, name: string, expected: string, actual: string): ApiError =>
  new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${resourceName(schema)} "${name}": Precondition failed: UID in precondition: ${expected}, UID in object meta: ${actual}`,
  );

export function invalid(schema: KindSchema, name: string, causes: FieldCause[]): ApiError {
  const detail = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return new ApiError('Invalid', `${qualifiedKind(schema)} "${name}" is invalid: ${detail}`, causes);
}

export const namespaceMismatch = (): ApiError =>
  new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');

export const emptyNamespaceWithName = (): ApiError =>
  new ApiError('BadRequest', 'an empty namespace may not be set when a resource name is provided');

export const namespaceTerminating = (schema: KindSchema, name: string, namespace: string): ApiError =>
  new ApiError(
    'Forbidden',
    `${resourceName(schema)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
  );

export const noStatusSubresource = (): ApiError => new ApiError('NotFound', 'the server could not find the requested resource');

export const unavailable = (cluster: string): ApiError =>
  new ApiError('Unavailable', `the server is currently unable to handle the request (cluster "${cluster}" is unavailable)`);

export const immortalNamespace = (name: string): ApiError =>
  new ApiError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
