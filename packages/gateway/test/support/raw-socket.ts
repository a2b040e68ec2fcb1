import { connect } from 'node:net';

/** Writes raw bytes to a server and returns everything it answers until it closes (or 3 s pass). */
export function raw(port: number, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => sock.write(payload));
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('close', () => resolve(data));
    sock.on('error', reject);
    sock.setTimeout(3000, () => sock.destroy());
  });
}
