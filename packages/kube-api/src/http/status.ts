// metav1.Status: every error the Kubernetes API answers, with the reason and code kubectl and client libraries
// switch on (NotFound, AlreadyExists, Conflict, Invalid, Gone, …).
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class KubeError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: StatusDetails | undefined;
  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): Record<string, unknown> {
    return statusObject('Failure', this.code, this.reason, this.message, this.details);
  }
}

export function statusObject(status: 'Success' | 'Failure', code: number, reason: string, message: string, details?: StatusDetails): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status,
    ...(message ? { message } : {}),
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
}

export const notFound = (resource: string, name: string) => new KubeError(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource.split('.')[0] });
export const badRequest = (message: string) => new KubeError(400, 'BadRequest', message);
export const methodNotAllowed = (message: string) => new KubeError(405, 'MethodNotAllowed', message);
