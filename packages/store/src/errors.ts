// The closed set of error codes @portico/store reports. Expected failures are values ({ ok: false, code, … });
// misuse (calling a closed store) throws a StoreError with a code.
export type StoreErrorCode =
  | 'STORE_CLOSED'
  | 'STORE_INVALID_INPUT'
  | 'STORE_IO'
  | 'STORE_CONFLICT'
  | 'STORE_ALREADY_EXISTS'
  | 'STORE_NOT_FOUND';

export const STORE_ERROR_DESCRIPTIONS: Record<StoreErrorCode, string> = {
  STORE_CLOSED: 'the store was closed',
  STORE_INVALID_INPUT: 'kind/name/namespace missing or malformed',
  STORE_IO: 'the database failed (disk full, locked, corrupt)',
  STORE_CONFLICT: 'an apply precondition on resourceVersion failed: the object changed since it was read',
  STORE_ALREADY_EXISTS: 'an apply that must create found the object already there',
  STORE_NOT_FOUND: 'an apply that must update found no object',
};

/** Every code, in the order of the descriptions (tsc fails when a code has no description). */
export const STORE_ERROR_CODES = Object.keys(STORE_ERROR_DESCRIPTIONS) as readonly StoreErrorCode[];

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
