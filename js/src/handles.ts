/// <reference lib="esnext.disposable" preserve="true" />
// What the handle classes (SharedBuffer, StreamingResult) share: `Symbol.dispose` where the runtime
// lacks it, and a FinalizationRegistry that frees module memory a forgotten handle still holds.
import type { QuarryModule } from './module.js';

/** `Symbol.dispose` (Node 20 and recent browsers have it; elsewhere a registered symbol). */
export const disposeSymbol: typeof Symbol.dispose =
  (Symbol as { dispose?: typeof Symbol.dispose }).dispose ?? (Symbol.for('Symbol.dispose') as typeof Symbol.dispose);

/** What a handle holds in module memory. The handle object itself is not referenced, so the
 *  registry can collect it. `id` is zeroed once freed. */
export interface HandleBox {
  module: QuarryModule;
  generation: number;
  id: number;
  free(module: QuarryModule, id: number): void;
}

/** Frees a box's memory once (nothing when its module was reset since: that memory is gone). */
export function freeBox(box: HandleBox): void {
  const id = box.id;
  box.id = 0;
  if (id !== 0 && box.module.generation === box.generation) box.free(box.module, id);
}

/** The safety net: a handle that is garbage-collected without free() is freed here. */
export const finalizer: FinalizationRegistry<HandleBox> | undefined =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<HandleBox>(freeBox) : undefined;
