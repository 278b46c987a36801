import { EventEmitter } from 'node:events';

/** Where a running upload is: reading (validating and loading rows), then merging. */
export type UploadPhase = 'reading' | 'merging';

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
}

/**
 * The uploads this process is importing right now, with their live progress. The database keeps
 * every upload until its import commits (`sellout_uploads`) and any process can answer for it from
 * there; an event stream answered by the process that runs the import follows it from here, line by
 * line, without asking the database (on PGlite the import's transaction holds the only connection).
 */
export class UploadTracker {
  private readonly uploads = new Map<string, TrackedUpload>();
  private readonly events = new EventEmitter();

  constructor() {
    // One listener per open event stream; many people may watch uploads at once.
    this.events.setMaxListeners(0);
  }

  start(upload: Omit<TrackedUpload, 'phase' | 'linesRead' | 'fraction'>): TrackedUpload {
    const tracked: TrackedUpload = { ...upload, phase: 'reading', linesRead: 0, fraction: 0 };
    this.uploads.set(upload.importId, tracked);
    this.events.emit(upload.importId, 'progress');
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

  /** The attempt ended (committed, failed, or given back to the queue): the database answers for it. */
  finish(importId: string): void {
    this.uploads.delete(importId);
    this.events.emit(importId, 'done');
  }

  /** Calls `listener` on every change of the upload until the returned function is called. */
  watch(importId: string, listener: (change: 'progress' | 'done') => void): () => void {
    this.events.on(importId, listener);
    return () => this.events.off(importId, listener);
  }
}
