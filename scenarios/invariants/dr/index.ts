// The DR-cluster operator's safety properties (dr-cluster spec §15), in report order.

import type { Checker } from '../checker.js';
import { clusterDataBeforeApp } from './cluster-data-before-app.js';
import { deletionCompleteness } from './deletion-completeness.js';
import { dryRunNoUpload } from './dry-run-no-upload.js';
import { finalizerOutlivesVr } from './finalizer-outlives-vr.js';
import { finalSyncIntegrity } from './final-sync-integrity.js';
import { kubeObjectsRestored } from './kube-objects-restored.js';
import { noClobbering } from './no-clobbering.js';
import { noDemotionInUse } from './no-demotion-in-use.js';
import { noRestoreDuringFinalSync } from './no-restore-during-final-sync.js';
import { ownershipExclusive } from './ownership-exclusive.js';
import { referencedCaptureSurvives } from './referenced-capture-survives.js';
import { retainWhileProtected } from './retain-while-protected.js';
import { rsRdExclusive } from './rs-rd-exclusive.js';
import { s3DeletesByPrimaries } from './s3-deletes-by-primaries.js';
import { secondaryStateHonesty } from './secondary-state-honesty.js';
import { splitBrainGuard } from './split-brain-guard.js';
import { statusGenerationHonesty } from './status-generation-honesty.js';
import { uploadBeforeProtected } from './upload-before-protected.js';
import { volSyncRestoreLatestImage } from './volsync-restore-latest-image.js';
import { vrgObjectCompleteCapture } from './vrg-object-complete-capture.js';
import { vrFollowsVrg } from './vr-follows-vrg.js';

export const DR_SAFETY: readonly (() => Checker)[] = [
  vrFollowsVrg,
  noDemotionInUse,
  finalizerOutlivesVr,
  retainWhileProtected,
  uploadBeforeProtected,
  clusterDataBeforeApp,
  splitBrainGuard,
  noClobbering,
  s3DeletesByPrimaries,
  referencedCaptureSurvives,
  vrgObjectCompleteCapture,
  noRestoreDuringFinalSync,
  rsRdExclusive,
  finalSyncIntegrity,
  volSyncRestoreLatestImage,
  ownershipExclusive,
  deletionCompleteness,
  dryRunNoUpload,
  secondaryStateHonesty,
  statusGenerationHonesty,
  kubeObjectsRestored,
];
