// uuid.rfc4122 (random version 4, the same UUID for the same key within one query) and uuid.parse.
import { randomUUID } from 'node:crypto';
import type { Value } from '../value/index.ts';
import { makeObject, normalizeInt } from '../value/index.ts';
import { T_ANY, T_STR, fn, objectOf } from './lib/decl.ts';
import { str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const UUID = /^(?:urn:uuid:)?\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})\}?$/;

function variant(byte: number): string {
  if ((byte & 0x80) === 0) return 'Reserved';
  if ((byte & 0xc0) === 0x80) return 'RFC4122';
  if ((byte & 0xe0) === 0xc0) return 'Microsoft';
  return 'Future';
}

/** Fields google/uuid exposes, as OPA's uuid.parse returns them. */
function parse(s: string): Value | undefined {
  const m = UUID.exec(s);
  if (!m) return undefined;
  const hex = m.slice(1).join('').toLowerCase();
  const bytes = Buffer.from(hex, 'hex');
  const version = bytes[6] >> 4;
  const fields: [string, Value][] = [
    ['version', version],
    ['variant', variant(bytes[8])],
  ];
  if (version === 1 || version === 2) {
    const timeLow = BigInt('0x' + hex.slice(0, 8));
    const timeMid = BigInt('0x' + hex.slice(8, 12));
    const timeHi = BigInt('0x' + hex.slice(13, 16));
    const ticks = (timeHi << 48n) | (timeMid << 32n) | timeLow; // 100ns since 1582-10-15
    const unixNs = (ticks - 122192928000000000n) * 100n;
    fields.push(['time', normalizeInt(unixNs)]);
    fields.push(['clocksequence', ((bytes[8] & 0x3f) << 8) | bytes[9]]);
    fields.push(['nodeid', [...bytes.subarray(10)].map((b) => b.toString(16).padStart(2, '0')).join('-')]);
    fields.push(['macvariables', (bytes[10] & 1) === 1 ? 'local:multicast' : (bytes[10] & 2) === 2 ? 'local:unicast' : 'global:unicast']);
    if (version === 2) {
      fields.push(['id', Number(timeLow)]);
      fields.push(['domain', ['Person', 'Group', 'Org'][bytes[9]] ?? `Domain${bytes[9]}`]);
    }
  }
  return makeObject(fields);
}

export const uuidBuiltins: BuiltinTable = {
  'uuid.rfc4122': {
    decl: fn('uuid.rfc4122', [T_STR], T_STR, true),
    impl: (a, ctx) => {
      const key = `uuid.rfc4122\u0000${str(a, 0)}`;
      let v = ctx.cache.get(key) as string | undefined;
      if (v === undefined) {
        v = randomUUID();
        ctx.cache.set(key, v);
      }
      return v;
    },
  },
  'uuid.parse': { decl: fn('uuid.parse', [T_STR], objectOf(T_STR, T_ANY)), impl: (a) => parse(str(a, 0)) },
};
