// The closed set of error codes @portico/store reports. Expected failures are values ({ ok: false, code, … });
// misuse (calling a closed store) throws a StoreError with a code.
export type StoreErrorCode =
  | 'STORE_CLOSED' // the store was closed
  | 'STORE_INVALID_INPUT' // kind/name/namespace missing or malformed
  | 'STORE_IO'; // the database failed (disk full, locked, corrupt)

export const STORE_ERROR_CODES: readonly StoreErrorCode[] = ['STORE_CLOSED', 'STORE_INVALID_INPUT', 'STORE_IO'];

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
