import { ApiError } from '../api/client.ts';

/** The server's message for a failed call (its JSON `message`), else the error's text. */
export const messageOf = (err: unknown): string => (err instanceof ApiError || err instanceof Error ? err.message : String(err));
