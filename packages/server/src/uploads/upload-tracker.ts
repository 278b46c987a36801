import { EventEmitter } from 'node:events';

/** Where a running upload is: reading (validating and staging rows), merging, or failed as a whole. */
export type UploadPhase = 'reading' | 'merging' | 'failed';

export interface TrackedUpload {
  importId: string;
  distributorId: string;
  fileName: string;
  profileName: string;
  uploadedBy: string;
  phase: UploadPhase;
  linesRead: number;
  /** Share of the file read, 0..1, when the reader knows it. */
  fraction: number | null;
  startedAt: Date;
  error: { code: string; message: string } | null;
}

/** Failed uploads are kept this long so the uploader's page can still show why. */
const FAILED_KEPT_MS = 60 * 60 * 1000;
const MAX_FAILED_KEPT = 1000;

/**
 * Uploads this process is importing, and the ones that failed recently. A finished import lives in
 * `sellout_imports`; a running one only here, so progress is answered by the process that runs it.
 */
export class UploadTracker {
  private readonly uploads = new Map<string, TrackedUpload>();
  private readonly events = new EventEmitter();

  constructor() {
    // One listener per open event stream; many people may watch uploads at once.
    this.events.setMaxListeners(0);
  }

  start(upload: Omit<TrackedUpload, 'phase' | 'linesRead' | 'fraction' | 'error'>): TrackedUpload {
    const tracked: TrackedUpload = { ...upload, phase: 'reading', linesRead: 0, fraction: 0, error: null };
    this.uploads.set(upload.importId, tracked);
    return tracked;
  }

  get(importId: string): TrackedUpload | undefined {
    return this.uploads.get(importId);
  }

  update(importId: string, change: Partial<Pick<TrackedUpload, 'phase' | 'linesRead' | 'fraction'>>): void {
    const tracked = this.uploads.get(importId);
    if (!tracked) return;
    Object.assign(tracked, change);
    this.events.emit(importId, 'progress');
  }

  /** The import is committed: from now on `sellout_imports` answers for it. */
  finish(importId: string): void {
    this.uploads.delete(importId);
    this.events.emit(importId, 'done');
  }

  fail(importId: string, error: { code: string; message: string }): void {
    const tracked = this.uploads.get(importId);
    if (!tracked) return;
    tracked.phase = 'failed';
    tracked.error = error;
    this.events.emit(importId, 'done');
    setTimeout(() => this.uploads.delete(importId), FAILED_KEPT_MS).unref();
    this.forgetOldestFailures();
  }

  /** Calls `listener` on every change of the upload until the returned function is called. */
  watch(importId: string, listener: (change: 'progress' | 'done') => void): () => void {
    this.events.on(importId, listener);
    return () => this.events.off(importId, listener);
  }

  private forgetOldestFailures(): void {
    const failed = [...this.uploads.values()].filter((upload) => upload.phase === 'failed');
    for (const upload of failed.slice(0, Math.max(0, failed.length - MAX_FAILED_KEPT))) {
      this.uploads.delete(upload.importId);
    }
  }
}
