// Minimal DER reading for what node:crypto does not parse: splitting concatenated certificates and
// reading a PKCS#10 certificate request's subject. Malformed input raises Go's "asn1: structure error".
import { builtinError } from '../builtin-error.ts';

export interface Tlv {
  tag: number;
  start: number; // offset of the tag byte
  body: Buffer;
  end: number; // offset after the element
}

function structureError(why: string) {
  return builtinError(`asn1: structure error: ${why}`);
}

export function readTlv(buf: Buffer, at: number): Tlv {
  if (at + 2 > buf.length) throw structureError('truncated tag or length');
  const tag = buf[at];
  let len = buf[at + 1];
  let off = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || off + n > buf.length) throw structureError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[off + i];
    off += n;
  }
  if (off + len > buf.length) throw structureError('data truncated');
  return { tag, start: at, body: buf.subarray(off, off + len), end: off + len };
}

export function children(body: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < body.length; ) {
    const t = readTlv(body, at);
    out.push(t);
    at = t.end;
  }
  return out;
}

/** Concatenated DER elements (e.g. a certificate chain). */
export function splitDer(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < buf.length; ) {
    const t = readTlv(buf, at);
    if (t.tag !== 0x30) throw structureError('tags don\'t match');
    out.push(buf.subarray(t.start, t.end));
    at = t.end;
  }
  return out;
}

function oid(body: Buffer): string {
  const parts = [Math.floor(body[0] / 40), body[0] % 40];
  let v = 0;
  for (let i = 1; i < body.length; i++) {
    v = v * 128 + (body[i] & 0x7f);
    if (!(body[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** X.501 Name → [OID, string value] pairs in order. */
export function readName(name: Tlv): [string, string][] {
  const out: [string, string][] = [];
  for (const rdn of children(name.body)) {
    for (const atv of children(rdn.body)) {
      const [type, value] = children(atv.body);
      if (!type || !value || type.tag !== 0x06) throw structureError('bad attribute');
      out.push([oid(type.body), value.tag === 0x1e ? value.body.swap16().toString('utf16le') : value.body.toString('utf8')]);
    }
  }
  return out;
}

/** The subject Name of a PKCS#10 CertificationRequest. */
export function csrSubject(der: Buffer): [string, string][] {
  const req = readTlv(der, 0);
  if (req.tag !== 0x30) throw structureError("tags don't match");
  const [info] = children(req.body);
  if (!info || info.tag !== 0x30) throw structureError("tags don't match");
  const [version, subject] = children(info.body);
  if (!version || version.tag !== 0x02 || !subject || subject.tag !== 0x30) throw structureError("tags don't match");
  return readName(subject);
}
