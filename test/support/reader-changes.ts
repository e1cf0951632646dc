// SPDX-License-Identifier: MIT
import type { ReaderChangeListener } from '../../src-main/core/transport/readers';

/** The watchChanges side of a fake CardReaders: the test says when readers changed or PC/SC failed, as the ReaderMonitor would. */
export class ReaderChanges {
  private readonly listeners = new Set<ReaderChangeListener>();
  /** How many watches were started (a failed one ends, and the watcher starts another once PC/SC answers). */
  started = 0;

  watch(listener: ReaderChangeListener): () => void {
    this.started++;
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get watching(): number {
    return this.listeners.size;
  }

  changed(): void {
    for (const l of [...this.listeners]) l.changed();
  }

  /** PC/SC went away: every watch ends, as a ReaderMonitor whose context died does. */
  failed(error: unknown): void {
    for (const l of [...this.listeners]) {
      this.listeners.delete(l);
      l.failed(error);
    }
  }
}
