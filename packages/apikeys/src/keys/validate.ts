// Input rules for a new key, shared by both stores (and therefore by the portal server's 400 answers).
import type { Result } from '../errors.ts';
import { fail } from '../errors.ts';
import type { ApiKeyRecord, CreateApiKeyInput } from '../types.ts';
import { newKeyId } from './secret.ts';

const MAX_NAME = 200;
const MAX_METADATA_ENTRIES = 32;
const MAX_METADATA_VALUE = 1024;

export function buildRecord(input: CreateApiKeyInput, now: Date): Result<ApiKeyRecord> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) return fail('APIKEY_INPUT_INVALID', 'apiKeyName: Please supply an API Key Name', 'apiKeyName');
  if (name.length > MAX_NAME) return fail('APIKEY_INPUT_INVALID', `apiKeyName: at most ${MAX_NAME} characters`, 'apiKeyName');
  if (typeof input.usagePlan !== 'string' || !input.usagePlan) {
    return fail('APIKEY_INPUT_INVALID', 'usagePlan: required', 'usagePlan');
  }
  if (typeof input.owner !== 'string' || !input.owner) return fail('APIKEY_INPUT_INVALID', 'owner: required', 'owner');
  const extra = input.metadata ?? {};
  const entries = Object.entries(extra);
  if (entries.length > MAX_METADATA_ENTRIES) {
    return fail('APIKEY_INPUT_INVALID', `metadata: at most ${MAX_METADATA_ENTRIES} entries`, 'metadata');
  }
  for (const [k, v] of entries) {
    if (typeof v !== 'string' || v.length > MAX_METADATA_VALUE) {
      return fail('APIKEY_INPUT_INVALID', `metadata.${k}: must be a string of at most ${MAX_METADATA_VALUE} characters`, `metadata.${k}`);
    }
  }
  return {
    ok: true,
    value: {
      id: newKeyId(),
      name,
      owner: input.owner,
      usagePlan: input.usagePlan,
      // The plan and owner always win over caller-supplied metadata: ext-auth trusts these two entries.
      metadata: { ...extra, usagePlan: input.usagePlan, userId: input.owner },
      createdAt: now.toISOString(),
    },
  };
}
