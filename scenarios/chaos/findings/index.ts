// The findings the campaigns made against the real operators, each with the scenario file that
// reproduces it and the invariant it violates. test/unit/scenarios/chaos/known-findings.test.ts keeps
// the open ones reproducing, so that a fix shows up as a test to update rather than going unnoticed,
// and replays the fixed ones as regressions that must now hold.

export interface Finding {
  id: string;
  file: string;
  invariant: string;
  /** Whether the file needs a heal-and-converge phase added to show it (F1 is a safety finding). */
  converge: boolean;
  summary: string;
  /** Set once the cause is fixed: what it was; the file then replays with every invariant holding. */
  fixed?: string;
  /**
   * Set when Ramen's own source does the same: where. Such a finding stays open and keeps reproducing;
   * when no spec property promises otherwise, the checker reports it without failing the run.
   */
  realRamen?: string;
  /**
   * How an open finding shows when it is real Ramen behaviour that no spec property promises
   * otherwise: `invariant` holds, and the run reports it instead, as the app waiting for a person (in
   * `invariant`'s report, with a reason naming the finding) or as an entry of the named measurement.
   * Unset: a violation of `invariant`.
   */
  reportedAs?: 'waiting' | { measurement: string };
}

export const FINDINGS: readonly Finding[] = [
  {
    id: 'F1',
    file: 'scenarios/chaos/findings/f1-relocate-under-replication-stall.yaml',
    invariant: 'relocate-lossless',
    converge: true,
    summary: 'A relocate while replication from the old home is stalled (or the clusters are cut apart) promotes a copy without the final sync.',
    fixed:
      'Storage model (sim/storage/mirroring.ts): a non-forced ResyncVolume on a demoted image whose peer is not primary answered ready=false (csi-addons: Resyncing True), which Ramen counts as syncing as Secondary; ceph-csi fails it (no snapshot details) until the peer applied the demotion snapshot, so csi-addons reports FailedToResync and Ramen waits.',
  },
  {
    id: 'F2',
    file: 'scenarios/chaos/findings/f2-volsync-action-before-protection.yaml',
    invariant: 'convergence',
    converge: false,
    summary: 'A VolSync DRPC given an action to its current home before the hub set up VolSync replication waits for readiness forever.',
    realRamen:
      "drplacementcontrol.go RunRelocate/RunFailover (already-primary path waits for checkReadiness before ensureActionCompleted), vrg_volsync.go aggregateVolSyncDataReadyCondition (DataReady needs ReplicationSourceSetup), vshandler.go ReconcileRS (no RS without the PSK secret), drplacementcontrolvolsync.go EnsureVolSyncReplicationSetup (the only place the secret is propagated, from EnsureSecondaryReplicationSetup).",
    reportedAs: 'waiting',
  },
  {
    id: 'F2b',
    file: 'scenarios/chaos/findings/f2b-volsync-relocate-away-before-protection.yaml',
    invariant: 'convergence',
    converge: false,
    summary: 'A VolSync DRPC relocated to the peer before the hub set up VolSync replication never passes the relocate start gate.',
    realRamen: 'drplacementcontrol.go RunRelocate/readyToSwitchOver (DataReady on the current home), with the same DataReady and secret chain as F2.',
    reportedAs: 'waiting',
  },
  {
    id: 'F3',
    file: 'scenarios/chaos/findings/f3-relocate-over-stale-view.yaml',
    invariant: 'relocate-demotes-first',
    converge: false,
    summary: "A relocate requested while the primary is cut off, before OCM marks it unavailable, trusts its stale view and promotes the target over a live primary.",
    realRamen:
      'util/mcv_util.go GetResource reads only the view\'s Processing condition and result, never its age; OCM\'s view agent stops refreshing a cut-off cluster\'s view and leaves its last result; drplacementcontrol.go RunRelocate then finds no primary and setupRelocation/ensureVRGIsSecondaryEverywhere accept the stale Secondary.',
    reportedAs: { measurement: 'relocate-over-stale-view' },
  },
  {
    id: 'F3b',
    file: 'scenarios/chaos/findings/f3b-relocate-to-unreachable-target.yaml',
    invariant: 'relocate-lossless',
    converge: false,
    summary: 'A relocate to a target that went down a minute earlier runs without it and loses the old home\'s last writes.',
    fixed:
      'Same storage-model cause as F1: the old home\'s demotion snapshot could not reach the down target, yet its VR reported Resyncing True. The hub still proceeds over the stale view (S4), but the old home now stays short of Secondary until the target has the final data.',
  },
  {
    id: 'F4',
    file: 'scenarios/chaos/findings/f4-relocate-abandoned-for-failover-to-its-source.yaml',
    invariant: 'convergence',
    converge: false,
    summary: 'A relocate abandoned mid-final-sync for a failover back to its source completes without the app running anywhere.',
    realRamen: 'drplacementcontrol.go updateVRGOptionalFields keeps the final-sync flags; the primary VRG skips deleted-PVC handling while a final sync is requested (docs/fidelity-hub.md, "Finding F4").',
  },
  {
    id: 'F7',
    file: 'scenarios/chaos/findings/f7-failover-to-relocate-source-after-promotion.yaml',
    invariant: 'convergence',
    converge: false,
    summary: "A relocate abandoned after it promoted its target, for a failover back to its source, never finishes the failover's cleanup: the target's restored PVC keeps its demoted VRG short of Secondary.",
    realRamen:
      'drplacementcontrol.go getCurrentHomeClusterName/retainClusterDecisionAsFailover (home fallback to preferredDecision); vrg_volrep.go isPVCReadyForSecondary (Failover demotes without PVC deletion), aggregateVolRepDataReadyCondition (selected PVCs, none protected: DataReady False); volumereplicationgroup_controller.go updatePVCList (no filter as Secondary), updateStatusState (Unknown without DataReady).',
  },
  {
    id: 'F7b',
    file: 'scenarios/chaos/findings/f7b-failover-back-before-decision-moved.yaml',
    invariant: 'convergence',
    converge: false,
    summary: "A failover replaced by a failover back before the decision moved never finishes cleanup: the first target's restored PVC keeps its demoted VRG short of Secondary (F7's end state).",
    realRamen:
      'drplacementcontrol.go RunFailover (already-primary path: the old home was never demoted), ensureFailoverActionCompleted/cleanupSecondary; then as F7: vrg_volrep.go isPVCReadyForSecondary, aggregateVolRepDataReadyCondition; volumereplicationgroup_controller.go updatePVCList, updateStatusState.',
  },
  {
    id: 'F8',
    file: 'scenarios/chaos/findings/f8-relocate-replaced-by-failover-to-target.yaml',
    invariant: 'convergence',
    converge: false,
    summary: "A relocate stuck after demoting its source, replaced by a failover to its target, never finishes cleanup: the source's VRG keeps action Relocate, so its diverged image is never force-resynced.",
    realRamen:
      'drplacementcontrol.go updateVRGState returns before setVRGAction when the work is already secondary; vrg_volrep.go autoResync is true only for action Failover; ceph-csi ResyncVolume resyncs only when forced.',
  },
  {
    id: 'F10',
    file: 'scenarios/chaos/findings/f10-relocate-over-stale-final-sync.yaml',
    invariant: 'relocate-lossless',
    converge: false,
    summary: "A VolSync relocate after an F4-style failover back to its source trusts the source's stale finalSyncComplete, skips the final sync and loses the writes made since.",
    realRamen:
      'drplacementcontrol.go RunFailover/RunRelocate already-primary branches (ensureVRGManifestWork → updateVRGOptionalFields leaves prepareForFinalSync/runFinalSync), quiesceAndRunFinalSync/prepareForFinalSync/runFinalSync (status read with no check it answers the current request); volumereplicationgroup_controller.go reconcileAsPrimary and vrg_volsync.go reconcileVolSyncAsPrimary/reconcilePVCAsVolSyncPrimary (a primary never resets the status flags; a mounted PVC with runFinalSync requeues); volsync/vshandler.go UndoAfterFinalSync (the PV left pre-bound to the PVC name, so the re-applied app runs on its old data).',
  },
  {
    id: 'F10b',
    file: 'scenarios/chaos/findings/f10b-relocate-back-over-stale-final-sync.yaml',
    invariant: 'relocate-lossless',
    converge: false,
    summary: "F10 with a relocate back to the source in place of the failover: the already-relocated path keeps the final-sync flags too, and the next relocate loses the writes made since.",
    realRamen:
      "As F10; the path back is drplacementcontrol.go RunRelocate's already-relocated branch (vrgExistsAndPrimary(preferredCluster): ensureVRGManifestWork, checkReadiness, ensureRelocateActionCompleted), which also leaves prepareForFinalSync/runFinalSync.",
  },
  {
    id: 'F11',
    file: 'scenarios/chaos/findings/f11-volsync-failover-before-destination.yaml',
    invariant: 'convergence',
    converge: false,
    summary: 'A VolSync failover to a cluster whose ReplicationDestination was never created waits for readiness forever: the new primary has no latestImage to restore from.',
    realRamen:
      'drplacementcontrol.go isValidFailoverTarget (only Secondary state), RunFailover (already-primary path waits for checkReadiness: DataReady and ClusterDataReady), vrg_volsync.go restorePVsAndPVCsForVolSync, volsync/vshandler.go EnsurePVCfromRD/getRDLatestImage ("unable to find LatestImage"); a primary VRG reconciles ReplicationSources only.',
    reportedAs: 'waiting',
  },
  {
    id: 'F12',
    file: 'scenarios/chaos/findings/f12-disable-during-failover-cleanup.yaml',
    invariant: 'clean-disable',
    converge: false,
    summary: "A DRPC deleted during a failover's cleanup, before the old home's RetainedForFailover decision is dropped, is never removed: the app stays on the old home and its PVC in use keeps the secondary VRG from deleting.",
    realRamen:
      'drplacementcontrol.go retainClusterDecisionAsFailover, cleanupSecondary (the only caller that drops the retained decision, once the VRG is secondary at its generation); drplacementcontrol_controller.go finalizeDRPC/cleanupVRGs (no decision change; waits for VRGs count to reach zero); vrg_volrep.go reconcileVRForDeletion/reconcileVRAsSecondary/isPVCReadyForSecondary/isPVCInUse.',
    reportedAs: 'waiting',
  },
  {
    id: 'F5',
    file: 'scenarios/chaos/findings/f5-failover-resync-during-stall.yaml',
    invariant: 'convergence',
    converge: false,
    summary: "A failover during a replication stall leaves the old primary's diverged image unresynced for good: no lastGroupSyncTime, never Protected.",
    fixed:
      'Storage model (sim/storage/mirroring.ts): a forced resync that could not start while the source was stalled was forgotten once Ramen deleted the VolumeReplication (Resyncing True reads as syncing); Ceph keeps the request on the image, and so does the model now, resyncing when the source resumes.',
  },
  {
    id: 'F5b',
    file: 'scenarios/chaos/findings/f5b-failover-resync-target-down.yaml',
    invariant: 'convergence',
    converge: false,
    summary: "A failover whose new primary goes down before the old one is demoted leaves the old primary's diverged image unresynced for good.",
    fixed:
      "Storage model (sim/storage/mirroring.ts): a resync with the primary peer unreachable answered not ready (Resyncing True) without flagging the image; ceph-csi's ResyncVolume flags it when forced and fails for want of snapshot details (FailedToResync), so Ramen keeps the VR and the resync runs once the peer is back.",
  },
  {
    id: 'F6',
    file: 'scenarios/chaos/findings/f6-restart-mid-reconcile.yaml',
    invariant: 'convergence',
    converge: false,
    summary: 'A hub operator restarted (and the hub restored) while a DRCluster reconcile was in flight never reconciles its DRClusters again.',
    fixed:
      'Controller runtime (engine/runtime/controller.ts): the in-flight reconcile of the stopped incarnation kept the worker count at its limit and, when it finished, pumped the old queue; workers are now counted per incarnation.',
  },
  {
    id: 'F9',
    file: 'scenarios/chaos/findings/f9-relocate-after-failover-stale-demotion.yaml',
    invariant: 'convergence',
    converge: false,
    summary: "A relocate back after a failover never completes: the failover's old home kept a pending demotion and became the mirror source once the relocate demoted the other side.",
    fixed:
      'Storage model (sim/storage/mirroring.ts): an image demoted while its peer was already primary recorded a demotion hand-over it did not owe; once the relocate demoted the peer, the model shipped from the stale image, was refused, and the peer\'s demotion snapshot never shipped.',
  },
];
