// Reading and validating the IdP config: from a file (YAML or JSON) or from an object. Errors name the field.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { idpError, type IdpError } from '../errors.ts';
import { idpConfigSchema, type IdpConfig } from './schema.ts';

export type ConfigResult = { ok: true; value: IdpConfig } | IdpError;

export function validateIdpConfig(input: unknown): ConfigResult {
  const parsed = idpConfigSchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  return idpError('IDP_CONFIG_INVALID', `invalid IdP config: ${first}`);
}

export async function loadIdpConfigFile(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return idpError('IDP_CONFIG_READ', `cannot read IdP config ${path}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return idpError('IDP_CONFIG_SYNTAX', `IdP config ${path} is not valid YAML: ${(err as Error).message}`);
  }
  const result = validateIdpConfig(doc);
  return result.ok ? result : idpError(result.code, `${path}: ${result.message}`);
}
