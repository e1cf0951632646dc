// SPDX-License-Identifier: MIT
type Listener = (...args: never[]) => unknown;

/** Listeners by event name; `emit` calls them with whatever the real emitter would pass. */
export class Listeners {
  private readonly byEvent = new Map<string, ((...args: unknown[]) => unknown)[]>();
  add(event: string, listener: Listener): void {
    const list = this.byEvent.get(event) ?? [];
    list.push(listener as (...args: unknown[]) => unknown);
    this.byEvent.set(event, list);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.byEvent.get(event) ?? []) l(...args);
  }
  count(event: string): number {
    return this.byEvent.get(event)?.length ?? 0;
  }
}
