// @portico/control-plane — translation orchestration, reconciler, admin API.
export { CONTROL_PLANE_ERROR_CODES } from './errors.ts';
export type { ControlPlaneError, ControlPlaneErrorCode } from './errors.ts';
export { DEFAULT_ADMIN_HOST, DEFAULT_ADMIN_PORT, DEFAULT_STATE_DIR, startControlPlane } from './control-plane.ts';
export type { ControlPlane, ControlPlaneOptions } from './control-plane.ts';
export { Reconciler } from './reconciler/reconciler.ts';
export type { ReconcilerOptions, ReconcilerStats } from './reconciler/reconciler.ts';
export { DERIVED_FROM_ANNOTATION } from './reconciler/derived.ts';
export { attachDataPlanes } from './attach/attach-data-planes.ts';
export type { DataPlanes, SnapshotSource } from './attach/attach-data-planes.ts';
export { startAdminServer } from './admin/server.ts';
export type { AdminServer, AdminServerOptions } from './admin/server.ts';
export { isLoopback } from './admin/guard.ts';
export type { AdminGuard } from './admin/guard.ts';
export { applyDocuments } from './admin/apply.ts';
export type { ApplyDocumentResult, ApplyRequest } from './admin/apply.ts';
export { emptyStageResult } from './translate/stage.ts';
export type {
  DerivedResource,
  ResourceIndex,
  Snapshot,
  SnapshotParts,
  Stage,
  StageEntry,
  StageEvent,
  StageResult,
  StatusUpdate,
  TranslationContext,
} from './translate/stage.ts';
export { assembleSnapshot, emptyParts, runTranslation } from './translate/orchestrator.ts';
export type { TranslationOutput } from './translate/orchestrator.ts';
export { buildResourceIndex } from './translate/resource-index.ts';
export { STAGES } from './translate/stages.ts';
export type { StageDefinition } from './translate/stages.ts';
export { deepFreeze, FrozenMap } from './translate/freeze.ts';
