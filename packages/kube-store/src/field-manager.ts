// The fieldManager every write of the controller names (Kubernetes records it in metadata.managedFields; an audit log
// shows it in the request URI): `portico-controller`, and `portico-controller/<identity>` per replica under leader
// election, so the API server's side tells the replicas' writes apart. At most 128 characters, as the server requires.
export const FIELD_MANAGER = 'portico-controller';

export function fieldManagerFor(identity?: string): string {
  return (identity ? `${FIELD_MANAGER}/${identity}` : FIELD_MANAGER).slice(0, 128);
}
