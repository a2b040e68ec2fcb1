// `headersFromMetadataEntry` (apiKeyAuth, portalAuth): upstream header → a metadata entry of the credential,
// validated once when the config is compiled.
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface MetadataHeader {
  header: string;
  entry: string;
  required: boolean;
}

/** The mappings, or the message naming the first invalid one. */
export function parseMetadataHeaders(input: Record<string, { name: string; required?: boolean }> | undefined): MetadataHeader[] | string {
  const out: MetadataHeader[] = [];
  for (const [header, m] of Object.entries(input ?? {})) {
    if (!HEADER_NAME.test(header)) return `headersFromMetadataEntry: ${JSON.stringify(header)} is not a valid header name`;
    if (!m || typeof m.name !== 'string' || m.name === '') return `headersFromMetadataEntry.${header}.name is required`;
    out.push({ header: header.toLowerCase(), entry: m.name, required: m.required === true });
  }
  return out;
}
